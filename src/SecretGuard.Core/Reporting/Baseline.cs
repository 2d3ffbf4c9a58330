using System.Text;
using System.Text.Json;
using SecretGuard.SourceMapping;
using SecretGuard.Findings;

namespace SecretGuard.Reporting;

/// <summary>One accepted finding in a baseline file: its fingerprint, rule and where it was (for people).</summary>
/// <param name="Expires">The last day the acceptance holds, kept when the baseline is written anew.</param>
internal sealed record BaselineEntry(string Fingerprint, string RuleId, string Where, DateOnly? Expires = null);

/// <summary>A baseline entry with a setting SecretGuard cannot use (an invalid "expires"), at its line.</summary>
internal sealed class InvalidBaselineEntryException(string message, SourceLocation at) : FormatException(message)
{
    public SourceLocation At { get; } = at;
}

/// <summary>
/// secretguard.baseline.json: the findings a team accepted when adopting SecretGuard, by fingerprint
/// only (never the secret). Later runs fail only on findings not in it. Written one entry per line,
/// sorted, so that it diffs well and each entry has a line to point at.
/// </summary>
internal static class Baseline
{
    public static IReadOnlyList<Suppression> Load(string path)
    {
        var suppressions = new List<Suppression>();
        string[] lines;
        Dictionary<string, JsonElement> expiresOf;
        try
        {
            lines = File.ReadAllLines(path);
            using var document = JsonDocument.Parse(string.Join('\n', lines)); // the whole file must be valid JSON
            expiresOf = ExpiresByFingerprint(document.RootElement);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new InvalidDataException($"the baseline {path} cannot be read: {ex.Message.TrimEnd('.')}", ex);
        }

        // Every fingerprint on a line, in any case: a formatter may join entries on one line or a person
        // may copy a fingerprint in upper case; one left unread would be reported again (closed, but noisy).
        for (var i = 0; i < lines.Length; i++)
        {
            for (var start = lines[i].IndexOf(Fingerprints.Prefix, StringComparison.OrdinalIgnoreCase);
                 start >= 0;
                 start = lines[i].IndexOf(Fingerprints.Prefix, start + Fingerprints.Prefix.Length, StringComparison.OrdinalIgnoreCase))
            {
                if (start + Fingerprints.Prefix.Length + 20 > lines[i].Length)
                {
                    break;
                }

                var fingerprint = Fingerprints.Normalize(lines[i].Substring(start, Fingerprints.Prefix.Length + 20));
                if (!Fingerprints.IsFingerprint(fingerprint))
                {
                    continue;
                }

                DateOnly? expires = null;
                if (expiresOf.TryGetValue(fingerprint, out var value)
                    && (value.ValueKind != JsonValueKind.String || !AcceptanceExpiry.TryParse(value.GetString(), out expires)))
                {
                    throw new InvalidBaselineEntryException(
                        $"the baseline entry '{fingerprint}' has \"expires\": {value.GetRawText()}, which is not a date such as \"2027-01-31\" (yyyy-MM-dd, the last day it holds)",
                        new SourceLocation(path, i + 1, start + 1));
                }

                suppressions.Add(new Suppression(fingerprint, $"in the baseline {Path.GetFileName(path)}", new SourceLocation(path, i + 1, start + 1), FromBaseline: true, Expires: expires));
            }
        }

        return suppressions;
    }

    /// <summary>"expires" of each entry that has one, as written (checked by the caller, which knows the line).</summary>
    private static Dictionary<string, JsonElement> ExpiresByFingerprint(JsonElement root)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var entry in findings.EnumerateArray())
        {
            if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("fingerprint", out var fingerprint) && fingerprint.ValueKind == JsonValueKind.String
                && entry.TryGetProperty("expires", out var expires))
            {
                result[Fingerprints.Normalize(fingerprint.GetString()!)] = expires.Clone();
            }
        }

        return result;
    }

    public static void Write(string path, IEnumerable<BaselineEntry> entries)
    {
        // Writing the baseline anew keeps the end dates a team gave to the entries still found.
        var kept = KeptExpiries(path);
        var sorted = entries.DistinctBy(e => e.Fingerprint)
            .Select(e => e.Expires is null && kept.TryGetValue(e.Fingerprint, out var expires) ? e with { Expires = expires } : e).OrderBy(e => e.RuleId, StringComparer.Ordinal).ThenBy(e => e.Where, StringComparer.Ordinal).ThenBy(e => e.Fingerprint, StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        text.Append("{\n  \"version\": 1,\n  \"findings\": [\n");
        for (var i = 0; i < sorted.Count; i++)
        {
            var e = sorted[i];
            text.Append("    { \"fingerprint\": ").Append(JsonSerializer.Serialize(e.Fingerprint))
                .Append(", \"rule\": ").Append(JsonSerializer.Serialize(e.RuleId))
                .Append(", \"where\": ").Append(JsonSerializer.Serialize(e.Where))
                .Append(e.Expires is { } last ? $", \"expires\": \"{AcceptanceExpiry.Text(last)}\"" : "")
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

    private static Dictionary<string, DateOnly> KeptExpiries(string path)
    {
        var kept = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        try
        {
            foreach (var s in File.Exists(path) ? Load(path) : [])
            {
                if (s.Expires is { } expires)
                {
                    kept[s.Include] = expires;
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidBaselineEntryException)
        {
            // an unreadable old baseline has nothing to keep
        }

        return kept;
    }
}
