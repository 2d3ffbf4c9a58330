using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecretGuard.Reporting;

/// <summary>
/// A plain JSON report for scripts: one entry per finding with its rule, level, source location,
/// place in the image and fingerprint; accepted findings carry the reason. Redacted like every
/// message. The gate writes it; later steps of the same build merge into it (one entry per fingerprint).
/// </summary>
public static class JsonReport
{
    public const int FormatVersion = 2;

    public static void Write(string path, IEnumerable<SarifReport.Entry> entries, string projectFile, string toolVersion, bool merge)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var exclusive = ReportFiles.Lock(path);
        var findings = merge && File.Exists(path) ? Existing(path) : [];
        var seen = new HashSet<string>(findings.Select(f => f?["fingerprint"]?.GetValue<string>() ?? ""), StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => e.Diagnostic.IsFinding))
        {
            var d = entry.Diagnostic;
            if (!seen.Add(d.Fingerprint))
            {
                continue;
            }

            findings.Add(new JsonObject
            {
                ["ruleId"] = d.Code,
                ["level"] = entry.SuppressedBecause is null ? entry.Level : "none",
                ["confidence"] = d.Confidence.ToString().ToLowerInvariant(),
                ["file"] = Path.GetFullPath(d.File),
                ["line"] = d.Line,
                ["column"] = d.Column,
                ["imagePath"] = d.ImagePath,
                ["place"] = d.Place,
                ["baseImage"] = d.IsBaseImage,
                ["thirdParty"] = d.IsThirdParty,
                ["fingerprint"] = d.Fingerprint,
                ["suppressed"] = entry.SuppressedBecause,
                ["message"] = d.Message,
                // The other places of the same credential (one finding: rotate once, remove from each).
                ["otherPlaces"] = new JsonArray(d.AlsoAt.Select(o => (JsonNode)new JsonObject
                {
                    ["ruleId"] = o.Code,
                    ["file"] = Path.GetFullPath(o.File),
                    ["line"] = o.Line,
                    ["column"] = o.Column,
                    ["imagePath"] = o.ImagePath,
                    ["place"] = o.Place,
                    ["baseImage"] = o.IsBaseImage,
                    ["fingerprint"] = o.Fingerprint,
                }).ToArray()),
            });
        }

        var root = new JsonObject
        {
            ["format"] = FormatVersion,
            ["tool"] = "SecretGuard.Build",
            ["version"] = toolVersion,
            ["project"] = Path.GetFullPath(projectFile),
            ["failed"] = findings.Any(f => f?["level"]?.GetValue<string>() == "error"),
            ["findings"] = new JsonArray(findings.Select(f => f?.DeepClone()).ToArray()),
        };
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static List<JsonNode?> Existing(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path))?["findings"] is JsonArray array ? array.Select(n => n?.DeepClone()).ToList() : [];
        }
        catch (JsonException)
        {
            return []; // not ours to merge with: start afresh
        }
    }
}

/// <summary>Reports several builds of one publish may write at once (the inner builds of a multi-RID publish).</summary>
internal static class ReportFiles
{
    public static FileStream Lock(string reportPath)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return new FileStream(reportPath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }
}
