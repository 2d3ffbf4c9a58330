using System.Text;
using System.Text.Json;
using SecretGuard.SourceMapping;

namespace SecretGuard.Reporting;

/// <summary>One accepted finding in a baseline file: its fingerprint, rule and where it was (for people).</summary>
public sealed record BaselineEntry(string Fingerprint, string RuleId, string Where);

/// <summary>
/// secretguard.baseline.json: the findings a team accepted when adopting SecretGuard, by fingerprint
/// only (never the secret). Later runs fail only on findings not in it. Written one entry per line,
/// sorted, so that it diffs well and each entry has a line to point at.
/// </summary>
public static class Baseline
{
    public static IReadOnlyList<Suppression> Load(string path)
    {
        var suppressions = new List<Suppression>();
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
            using var _ = JsonDocument.Parse(string.Join('\n', lines)); // the whole file must be valid JSON
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new InvalidDataException($"the baseline {path} cannot be read: {ex.Message.TrimEnd('.')}", ex);
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var start = lines[i].IndexOf(Fingerprints.Prefix, StringComparison.Ordinal);
            if (start >= 0 && start + Fingerprints.Prefix.Length + 20 <= lines[i].Length)
            {
                var fingerprint = lines[i].Substring(start, Fingerprints.Prefix.Length + 20);
                if (Fingerprints.IsFingerprint(fingerprint))
                {
                    suppressions.Add(new Suppression(fingerprint, $"in the baseline {Path.GetFileName(path)}", new SourceLocation(path, i + 1, start + 1), FromBaseline: true));
                }
            }
        }

        return suppressions;
    }

    public static void Write(string path, IEnumerable<BaselineEntry> entries)
    {
        var sorted = entries.DistinctBy(e => e.Fingerprint).OrderBy(e => e.RuleId, StringComparer.Ordinal).ThenBy(e => e.Where, StringComparer.Ordinal).ThenBy(e => e.Fingerprint, StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        text.Append("{\n  \"version\": 1,\n  \"findings\": [\n");
        for (var i = 0; i < sorted.Count; i++)
        {
            var e = sorted[i];
            text.Append("    { \"fingerprint\": ").Append(JsonSerializer.Serialize(e.Fingerprint))
                .Append(", \"rule\": ").Append(JsonSerializer.Serialize(e.RuleId))
                .Append(", \"where\": ").Append(JsonSerializer.Serialize(e.Where))
                .Append(i + 1 < sorted.Count ? " },\n" : " }\n");
        }

        text.Append("  ]\n}\n");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, text.ToString());
    }
}
