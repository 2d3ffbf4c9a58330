using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.SourceMapping;
using SecretGuard.Findings;

/// <summary>
/// What the check does with hostile or unusual input: each case builds its layers on disk (never in
/// memory), plants a credential beside the hostile part, and runs the gate's base image check (or the
/// publish folder check) in a process of its own, so that its peak memory is its own. Prints one row per
/// case: the outcome (codes found, and whether the planted credential was), the time and the peak RSS.
/// </summary>
internal static class HostileInputBenchmark
{
    /// <summary>A credential no test input holds by accident, planted beside every hostile part.</summary>
    private static readonly string Planted = "sk" + "_live_" + new string(Enumerable.Range(0, 32).Select(i => "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"[(i * 37 + 11) % 62]).ToArray());

    private static readonly Dictionary<string, (string What, Func<string, Func<Outcome>> Build)> Cases = new(StringComparer.Ordinal)
    {
        ["baseline"] = ("a small clean layer (the process's own footprint)", dir => Layers(dir, Tar(dir, "l0", t => Add(t, "etc/os-release", "ID=x\n")))),
        ["single-line-200mb"] = ("a 200 MB file with no newline, a key at its end", dir => Layers(dir, Tar(dir, "l0", t => AddGenerated(t, "opt/data/blob.txt", 200L << 20, Repeat("a"), "\"" + Planted + "\"")))),
        ["sql-dump-1gb"] = ("a 1 GiB published SQL dump holding one key (gate, with the inline-ignore check)", PublishedDump),
        ["gz-bombs-1000"] = ("1,000 small .gz.gz.gz files, each inflating to 1 GiB", dir => Layers(dir, Tar(dir, "l0", t =>
        {
            var bomb = Gzip(Gzip(GzipZeros(1L << 30)));
            for (var i = 0; i < 1000; i++)
            {
                Add(t, $"var/log/app/{i:D4}.log.gz.gz.gz", bomb);
            }
        }), PlantedLayer(dir))),
        ["nested-zip-50gb"] = ("a zip of 50 zips, each expanding to 1 GiB", dir => Layers(dir, Tar(dir, "l0", t =>
        {
            var inner = Zip(("zeros.bin", new GeneratedStream(1L << 30, Repeat("\0"), ""), CompressionLevel.Fastest));
            Add(t, "opt/data/all.zip", Zip(Enumerable.Range(0, 50).Select(i => ($"part{i}.zip", (Stream)new MemoryStream(inner), CompressionLevel.NoCompression)).ToArray()));
        }), PlantedLayer(dir))),
        ["zip-depth-5"] = ("a key in a zip nested five deep", dir => Layers(dir, Tar(dir, "l0", t =>
        {
            var zip = Zip(("deep/.env", new MemoryStream(Encoding.UTF8.GetBytes("STRIPE_KEY=" + Planted + "\n")), CompressionLevel.Fastest));
            for (var i = 0; i < 4; i++)
            {
                zip = Zip(($"level{i}.zip", new MemoryStream(zip), CompressionLevel.Fastest));
            }

            Add(t, "opt/plugins/outer.zip", zip);
        }), PlantedLayer(dir))),
        ["mz-500mb-two-layers"] = ("two layers, each a 500 MB file starting with MZ", dir => Layers(dir,
            Tar(dir, "l0", t => AddGenerated(t, "opt/a/tool.exe", 500L << 20, Repeat("MZ\x90\0\x03\0\0\0"), "")),
            Tar(dir, "l1", t => AddGenerated(t, "opt/b/tool.exe", 500L << 20, Repeat("MZ\x90\0\x03\0\0\0"), "")),
            PlantedLayer(dir))),
        ["truncated-gzip-layer"] = ("a gzip layer cut in half, the key in another layer", dir =>
        {
            var cut = Path.Combine(dir, "l0-cut.tar.gz");
            if (!File.Exists(cut))
            {
                var whole = File.ReadAllBytes(Tar(dir, "l0", t => AddGenerated(t, "opt/big.txt", 8L << 20, Repeat("lorem ipsum "), "")));
                File.WriteAllBytes(cut, whole[..(whole.Length / 2)]);
            }

            return Layers(dir, cut, PlantedLayer(dir));
        }),
        ["digest-mismatch"] = ("a layer whose bytes do not match its digest, the key in another layer", dir =>
        {
            var layer = Tar(dir, "l0", t => Add(t, "etc/os-release", "ID=x\n"));
            return Layers(dir, [(layer, "sha256:" + new string('0', 64)), (PlantedLayer(dir), null)]);
        }),
        ["pax-size-1e15"] = ("a tar entry whose PAX size is 10^15, in a short layer", dir => Layers(dir, RawLayer(dir, "l0", () =>
            RawTar.Pax("opt/endless.bin", "size", "1000000000000000") + RawTar.Header("opt/endless.bin", 0, '0') + RawTar.Data(new string('x', 4096))), PlantedLayer(dir))),
        ["pax-size-not-int64"] = ("a PAX size that does not fit an Int64", dir => Layers(dir, RawLayer(dir, "l0", () =>
            RawTar.Pax("opt/big.bin", "size", "99999999999999999999999") + RawTar.Header("opt/big.bin", 0, '0') + RawTar.End()), PlantedLayer(dir))),
        ["base256-mtime-overflow"] = ("a base-256 mtime that does not fit an Int64", dir => Layers(dir, RawLayer(dir, "l0", () =>
            RawTar.Header("opt/a.txt", 5, '0', base256Mtime: true) + RawTar.Data("hello") + RawTar.End()), PlantedLayer(dir))),
        ["gnu-long-name-64mb"] = ("a GNU long name of 64 MB", dir => Layers(dir, RawLayer(dir, "l0", () =>
            RawTar.Header("././@LongLink", 64 << 20, 'L') + RawTar.Data(new string('n', 64 << 20)) + RawTar.Header("x", 5, '0') + RawTar.Data("hello") + RawTar.End()), PlantedLayer(dir))),
        ["gnu-sparse"] = ("a GNU sparse file (old format) holding the key", dir => Layers(dir, RawLayer(dir, "l0", () =>
            RawTar.SparseOld("opt/sparse.env", "STRIPE_KEY=" + Planted + "\n") + RawTar.End()))),
        ["jwt-exp-string"] = ("a signed JWT whose exp claim is a string, beside the key", dir => Layers(dir, Tar(dir, "l0", t =>
        {
            static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var jwt = B64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + B64("{\"sub\":\"svc\",\"exp\":\"never\"}") + "." + B64(new string('s', 32));
            Add(t, "app/token.txt", "TOKEN=" + jwt + "\n");
        }), PlantedLayer(dir))),
    };

