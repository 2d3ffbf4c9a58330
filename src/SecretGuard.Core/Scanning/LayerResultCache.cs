using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SecretGuard.Detection;
using SecretGuard.Detection.Catalogue;
using SecretGuard.ImageReading;
using SecretGuard.Findings;

namespace SecretGuard.Scanning;

/// <summary>What scanning one layer found, independent of where the layer sits in an image.</summary>
/// <param name="Findings">Findings with layer index 0; the caller places them.</param>
internal sealed record LayerResult(IReadOnlyList<Finding> Findings, IReadOnlyList<Whiteout> Whiteouts, int Files, long Bytes, IReadOnlyList<string> UnopenedArchives)
{
    /// <summary>Files over the size limit, not read: a layer with any is never cached.</summary>
    public IReadOnlyList<string> SkippedFiles { get; init; } = [];
}

/// <summary>
/// Per-user cache of layer results, keyed by layer digest and the scanner's version (rules and
/// limits), so a base image is read once per machine. An entry that cannot be read or does not match
/// its key or its checksum is ignored and rewritten, never trusted. Holds redacted findings only, never secrets.
/// An entry is a line with the SHA-256 of the JSON that follows it, so a truncated or altered file is detected.
/// The cache never fails a check: a folder that is read-only, full or not a folder, and an entry that is
/// garbage, huge, deeply nested or of another version, are each a miss (<see cref="LastProblem"/> says why).
/// </summary>
internal sealed class LayerResultCache(string directory)
{
    private const int FormatVersion = 2;

    /// <summary>Far more than the findings of any real layer; a bigger entry is not read.</summary>
    internal const int MaxEntryBytes = 32 << 20;

    private static readonly JsonDocumentOptions EntryJson = new() { MaxDepth = 8 };

    /// <summary>Changes whenever the scanner's code, the package version or a scanning limit changes.</summary>
    public static string ScannerVersion { get; } = ComputeScannerVersion();

    public string Directory { get; } = directory;

