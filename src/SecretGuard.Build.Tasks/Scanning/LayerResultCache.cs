using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Reporting;

namespace SecretGuard.Scanning;

/// <summary>What scanning one layer found, independent of where the layer sits in an image.</summary>
/// <param name="Findings">Findings with layer index 0; the caller places them.</param>
public sealed record LayerResult(IReadOnlyList<Finding> Findings, IReadOnlyList<Whiteout> Whiteouts, int Files, long Bytes, IReadOnlyList<string> UnopenedArchives);

/// <summary>
/// Per-user cache of layer results, keyed by layer digest and the scanner's version (rules and
/// limits), so a base image is read once per machine. An entry that cannot be read or does not match
/// its key or its checksum is ignored and rewritten, never trusted. Holds redacted findings only, never secrets.
/// An entry is a line with the SHA-256 of the JSON that follows it, so a truncated or altered file is detected.
/// </summary>
public sealed class LayerResultCache(string directory)
{
    private const int FormatVersion = 2;

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

    private string PathFor(string digest) =>
        Path.Combine(Directory, "layers", ScannerVersion, digest.Replace(':', '-') + ".json");

    public LayerResult? TryGet(Descriptor layer)
    {
        var path = PathFor(layer.Digest);
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var bytes = File.ReadAllBytes(path);
            var newline = Array.IndexOf(bytes, (byte)'\n');
            if (newline != 64 || Encoding.ASCII.GetString(bytes, 0, 64) != Convert.ToHexString(SHA256.HashData(bytes.AsSpan(65))).ToLowerInvariant())
            {
                return null;
            }

            using var doc = JsonDocument.Parse(bytes.AsMemory(65));
            var root = doc.RootElement;
            if (root.GetProperty("format").GetInt32() != FormatVersion || root.GetProperty("layer").GetString() != layer.Digest || root.GetProperty("scanner").GetString() != ScannerVersion)
            {
                return null;
            }

            var findings = root.GetProperty("findings").EnumerateArray().Select(e => ReadFinding(e, layer.Digest)).ToList();
            var whiteouts = root.GetProperty("whiteouts").EnumerateArray().Select(e => new Whiteout(Text(e, "path"), e.GetProperty("opaque").GetBoolean())).ToList();
            var unopened = root.GetProperty("unopened").EnumerateArray().Select(e => (e.GetString() ?? throw new FormatException("null in the cache entry"))).ToList();
            return new LayerResult(findings, whiteouts, root.GetProperty("files").GetInt32(), root.GetProperty("bytes").GetInt64(), unopened);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return null; // corrupt or foreign: scan again and overwrite
        }
    }

    /// <summary>Stores a result; a cache folder that cannot be written only costs a rescan next time.</summary>
    public void Put(Descriptor layer, LayerResult result)
    {
        var path = PathFor(layer.Digest);
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
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

            using (var file = File.Create(temp))
            {
                var body = payload.ToArray();
                file.Write(Encoding.ASCII.GetBytes(Convert.ToHexString(SHA256.HashData(body)).ToLowerInvariant() + "\n"));
                file.Write(body);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
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
        var version = typeof(LayerResultCache).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0";
        // The module id changes with any change to the scanner's code (builds are deterministic, so not otherwise):
        // a rule fixed without a version bump must not be served results of the old one.
        var build = typeof(LayerResultCache).Assembly.ManifestModule.ModuleVersionId;
        var key = $"{version}|{build}|{string.Join(",", RuleCatalog.All.Select(r => r.Id))}|{NestedArchives.MaxDepth}|{NestedArchives.MaxZipBytes}|{AssemblyScanner.MaxAssemblyBytes}|{KeyStoreFileRule.MaxBytes}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16].ToLowerInvariant();
    }
}