    private const string StripeRule = "SG1005";

    private sealed record Outcome(List<Finding> Findings, List<Diagnostic> Diagnostics);

    public static void Run(string[] only)
    {
        var self = Environment.ProcessPath!;
        var dll = typeof(HostileInputBenchmark).Assembly.Location;
        Console.WriteLine($"Hostile input, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores; each case in its own process, built on disk first (not timed).");
        Console.WriteLine("| case | outcome | planted key found | seconds | peak RSS |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var name in only.Length > 0 ? only : Cases.Keys.ToArray())
        {
            // The inputs are written by one process and checked by another, so that the peak memory
            // measured is the check's alone, not what building the inputs took.
            var dir = Path.Combine(Path.GetTempPath(), "sg-hostile-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            try
            {
                var built = Child(self, dll, "--hostile-build", name, dir);
                var line = built.ExitCode != 0 ? null : Child(self, dll, "--hostile-case", name, dir).Output.Split('\n').LastOrDefault(l => l.StartsWith("| ", StringComparison.Ordinal));
                Console.WriteLine(line ?? $"| {name} | ended without a result: {built.Output.Trim().Split('\n').LastOrDefault()} | | | |");
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static (int ExitCode, string Output) Child(string self, string dll, string mode, string name, string dir)
    {
        string[] arguments = self.EndsWith("dotnet", StringComparison.Ordinal) ? [dll, mode, name, dir] : [mode, name, dir];
        using var child = Process.Start(new ProcessStartInfo(self, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        if (!child.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            child.Kill(entireProcessTree: true);
            return (-1, "did not finish in 5 minutes");
        }

        return (child.ExitCode, stdout.Result + stderr.Result);
    }

    private static string Last(string text) => text.Trim().Split('\n').LastOrDefault()?.Trim() ?? "";

    /// <summary>Writes a case's inputs into <paramref name="dir"/>.</summary>
    public static void BuildCase(string name, string dir) => Cases[name].Build(dir);

    /// <summary>
    /// Writes a case's inputs into <paramref name="dir"/> and prints what a real publish needs of them, one
    /// a line: <c>layer FILE</c> for each base image layer in order (gzip blobs), or <c>app-file FILE</c>
    /// for a file the app publishes (scripts/hostile-publish.sh pushes and publishes them). A case whose
    /// layer a registry would refuse (its digest does not match) is said so and left out.
    /// </summary>
    public static void PrintCaseInputs(string name, string dir)
    {
        s_layerFiles = null;
        var (what, build) = Cases[name];
        build(dir);
        Console.WriteLine($"what {what}");
        if (name == "sql-dump-1gb")
        {
            Console.WriteLine($"app-file {Path.Combine(dir, "App", "seed.sql")}");
            return;
        }

        foreach (var (file, digest) in s_layerFiles ?? [])
        {
            Console.WriteLine(digest is null ? $"layer {file}" : $"refused {file} (a registry checks each blob against its digest)");
        }
    }

    /// <summary>The layer files of the case last built (for <see cref="PrintCaseInputs"/>).</summary>
    private static (string File, string? Digest)[]? s_layerFiles;

    /// <summary>Checks a case's inputs, written before by <see cref="BuildCase"/> (writing is skipped for what exists).</summary>
    public static void RunCase(string name, string dir)
    {
        var (what, build) = Cases[name];
        var check = build(dir);
        var before = Rss();
        var stopwatch = Stopwatch.StartNew();
        var outcome = check();
        stopwatch.Stop();
        var codes = outcome.Findings.Select(f => f.RuleId).Concat(outcome.Diagnostics.Select(d => d.Code))
            .GroupBy(c => c).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ×{g.Count()}");
        var planted = outcome.Findings.Any(f => f.RuleId == StripeRule) || outcome.Diagnostics.Any(d => d.Code == StripeRule);
        Console.WriteLine($"| {name}: {what} | {string.Join(", ", codes)} | {(planted ? "yes" : "no")} | {stopwatch.Elapsed.TotalSeconds:0.0} | {PeakRss() >> 20} MB (before the check {before >> 20} MB) |");
    }

    private static long Rss() => StatusValue("VmRSS:");

    private static long PeakRss() => StatusValue("VmHWM:");

    private static long StatusValue(string key)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[key.Length..].Trim().Split(' ')[0]) * 1024;
    }

    /// <summary>The gate's check of a base image made of these layer files (a null digest: the file's own).</summary>
    private static Func<Outcome> Layers(string dir, params string[] layerFiles) => Layers(dir, layerFiles.Select(f => (f, (string?)null)).ToArray());

    private static Func<Outcome> Layers(string dir, (string File, string? Digest)[] layerFiles)
    {
        s_layerFiles = layerFiles;
        var blobs = new Dictionary<string, string>();
        var layers = new List<Descriptor>();
        foreach (var (file, digest) in layerFiles)
        {
            using var stream = File.OpenRead(file);
            var actual = "sha256:" + Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
            var d = new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", digest ?? actual, new FileInfo(file).Length);
            blobs[d.Digest] = file;
            layers.Add(d);
        }

        var image = new ImageToScan("hostile", new ImageManifest(new Descriptor("", "sha256:c", 2), layers), ImageConfig.Parse("{\"config\":{\"Env\":[\"PATH=/usr/bin\"]}}"), new FileBlobs(blobs));
        return () =>
        {
            var (findings, _) = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), null).Scan("hostile", [image], [], []);
            return new Outcome(findings, []);
        };
    }

    /// <summary>A 1 GiB SQL dump published from the project, one key in it: the gate with source mapping and the inline-ignore check.</summary>
    private static Func<Outcome> PublishedDump(string dir)
    {
        var project = Path.Combine(dir, "App");
        var publish = Path.Combine(project, "bin", "publish");
        Directory.CreateDirectory(publish);
        var line = "INSERT INTO orders (id, customer, note) VALUES (42, 'ACME Corporation', 'deliver to the loading dock');\n";
        if (!File.Exists(Path.Combine(publish, "seed.sql")))
        {
            WriteDump(Path.Combine(project, "seed.sql"), line);
            File.Copy(Path.Combine(project, "seed.sql"), Path.Combine(publish, "seed.sql"));
        }

        var context = new ProjectContext
        {
            ProjectFile = Path.Combine(project, "App.csproj"),
            WorkingDirectory = "/app",
            PublishedFiles = [new PublishedFile(Path.Combine(project, "seed.sql"), "seed.sql")],
        };
        return () =>
        {
            var outcome = ContainerCheck.RunBeforeBuild(new ContainerInputs(null, publish), context, RuleSet.Default);
            return new Outcome([], outcome.Diagnostics.ToList());
        };
    }

    /// <summary>Half a GiB of rows, the key, half a GiB of rows.</summary>
    private static void WriteDump(string path, string line)
    {
        using var dump = File.Create(path);
        var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, 10_000)));
        for (long written = 0; written < 1L << 29; written += chunk.Length)
        {
            dump.Write(chunk);
        }

        dump.Write(Encoding.UTF8.GetBytes("-- payments: STRIPE_KEY=" + Planted + "\n"));
        for (long written = 0; written < 1L << 29; written += chunk.Length)
        {
            dump.Write(chunk);
        }
    }

