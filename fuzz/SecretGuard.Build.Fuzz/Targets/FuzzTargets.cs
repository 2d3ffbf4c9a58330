using System.Net;
using System.Security.Cryptography;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.Detection.KeyStores;
using SecretGuard.ImageReading;
using SecretGuard.ImageReading.Local;
using SecretGuard.ImageReading.Registry;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.Findings;

namespace SecretGuard.Fuzzing;

/// <summary>
/// One reader under fuzzing: how raw bytes reach it, and its contract: the exception types it documents
/// as "this input is bad" (the caller turns those into a named finding). Any other exception, a stack
/// overflow, a hang or memory past the limit is a crash of the target.
/// </summary>
/// <param name="Name">What <c>scripts/fuzz.sh NAME</c> selects.</param>
/// <param name="Reader">The code under test, for people.</param>
/// <param name="Documented">Exception types the reader may throw on bad input (subclasses included).</param>
/// <param name="Run">Feeds one input to the reader and consumes everything it yields.</param>
public sealed record FuzzTarget(string Name, string Reader, Type[] Documented, Action<byte[]> Run)
{
    /// <summary>Whether <paramref name="ex"/> is one of the reader's documented failures.</summary>
    public bool IsDocumented(Exception ex) => Documented.Any(t => t.IsInstanceOfType(ex));

    /// <summary>Runs one input; a documented failure is returned, anything else escapes.</summary>
    public Exception? RunChecked(byte[] input)
    {
        try
        {
            Run(input);
            return null;
        }
        catch (Exception ex) when (IsDocumented(ex))
        {
            return ex;
        }
    }

    public string Contract => Documented.Length == 0 ? "no exception" : "only " + string.Join(", ", Documented.Select(t => t.Name));
}

/// <summary>A reader failed in a way it does not document, though the caller caught it: a crash for the fuzzer.</summary>
public sealed class ReaderFaultException(string message) : Exception(message);

