using System.Diagnostics;
using SecretGuard.Detection;
using SecretGuard.Scanning;

/// <summary>
/// The file scanner on every file of some folders, read into memory first, as the files of an
/// uncompressed layer reach it: one core, the first pass and the best of eleven after it, with the time by kind of file (of the best).
/// </summary>
internal static class LayerContentBenchmark
{
    public static void Run(string[] dirs)
    {
        var files = dirs.SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => new FileInfo(f).Length is > 0 and < 256 << 20)
            .Select(f => (Path: Path.GetFullPath(f), Bytes: File.ReadAllBytes(f)))
            .ToList();
        var total = files.Sum(f => (long)f.Bytes.Length);
        var scanner = new FileScanner(RuleSet.Default);
        const int Passes = 12;
        var best = double.MaxValue;
        var first = 0.0;
        var findings = 0;
        var byKind = new Dictionary<string, (long Bytes, double Ms)>();
        for (var pass = 0; pass < Passes; pass++)
        {
            findings = 0;
            var kinds = new Dictionary<string, (long Bytes, double Ms)>();
            var all = Stopwatch.StartNew();
            foreach (var (path, bytes) in files)
            {
                var started = Stopwatch.GetTimestamp();
                findings += scanner.Scan(path, bytes.Length, new MemoryStream(bytes, writable: false), 1, "sha256:bench").Findings.Count;
                var kind = Kind(path, bytes);
                var (b, ms) = kinds.GetValueOrDefault(kind);
                kinds[kind] = (b + bytes.Length, ms + Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            if (pass == 0)
            {
                first = all.Elapsed.TotalSeconds;
            }
            else if (all.Elapsed.TotalSeconds < best)
            {
                best = all.Elapsed.TotalSeconds;
                byKind = kinds;
            }
        }

        Console.WriteLine($"files: {files.Count}, bytes: {total / 1e6:F1} MB, findings: {findings}");
        Console.WriteLine($"best of {Passes - 1} after the first: {best * 1000:F0} ms, throughput: {total / 1e6 / best:F0} MB/s (one core); first pass {first * 1000:F0} ms, {total / 1e6 / first:F0} MB/s");
        foreach (var (kind, (bytes, ms)) in byKind.OrderByDescending(k => k.Value.Ms))
        {
            Console.WriteLine($"  {kind,-22} {bytes / 1e6,8:F1} MB {ms,8:F0} ms {bytes / 1e3 / Math.Max(ms, 0.001),8:F0} MB/s");
        }

        // The gzip files (compressed documentation): decompression alone, to compare the scan with.
        var gzip = files.Where(f => f.Bytes.Length > 2 && f.Bytes[0] == 0x1F && f.Bytes[1] == 0x8B).ToList();
        if (gzip.Count > 0)
        {
            var inflateBest = double.MaxValue;
            long inflated = 0;
            for (var pass = 0; pass < 3; pass++)
            {
                inflated = 0;
                var sw = Stopwatch.StartNew();
                foreach (var (_, bytes) in gzip)
                {
                    using var stream = new System.IO.Compression.GZipStream(new MemoryStream(bytes, writable: false), System.IO.Compression.CompressionMode.Decompress);
                    var counter = new CountingStream();
                    stream.CopyTo(counter);
                    inflated += counter.Length;
                }

                inflateBest = Math.Min(inflateBest, sw.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine($"  gzip files: {gzip.Count}, {gzip.Sum(g => (long)g.Bytes.Length) / 1e6:F1} MB compressed, {inflated / 1e6:F1} MB inflated; decompression alone {inflateBest:F0} ms ({inflated / 1e3 / inflateBest:F0} MB/s inflated)");
        }
    }

    private static string Kind(string path, byte[] bytes) =>
        AssemblyScanner.LooksLikePe(bytes) ? "managed/PE assemblies"
        : bytes.Length > 4 && bytes[0] == 0x7F && bytes[1] == (byte)'E' ? "ELF binaries"
        : TextStreamScanner.DetectEncoding(bytes.AsSpan(0, Math.Min(bytes.Length, 8000)), out _) is null ? "other binary" : "text";
}

/// <summary>A write-only stream that only counts, so decompression is timed without a copy.</summary>
internal sealed class CountingStream : Stream
{
    private long _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => _length += count;
}