    private static string PlantedLayer(string dir) => Tar(dir, "planted", t => Add(t, "app/appsettings.Production.json", "{\n  \"Stripe\": { \"SecretKey\": \"" + Planted + "\" }\n}\n"));

    private static string Tar(string dir, string name, Action<TarWriter> write)
    {
        var path = Path.Combine(dir, name + ".tar.gz");
        if (File.Exists(path))
        {
            return path;
        }

        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            write(tar);
        }

        return path;
    }

    /// <param name="tarText">Made only when the layer is written (it can be large).</param>
    private static string RawLayer(string dir, string name, Func<string> tarText)
    {
        var path = Path.Combine(dir, name + ".tar.gz");
        if (File.Exists(path))
        {
            return path;
        }

        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.Latin1.GetBytes(tarText()));
        return path;
    }

    private static void Add(TarWriter tar, string path, string text) => Add(tar, path, Encoding.UTF8.GetBytes(text));

    private static void Add(TarWriter tar, string path, byte[] content) =>
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(content) });

    private static void AddGenerated(TarWriter tar, string path, long size, byte[] pattern, string tail) =>
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new GeneratedStream(size, pattern, tail) });

    private static byte[] Repeat(string pattern) => Encoding.Latin1.GetBytes(pattern);

    private static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gz.Write(data);
        }

        return ms.ToArray();
    }

    private static byte[] GzipZeros(long size)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            new GeneratedStream(size, [0], "").CopyTo(gz, 1 << 20);
        }

        return ms.ToArray();
    }

    private static byte[] Zip(params (string Name, Stream Content, CompressionLevel Level)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, level) in entries)
            {
                using var s = zip.CreateEntry(name, level).Open();
                content.CopyTo(s, 1 << 20);
            }
        }

        return ms.ToArray();
    }

    /// <summary>A pattern repeated to a size, then a tail: large content without the memory.</summary>
    private sealed class GeneratedStream(long size, byte[] pattern, string tail) : Stream
    {
        private readonly byte[] _tail = Encoding.UTF8.GetBytes(tail);
        private long _position;

        public override bool CanRead => true;

        // Seekable, so that a tar writer can take its length up front.
        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => size;

        public override long Position { get => _position; set => _position = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, size - _position);
            for (var i = 0; i < n; i++)
            {
                var at = _position + i;
                var fromTail = at - (size - _tail.Length);
                buffer[offset + i] = fromTail >= 0 ? _tail[fromTail] : pattern[at % pattern.Length];
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => size + offset,
        };

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class FileBlobs(Dictionary<string, string> files) : IBlobSource
    {
        public string Description => "hostile layers";

        public bool ReadsConcurrently => true;

        public void ReadBlobs(IReadOnlyCollection<Descriptor> wanted, Action<Descriptor, Stream> visit)
        {
            foreach (var d in wanted)
            {
                using var stream = File.OpenRead(files[d.Digest]);
                visit(d, stream);
            }
        }
    }

    /// <summary>Tar bytes written by hand, for headers no tar writer produces.</summary>
    private static class RawTar
    {
        public static string Header(string name, long size, char type, bool base256Mtime = false, string extra = "")
        {
            var h = new char[512];
            Array.Fill(h, '\0');
            void Put(int at, string s) => s.CopyTo(0, h, at, Math.Min(s.Length, 512 - at));
            Put(0, name.Length > 100 ? name[..100] : name);
            Put(100, "0000644\0");
            Put(108, "0000000\0");
            Put(116, "0000000\0");
            Put(124, Convert.ToString(Math.Min(size, 077777777777), 8).PadLeft(11, '0') + "\0");
            if (base256Mtime)
            {
                h[136] = (char)0x80;
                for (var i = 137; i < 148; i++)
                {
                    h[i] = (char)0xFF;
                }
            }
            else
            {
                Put(136, "00000000000\0");
            }

            h[156] = type;
            if (type is 'L' or 'K' or 'S')
            {
                Put(257, "ustar  \0"); // GNU
            }
            else
            {
                Put(257, "ustar\0");
                Put(263, "00");
            }

            Put(345, extra);
            Put(148, "        ");
            var sum = h.Sum(c => (int)(byte)c);
            Put(148, Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ");
            return new string(h);
        }

        public static string Data(string content) => content + new string('\0', (512 - (content.Length % 512)) % 512);

        public static string Pax(string name, string key, string value)
        {
            var record = $" {key}={value}\n";
            var length = record.Length;
            while ((length.ToString().Length + record.Length) != length)
            {
                length = length.ToString().Length + record.Length;
            }

            var body = length + record;
            return Header("PaxHeaders/" + name, body.Length, 'x') + Data(body);
        }

        /// <summary>An old-style GNU sparse entry: one data segment at offset 0 (the real size is the segment's).</summary>
        public static string SparseOld(string name, string content)
        {
            var h = Header(name, content.Length, 'S').ToCharArray();
            void Put(int at, string s) => s.CopyTo(0, h, at, s.Length);
            Put(386, Convert.ToString(0, 8).PadLeft(11, '0') + "\0");
            Put(398, Convert.ToString(content.Length, 8).PadLeft(11, '0') + "\0");
            Put(483, Convert.ToString(content.Length, 8).PadLeft(11, '0') + "\0");
            Put(148, "        ");
            var sum = h.Sum(c => (int)(byte)c);
            Put(148, Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ");
            return new string(h) + Data(content);
        }

        public static string End() => new('\0', 1024);
    }
}