    /// <summary>$XDG_CACHE_HOME/secretguard, ~/.cache/secretguard, or %LOCALAPPDATA%\SecretGuard.</summary>
    public static string DefaultDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "SecretGuard", "Cache");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg, "secretguard");
    }

    /// <summary>Why the cache was last of no use (an entry ignored, a folder not writable), for a low-importance message; null when it was.</summary>
    public string? LastProblem { get; private set; }

    /// <summary>Where a layer's entry lives; null for a digest that is not a plain sha256/sha512 one (never a path of its own).</summary>
    internal string? PathFor(string digest) => Descriptor.IsValidDigest(digest)
        ? Path.Combine(Directory, "layers", ScannerVersion, digest.Replace(':', '-') + ".json")
        : null;

    public LayerResult? TryGet(Descriptor layer)
    {
        var path = PathFor(layer.Digest);
        if (path is null)
        {
            return null;
        }

        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var bytes = ReadBounded(path);
            if (bytes is null)
            {
                return Ignore(path, $"larger than {MaxEntryBytes >> 20} MB");
            }

            var newline = Array.IndexOf(bytes, (byte)'\n');
            if (newline != 64 || !string.Equals(Encoding.ASCII.GetString(bytes, 0, 64), Convert.ToHexString(SHA256.HashData(bytes.AsSpan(65))), StringComparison.OrdinalIgnoreCase))
            {
                return Ignore(path, "truncated or altered (its checksum does not match)");
            }

            using var doc = JsonDocument.Parse(bytes.AsMemory(65), EntryJson);
            var root = doc.RootElement;
            if (root.GetProperty("format").GetInt32() != FormatVersion || root.GetProperty("layer").GetString() != layer.Digest || root.GetProperty("scanner").GetString() != ScannerVersion)
            {
                return Ignore(path, "of another format, layer or scanner version");
            }

            // Loops rather than LINQ over JsonElement: its generic code over a struct is compiled on the spot in every build.
            var findings = new List<Finding>();
            foreach (var e in root.GetProperty("findings").EnumerateArray())
            {
                findings.Add(ReadFinding(e, layer.Digest));
            }

            var whiteouts = new List<Whiteout>();
            foreach (var e in root.GetProperty("whiteouts").EnumerateArray())
            {
                whiteouts.Add(new Whiteout(Text(e, "path"), e.GetProperty("opaque").GetBoolean()));
            }

            var unopened = new List<string>();
            foreach (var e in root.GetProperty("unopened").EnumerateArray())
            {
                unopened.Add(e.GetString() ?? throw new FormatException("null in the cache entry"));
            }

            return new LayerResult(findings, whiteouts, root.GetProperty("files").GetInt32(), root.GetProperty("bytes").GetInt64(), unopened);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Ignore(path, $"unreadable ({ex.GetType().Name})"); // corrupt or foreign: scan again and overwrite
        }
    }

    private LayerResult? Ignore(string path, string why)
    {
        LastProblem = $"the cache entry {path} was ignored: {why}";
        return null;
    }

    /// <summary>The whole file, or null when it is larger than an entry can be (never read whole then).</summary>
    private static byte[]? ReadBounded(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        if (file.Length > MaxEntryBytes)
        {
            return null;
        }

        var bytes = new byte[(int)file.Length];
        file.ReadExactly(bytes);
        return file.ReadByte() < 0 ? bytes : null; // grown meanwhile: not trusted
    }

    /// <summary>
    /// Claims a layer for reading, so that other builds on this machine (threads of this process, other
    /// MSBuild nodes, other processes) wait for its result instead of reading it too: an exclusive lock on
    /// a file beside the layer's entry, released (and the file removed) on dispose, and by the system if
    /// the process dies. Null when another build holds the claim. Where no claim can be made (a digest
    /// that is not one, a cache folder that cannot be written) the claim is granted without a lock: the
    /// layer is only read twice then.
    /// </summary>
    public IDisposable? TryClaim(Descriptor layer)
    {
        var entry = PathFor(layer.Digest);
        if (entry is null)
        {
            return NoLock.Instance;
        }

        var path = Path.ChangeExtension(entry, ".lock");
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException ex) when (IsHeldElsewhere(ex))
        {
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LastProblem = $"the cache folder {Directory} cannot be written ({ex.GetType().Name}: {ex.Message.TrimEnd('.')})";
            return NoLock.Instance;
        }
    }

    /// <summary>Waits until the build reading the layer is done with it (or <paramref name="wait"/> has passed), then claims it.</summary>
    /// <exception cref="OperationCanceledException">The check was stopped while it waited.</exception>
    public IDisposable WaitForClaim(Descriptor layer, TimeSpan wait, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            if (TryClaim(layer) is { } claim)
            {
                return claim;
            }

            if (DateTime.UtcNow >= deadline)
            {
                LastProblem = $"another build held layer {layer.Digest} for more than {wait.TotalMinutes:F0} minutes: it was read here too";
                return NoLock.Instance;
            }

            cancel.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(20));
        }
    }

    /// <summary>
    /// The lock is held by another open of the file: a sharing or lock violation on Windows; on Unix the
    /// runtime's flock fails with EWOULDBLOCK (11 on Linux, 35 on macOS), which it reports as the error number.
    /// </summary>
    private static bool IsHeldElsewhere(IOException ex) =>
        ex is not (DirectoryNotFoundException or PathTooLongException or FileNotFoundException)
        && (OperatingSystem.IsWindows() ? (ex.HResult & 0xFFFF) is 32 or 33 : ex.HResult is 11 or 35);

    private sealed class NoLock : IDisposable
    {
        public static readonly NoLock Instance = new();

        public void Dispose()
        {
        }
    }

    /// <summary>Stores a result; a cache folder that cannot be written only costs a rescan next time.</summary>
    public void Put(Descriptor layer, LayerResult result)
    {
        var path = PathFor(layer.Digest);
        if (path is null)
        {
            return;
        }

        try
        {
            var payload = new MemoryStream();
            using (var json = new Utf8JsonWriter(payload))
            {
                json.WriteStartObject();
                json.WriteNumber("format", FormatVersion);
                json.WriteString("layer", layer.Digest);
                json.WriteString("scanner", ScannerVersion);
                json.WriteNumber("files", result.Files);
                json.WriteNumber("bytes", result.Bytes);
                json.WriteStartArray("whiteouts");
                foreach (var w in result.Whiteouts)
                {
                    json.WriteStartObject();
                    json.WriteString("path", w.Path);
                    json.WriteBoolean("opaque", w.Opaque);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("unopened");
                foreach (var u in result.UnopenedArchives)
                {
                    json.WriteStringValue(u);
                }

                json.WriteEndArray();
                json.WriteStartArray("findings");
                foreach (var f in result.Findings)
                {
                    WriteFinding(json, f);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            var body = payload.ToArray();
            Common.AtomicFile.Write(path, file =>
            {
                file.Write(Encoding.ASCII.GetBytes(Convert.ToHexString(SHA256.HashData(body)).ToLowerInvariant() + "\n"));
                file.Write(body);
            });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Read-only, full, not a folder: only costs a rescan next time. A partial temp file is not left behind.
            LastProblem = $"the cache folder {Directory} cannot be written ({ex.GetType().Name}: {ex.Message.TrimEnd('.')})";
        }
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding f)
    {
        json.WriteStartObject();
        json.WriteString("rule", f.RuleId);
        json.WriteString("label", f.Label);
        json.WriteString("redacted", f.Redacted);
        json.WriteString("fingerprint", f.Fingerprint);
        json.WriteString("secret", f.SecretKey);
        json.WriteString("confidence", f.Confidence.ToString());
        switch (f.Location)
        {
            case LayerFileLocation file:
                json.WriteString("kind", "file");
                json.WriteString("path", file.Path);
                json.WriteNumber("line", file.Line);
                json.WriteNumber("column", file.Column);
                json.WriteString("bundle", file.Bundle);
                break;
            case AssemblyLocation assembly:
                json.WriteString("kind", "assembly");
                json.WriteString("path", assembly.Path);
                json.WriteString("literal", assembly.Kind);
                json.WriteString("member", assembly.Member);
                json.WriteString("bundle", assembly.Bundle);
                json.WriteBoolean("native", assembly.NativeAot);
                break;
            default:
                throw new ArgumentException("a layer holds only file and assembly findings");
        }

        json.WriteEndObject();
    }

    private static Finding ReadFinding(JsonElement e, string digest)
    {
        var ruleId = Text(e, "rule");
        var path = Text(e, "path");
        var bundle = e.GetProperty("bundle").GetString();
        ImageLocation location = e.GetProperty("kind").GetString() switch
        {
            "file" => new LayerFileLocation(0, digest, path, e.GetProperty("line").GetInt32(), e.GetProperty("column").GetInt32(), bundle),
            "assembly" => new AssemblyLocation(0, path, Text(e, "literal"), Text(e, "member"), null, bundle)
            {
                NativeAot = e.TryGetProperty("native", out var native) && native.GetBoolean(),
            },
            _ => throw new FormatException("unknown location kind"),
        };
        if (ruleId == Finding.NotCheckedId)
        {
            // A file of the layer that could not be read is as much the layer's result as a credential.
            return Finding.NotCheckedAt(location, Text(e, "label"));
        }

        var rule = RuleCatalog.All.FirstOrDefault(r => r.Id == ruleId) ?? throw new KeyNotFoundException(ruleId);
        var confidence = Enum.TryParse<Confidence>(Text(e, "confidence"), out var c) && Enum.IsDefined(c) ? c : throw new FormatException("unknown confidence");
        var fingerprint = Text(e, "fingerprint");
        return Fingerprints.IsFingerprint(fingerprint)
            ? new Finding(ruleId, rule.Title, confidence, Text(e, "label"), rule.RotationHint, location, Text(e, "redacted"), fingerprint) { SecretKey = Text(e, "secret") }
            : throw new FormatException("not a fingerprint");
    }

    /// <summary>A string property that must be there; a null makes the entry corrupt.</summary>
    private static string Text(JsonElement e, string name) =>
        e.GetProperty(name).GetString() ?? throw new FormatException($"'{name}' is null in the cache entry");

    private static string ComputeScannerVersion()
    {
        var version = Common.ToolVersion.Full;
        // A hash of the core's sources (the project file puts it in the assembly) changes with any change to the
        // scanner's code: a rule fixed without a version bump must not be served results of the old one. It is
        // the same in every build of them, where the module id differs between the net8.0 and net10.0 builds,
        // so that the package and the tool share entries whichever build each loads.
        var build = SourceHash() ?? typeof(LayerResultCache).Assembly.ManifestModule.ModuleVersionId.ToString();
        var key = $"{version}|{build}|{string.Join(",", RuleCatalog.All.Select(r => r.Id))}|{NestedArchives.MaxDepth}|{NestedArchives.MaxZipBytes}|{AssemblyScanner.MaxAssemblyBytes}|{KeyStoreFileRule.MaxBytes}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16].ToLowerInvariant();
    }

    /// <summary>The core's source hash its project file recorded; null in a build without it.</summary>
    internal static string? SourceHash()
    {
        foreach (var attribute in typeof(LayerResultCache).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (attribute.Key == "SecretGuard.SourceHash" && !string.IsNullOrEmpty(attribute.Value))
            {
                return attribute.Value;
            }
        }

        return null;
    }
}