internal static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("layer", "LayerReader.ReadFiles (tar, gzip, zstd layer blobs)", [typeof(ImageReadException)], RunLayer),
        new("nested", "NestedArchives.ReadEntries (zip, tar, tar.gz, .gz inside files, nested)", [typeof(ScanIncompleteException)], RunNested),
        new("assembly", "AssemblyScanner.Scan (PE, metadata tables, IL, resources)", [typeof(BadImageFormatException), typeof(RuleTimeoutException)], RunAssembly),
        new("pdb", "PdbLiteralLocator through AssemblyScanner.Scan (portable PDB beside an assembly)", [typeof(BadImageFormatException), typeof(RuleTimeoutException)], RunPdb),
        new("bundle", "SingleFileBundle.TryRead and every entry's stream", [typeof(InvalidDataException), typeof(EndOfStreamException)], RunBundle),
        new("nativeaot", "NativeAotImage.IsNativeAot and Strings (ELF string runs), GoExecutable.HasBuildIdNote (ELF program headers and notes)", [], RunNativeAot),
        new("pkcs12", "Pkcs12Inspector.Inspect (PKCS#12 / PFX)", [], data => Pkcs12Inspector.Inspect(data)),
        new("jks", "JavaKeyStoreInspector.Inspect (JKS, JCEKS)", [], data => JavaKeyStoreInspector.Inspect(data)),
        new("manifest", "ImageManifest.Parse, ImageConfig.Parse, the image index (RegistryImageSource.Resolve)", [typeof(ImageReadException)], RunManifest),
        new("registry", "RegistryClient: WWW-Authenticate challenge, token JSON, manifest response", [typeof(ImageReadException)], RunRegistry),
        new("state", "Baseline.Load, LayerResultCache.TryGet, CleanFileCache.Open, GateHandover.Parse", [], RunState),
        new("rules", "RuleSet.Default.Scan over arbitrary text", [typeof(RuleTimeoutException)], RunRules),
        new("archive", "ImageArchive and ImageLayout (docker save, podman save, OCI layout and SDK tarballs, gzip or not), then every layer the images name", [typeof(ImageReadException)], RunArchive),
        new("file", "FileScanner.Scan over arbitrary file content (first byte picks the file's path); an SG0004 naming an undocumented exception counts as a crash", [], RunFile),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>Reads a stream to its end without keeping it: what a scan of the file would read.</summary>
    public static long Drain(Stream stream)
    {
        var buffer = new byte[16384];
        long total = 0;
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            total += n;
        }

        return total;
    }

    private static string Sha256(byte[] data) => "sha256:" + Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();

    private static void RunLayer(byte[] data)
    {
        // The digest matches, so the fuzzer explores the tar and compression readers, not the digest check.
        var layer = new Descriptor("application/vnd.oci.image.layer.v1.tar", Sha256(data), data.Length);
        // Entries it cannot read are reported and skipped, as the layer scanner has it, so the reader reads on past them.
        LayerReader.ReadFiles(layer, new MemoryStream(data, writable: false), file => Drain(file.Content), _ => { }, unreadable: (_, _) => { });
    }

    /// <summary>
    /// An image tarball as the secretguard tool reads one: its metadata, each image of every platform, then
    /// the layers each image names, read through as a check would (entries it cannot read are skipped).
    /// </summary>
    private static void RunArchive(byte[] data)
    {
        var archive = new ImageArchive(() => new MemoryStream(data, writable: false), "the fuzzed archive");
        foreach (var image in archive.Layout().Images(platform: null))
        {
            archive.Blobs(image).ReadBlobs(image.Manifest.Layers, (descriptor, blob) =>
                LayerReader.ReadFiles(descriptor, blob, file => Drain(file.Content), _ => { }, unreadable: (_, _) => { }));
        }
    }

    /// <summary>The archive kinds a nested input may be; its first byte chooses.</summary>
    public static readonly (NestedArchives.Kind Kind, string Path)[] NestedKinds =
    [
        (NestedArchives.Kind.Zip, "/app/lib.zip"),
        (NestedArchives.Kind.Tar, "/app/data.tar"),
        (NestedArchives.Kind.TarGzip, "/app/data.tar.gz"),
        (NestedArchives.Kind.Gzip, "/app/settings.json.gz"),
    ];

    private static void RunNested(byte[] data)
    {
        if (data.Length == 0)
        {
            return;
        }

        var (kind, path) = NestedKinds[data[0] % NestedKinds.Length];
        var content = new MemoryStream(data, 1, data.Length - 1, writable: false);
        ReadNested(path, kind, content.Length, content, depth: 0);
    }

    /// <summary>Opens archives inside archives as the file scanner does, down to <see cref="NestedArchives.MaxDepth"/>.</summary>
    private static void ReadNested(string path, NestedArchives.Kind kind, long size, Stream content, int depth)
    {
        NestedArchives.ReadEntries(path, kind, size, content, decompressed => decompressed, (entryPath, entrySize, entry, _) =>
        {
            var full = path + NestedArchives.Separator + entryPath;
            var head = new byte[4];
            var read = entry.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var inner = NestedArchives.Recognise(full, head.AsSpan(0, read));
            var replay = new ReplayStream(head.AsMemory(0, read), entry);
            if (inner != NestedArchives.Kind.None && depth + 1 < NestedArchives.MaxDepth)
            {
                ReadNested(full, inner, entrySize, replay, depth + 1);
            }
            else
            {
                Drain(replay);
            }
        });
    }

    private static readonly Lazy<AssemblyScanner> Assemblies = new(() => new AssemblyScanner(RuleSet.Default));

    private static void RunAssembly(byte[] data) => Assemblies.Value.Scan(data);

    private static void RunPdb(byte[] data) => Assemblies.Value.Scan(SeedInputs.PdbHost.Value.Assembly, () => new MemoryStream(data, writable: false));

    private static void RunBundle(byte[] data)
    {
        if (SingleFileBundle.TryRead(data) is not { } bundle)
        {
            return;
        }

        foreach (var file in bundle.Files)
        {
            using var stream = file.Open();
            Drain(stream);
        }
    }

    private static void RunNativeAot(byte[] data)
    {
        NativeAotImage.IsNativeAot(data);
        GoExecutable.HasBuildIdNote(data.AsSpan(0, Math.Min(data.Length, GoExecutable.HeadBytes)));
        foreach (var _ in NativeAotImage.Strings(data))
        {
        }
    }

    private static void RunManifest(byte[] data)
    {
        var json = Encoding.UTF8.GetString(data);
        try
        {
            ImageManifest.Parse(json);
        }
        catch (ImageReadException)
        {
        }

        try
        {
            ImageConfig.Parse(json).SdkLayerIndexes(3);
        }
        catch (ImageReadException)
        {
        }

        // The same JSON served by a registry as the image's manifest (or index), then as every manifest and blob it names.
        // Served as plain JSON, so the client tells an index from a manifest by its content.
        using var handler = new ServingHandler(_ => Ok(data, "application/json"));
        using var client = new RegistryClient("127.0.0.1:5000", NoCredentials, QuickOptions, handler);
        new RegistryImageSource(client, []).Resolve(new ImageReference("127.0.0.1:5000", "app", "latest"), [new Platform("linux", "amd64")]);
    }

    /// <summary>
    /// The input is three parts separated by NUL bytes: the WWW-Authenticate value of the registry's 401,
    /// the token service's JSON answer, and the manifest the registry then serves.
    /// </summary>
    private static void RunRegistry(byte[] data)
    {
        var parts = Split(data, 3);
        using var handler = new ServingHandler(request =>
        {
            var path = request.RequestUri!.AbsolutePath;
            if (!path.StartsWith("/v2/", StringComparison.Ordinal))
            {
                return Ok(parts[1], "application/json"); // the token service
            }

            if (request.Headers.Authorization is null)
            {
                var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new ByteArrayContent([]) };
                challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", Encoding.UTF8.GetString(parts[0]));
                return challenge;
            }

            return Ok(parts[2], "application/vnd.oci.image.manifest.v1+json");
        });
        using var client = new RegistryClient("registry.fuzz.invalid", NoCredentials, QuickOptions, handler);
        var (_, body) = client.GetManifest("app", "latest");
        ImageManifest.Parse(Encoding.UTF8.GetString(body));
    }


    /// <summary>Stands for the current scanner version in a state seed, which changes with every build of the scanner.</summary>
    public const string ScannerPlaceholder = "@SCANNER@";

    /// <summary>Stands for the layer digest in a layer cache seed.</summary>
    public const string LayerPlaceholder = "@LAYER@";

    public const string StateLayerDigest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    /// <summary>
    /// The same bytes as a baseline file, as a layer cache entry (its hash line made to match, so the
    /// JSON is what gets read) and as the publish folder's clean-file state.
    /// </summary>
    private static void RunState(byte[] data)
    {
        // A folder per input: tests run targets on several threads at once.
        var directory = Path.Combine(Path.GetTempPath(), "secretguard-fuzz-state-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            ReadState(data, directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void ReadState(byte[] data, string directory)
    {
        var text = Encoding.UTF8.GetString(data).Replace(ScannerPlaceholder, LayerResultCache.ScannerVersion).Replace(LayerPlaceholder, StateLayerDigest);
        var body = Encoding.UTF8.GetBytes(text);

        var baseline = Path.Combine(directory, "secretguard.baseline.json");
        File.WriteAllBytes(baseline, data);
        try
        {
            Baseline.Load(baseline);
        }
        catch (InvalidDataException)
        {
        }

        var cache = new LayerResultCache(Path.Combine(directory, "cache"));
        var layer = new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", StateLayerDigest, 1);
        var entry = Path.Combine(cache.Directory, "layers", LayerResultCache.ScannerVersion, StateLayerDigest.Replace(':', '-') + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(entry)!);
        using (var file = File.Create(entry))
        {
            file.Write(Encoding.ASCII.GetBytes(Convert.ToHexString(SHA256.HashData(body)).ToLowerInvariant() + "\n"));
            file.Write(body);
        }

        cache.TryGet(layer);

        File.WriteAllBytes(Path.Combine(directory, "secretguard.clean-files.json"), body);
        var clean = CleanFileCache.Open(directory, ScanLimits.None);
        clean.IsUnchangedAndClean("appsettings.json", new FileInfo(baseline));

        // What one step hands the next travels as base64 text in an MSBuild property: read as such, and as text.
        GateHandover.Parse(Convert.ToBase64String(data));
        GateHandover.Parse(text);
    }

    private static void RunRules(byte[] data)
    {
        // Each rule's pre-check against its Find (RuleSet.VerifyMayFind): a rule that would let a window
        // skip a credential it finds throws InvalidOperationException, a crash.
        RuleSet.VerifyMayFind = true;
        var text = Encoding.UTF8.GetString(data);
        RuleSet.Default.Scan(text);
        RuleSet.Default.Scan(text, TextOrigin.SourceCode);
    }

    /// <summary>The paths a file target's input may have; its first byte chooses (the path decides how it is read).</summary>
    public static readonly string[] FilePaths =
    [
        "/app/appsettings.json",
        "/app/App.dll",
        "/app/App",
        "/app/lib.zip",
        "/app/data.tar.gz",
        "/app/data.tar",
        "/app/settings.json.gz",
        "/app/cert.pfx",
        "/app/keystore.jks",
        "/usr/share/doc/tool/README",
        "/app/Program.cs",
        "/usr/bin/tool",

        // Files that are secrets by their path (SecretFileRules): read whole, then given to the text rules and to their own.
        "/run/secrets/db_password",
        "/app/config/master.key",
        "/var/jenkins_home/secrets/master.key",
        "/root/.vault-token",
        "/home/deploy/.vault_pass.txt",
    ];

    private static void RunFile(byte[] data)
    {
        if (data.Length == 0)
        {
            return;
        }

        var path = FilePaths[data[0] % FilePaths.Length];
        var scanner = new FileScanner(RuleSet.Default);
        AssertNoReaderFault(scanner.Scan(path, data.Length - 1, new MemoryStream(data, 1, data.Length - 1, writable: false), 0, StateLayerDigest).Findings);
    }

    /// <summary>
    /// The file scanner turns any failure on a file into an SG0004 finding; one that names an exception
    /// no reader documents ("a fault of SecretGuard's") is still a bug of that reader, so a crash here.
    /// </summary>
    public static void AssertNoReaderFault(IEnumerable<Finding> findings)
    {
        foreach (var finding in findings)
        {
            if (finding.IsNotChecked && finding.Label.Contains("a fault of SecretGuard's", StringComparison.Ordinal))
            {
                throw new ReaderFaultException($"{finding.Location}: {finding.Label}");
            }
        }
    }

    /// <summary>Splits on NUL into exactly <paramref name="count"/> parts (the last keeps any further NULs; missing ones are empty).</summary>
    public static byte[][] Split(byte[] data, int count)
    {
        var parts = new byte[count][];
        var start = 0;
        for (var i = 0; i < count; i++)
        {
            var end = i == count - 1 ? -1 : Array.IndexOf(data, (byte)0, start);
            if (end < 0)
            {
                parts[i] = data[Math.Min(start, data.Length)..];
                for (var j = i + 1; j < count; j++)
                {
                    parts[j] = [];
                }

                return parts;
            }

            parts[i] = data[start..end];
            start = end + 1;
        }

        return parts;
    }

    // Made per input, never in a static initializer: instrumented code must not run before SharpFuzz is set up.
    private static RegistryCredentials NoCredentials => new(_ => null, Path.Combine(Path.GetTempPath(), "secretguard-fuzz-no-home"));

    private static RegistryClientOptions QuickOptions => new() { Attempts = 1, FirstRetryDelay = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(5) };

    private static HttpResponseMessage Ok(byte[] body, string mediaType)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        return response;
    }

    /// <summary>An in-memory registry: answers each request with what the target makes of the input.</summary>
    private sealed class ServingHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        private int _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // A client that asks without end is a hang of the target; fail it loudly rather than spin.
            if (++_requests > 50)
            {
                throw new InvalidOperationException("the registry client sent more than 50 requests for one input");
            }

            return Task.FromResult(answer(request));
        }
    }

    /// <summary>Replays bytes already read from a stream, then the rest of it.</summary>
    private sealed class ReplayStream(ReadOnlyMemory<byte> head, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> _head = head;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_head.Length > 0)
            {
                var n = Math.Min(buffer.Length, _head.Length);
                _head.Span[..n].CopyTo(buffer);
                _head = _head[n..];
                return n;
            }

            return rest.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
