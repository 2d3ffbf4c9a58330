using System.Text.Json;
using System.Text.Json.Nodes;
using SecretGuard.Findings;

namespace SecretGuard.Reporting;

/// <summary>
/// A plain JSON report for scripts: each project checked in this run, with its findings (rule, level,
/// source location, place in the image, fingerprint; accepted findings carry the reason) and the failures
/// of the check itself ("checkFailures": a base image that could not be fetched, a corrupt layer, the time
/// budget, an invalid setting), and "failed" when any project failed: an error finding or any failure of
/// the check, so that a check that could not run never reads as a pass. Redacted like every message. One file serves a whole solution: each project
/// writes its part (see <see cref="ReportParts"/>) and the file is made from the parts of this run. The
/// gate starts a project's part; later steps of the same build add to it (one entry per fingerprint).
/// </summary>
internal static class JsonReport
{
    /// <summary>3: findings under each project ("projects"), for one report per solution.</summary>
    public const int FormatVersion = 3;

    /// <param name="member">This build node's membership of report runs; null outside a build (one per process).</param>
    public static void Write(string path, IEnumerable<SarifReport.Entry> entries, string projectFile, string toolVersion, bool merge, ReportRunMember? member = null)
    {
        var project = Path.GetFullPath(projectFile);
        var entryList = entries.ToList();
        var fresh = entryList.Where(e => e.Diagnostic.IsFinding).Select(Finding).ToList();
        var freshFailures = entryList.Where(IsCheckFailure).Select(Failure).ToList();
        ReportParts.Update(path, project, member ?? ReportRunMember.ThisProcess, merge,
            existing =>
            {
                var findings = existing?["findings"] is JsonArray kept ? new JsonArray(kept.Select(f => f?.DeepClone()).ToArray()) : [];
                var seen = new HashSet<string>(findings.Select(f => f?["fingerprint"]?.GetValue<string>() ?? ""), StringComparer.Ordinal);
                foreach (var finding in fresh.Where(f => seen.Add(f["fingerprint"]!.GetValue<string>())))
                {
                    findings.Add(finding);
                }

                // The gate's failures stay when a later step adds to the part: a clean verification does not undo them.
                var failures = existing?["checkFailures"] is JsonArray keptFailures ? new JsonArray(keptFailures.Select(f => f?.DeepClone()).ToArray()) : [];
                var seenFailures = new HashSet<string>(failures.Select(FailureKey), StringComparer.Ordinal);
                foreach (var failure in freshFailures.Where(f => seenFailures.Add(FailureKey(f))))
                {
                    failures.Add(failure);
                }

                return new JsonObject { ["findings"] = findings, ["checkFailures"] = failures };
            },
            parts =>
            {
                var projects = parts.Select(p =>
                {
                    var findings = p.Content["findings"] as JsonArray ?? [];
                    var failures = p.Content["checkFailures"] as JsonArray ?? [];
                    return (JsonNode)new JsonObject
                    {
                        ["project"] = p.Project,
                        ["failed"] = failures.Count > 0 || findings.Any(f => f?["level"]?.GetValue<string>() == "error"),
                        ["findings"] = findings.DeepClone(),
                        ["checkFailures"] = failures.DeepClone(),
                    };
                }).ToArray();
                return new JsonObject
                {
                    ["format"] = FormatVersion,
                    ["tool"] = "SecretGuard.Build",
                    ["version"] = toolVersion,
                    ["failed"] = projects.Any(p => p!["failed"]!.GetValue<bool>()),
                    ["projects"] = new JsonArray(projects),
                };
            });
    }

    /// <summary>
    /// A failure of the check itself, at error level: not a finding (nothing to accept or rotate), but the
    /// check, or part of it, did not run. SG0004 at a place is a finding; the whole check out of time is not.
    /// </summary>
    internal static bool IsCheckFailure(SarifReport.Entry entry) =>
        !entry.Diagnostic.IsFinding && entry.Level == "error" && entry.SuppressedBecause is null;

    private static JsonObject Failure(SarifReport.Entry entry)
    {
        var d = entry.Diagnostic;
        return new JsonObject
        {
            ["code"] = d.Code,
            ["level"] = entry.Level,
            ["file"] = Path.GetFullPath(d.File),
            ["line"] = d.Line,
            ["column"] = d.Column,
            ["message"] = d.Message,
        };
    }

    private static string FailureKey(JsonNode? failure) =>
        $"{failure?["code"]}|{failure?["file"]}|{failure?["line"]}|{failure?["column"]}|{failure?["message"]}";

    private static JsonObject Finding(SarifReport.Entry entry)
    {
        var d = entry.Diagnostic;
        return new JsonObject
        {
            ["ruleId"] = d.Code,
            ["level"] = entry.SuppressedBecause is null ? entry.Level : "none",
            ["confidence"] = d.Confidence.ToString().ToLowerInvariant(),
            ["file"] = Path.GetFullPath(d.File),
            ["line"] = d.Line,
            ["column"] = d.Column,
            ["imagePath"] = d.ImagePath,
            ["imageLine"] = d.ImageLine,
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
                ["imageLine"] = o.ImageLine,
                ["place"] = o.Place,
                ["baseImage"] = o.IsBaseImage,
                ["fingerprint"] = o.Fingerprint,
            }).ToArray()),
        };
    }
}
