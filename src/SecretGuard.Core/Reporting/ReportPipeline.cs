using SecretGuard.Findings;
using SecretGuard.Scanning;

namespace SecretGuard.Reporting;

/// <summary>What one step's report needs besides the scan's outcome.</summary>
internal sealed record ReportRequest
{
    /// <summary>What was checked, as reports name it (the project file; for the tool, the image); also where errors with no other place point.</summary>
    public required string Subject { get; init; }

    /// <summary>The folder source paths are relative to (suppression globs, the table, SARIF).</summary>
    public required string SubjectDirectory { get; init; }

    public required CheckSettings Settings { get; init; }

    /// <summary>The acceptances in force today (see <see cref="Acceptances.ActiveOn"/>).</summary>
    public IReadOnlyList<Suppression> Acceptances { get; init; } = [];

    /// <summary>What an earlier step of the same check reported and accepted (the gate, for the verification).</summary>
    public GateHandover Before { get; init; } = GateHandover.Nothing;

    /// <summary>The last step: stale acceptances are warned about and the baseline is written here.</summary>
    public bool IsLastStep { get; init; }

    /// <summary>Where an updated baseline goes (secretguard.baseline.json).</summary>
    public string? BaselinePath { get; init; }

    /// <summary>Where stale acceptances "matched nothing" ("in this image").</summary>
    public string StaleWhere { get; init; } = "in this image";

    public string? SarifPath { get; init; }

    public string? JsonPath { get; init; }

    /// <summary>False for a step that starts the subject's part of the reports, true for one that adds to it.</summary>
    public bool AddsToReports { get; init; }

    /// <summary>This process's membership of a report run; null outside a build (one per process).</summary>
    public ReportRunMember? Run { get; init; }

    public string ToolVersion { get; init; } = "0.0.0";

    /// <summary>Today, for Expires; tests set it, so no test depends on the clock.</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);
}

/// <summary>A diagnostic to show, at its level.</summary>
internal sealed record ReportedDiagnostic(Diagnostic Diagnostic, bool IsError);

/// <summary>What a front end shows, in this order: details, diagnostics, table, verdict, then what comes after it.</summary>
internal sealed record ReportResult
{
    /// <summary>Accepted findings and why (shown at detailed verbosity).</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    public IReadOnlyList<ReportedDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>The findings table, when anything new is reported.</summary>
    public string? Table { get; init; }

    public required string Verdict { get; init; }

    /// <summary>Nothing failed or warned: a front end may show the verdict quietly.</summary>
    public bool IsClean { get; init; }

    /// <summary>Warnings about acceptances that matched nothing (SG0009), after the verdict.</summary>
    public IReadOnlyList<Diagnostic> Afterwards { get; init; } = [];

    /// <summary>Lines to show prominently after the verdict (the baseline written).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>For the next step: everything handed over before, plus this step's.</summary>
    public GateHandover Handover { get; init; } = GateHandover.Nothing;

    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Every decision a user sees after a scan, with no build engine: acceptances (suppressions, baseline,
/// inline markers, NoWarn), one finding per credential, severity, what an earlier step reported, the
/// verdict, the SARIF and JSON reports, the findings table and the baseline. The MSBuild tasks and the
/// tool only show what it returns.
/// </summary>
internal static class ReportPipeline
{
    public static ReportResult Run(ScanOutcome outcome, ReportRequest request)
    {
        var settings = request.Settings;
        var policy = settings.Policy;
        var before = request.Before;
        var already = new HashSet<string>(before.Reported, StringComparer.Ordinal);
        string Level(Diagnostic d) => policy.IsWarning(d) ? "warning" : "error";
        static string Key(Diagnostic d) => d.Fingerprint.Length > 0 ? d.Fingerprint : $"{d.Code}|{d.File}|{d.Line}|{d.Column}";

        var filter = new SuppressionFilter(request.Acceptances, request.SubjectDirectory);
        var kept = new List<Diagnostic>();
        var accepted = new List<(Diagnostic Diagnostic, string Why)>();
        foreach (var d in outcome.Diagnostics)
        {
            if (filter.Why(d) is { } why)
            {
                accepted.Add((d, why));
            }
            else
            {
                kept.Add(d);
            }
        }

        var details = new List<string>();
        var entries = new List<SarifReport.Entry>();
        foreach (var (d, why) in accepted)
        {
            details.Add($"{d.Code}: {d.Message} ({why})");
            entries.Add(new SarifReport.Entry(d, Level(d), why));
        }

        var acceptedNow = accepted.Select(x => x.Diagnostic.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var places = kept.SelectMany(d => d.AllPlaces.Select(p => p with { AlsoAt = [] })).ToList();
        var hidden = places.Where(d => settings.NoWarn.Hides(d)).ToList();
        var verdict = new Verdict
        {
            Accepted = acceptedNow.Count + before.Accepted.Count(f => !acceptedNow.Contains(f)) + hidden.Count,
        };
        foreach (var d in hidden)
        {
            details.Add($"{d.Code}: {d.Message} (suppressed by NoWarn)");
            entries.Add(new SarifReport.Entry(d, Level(d), "suppressed by NoWarn"));
        }

        // Places of one credential are one finding; a place NoWarn hides is not among them.
        var shown = new List<ReportedDiagnostic>();
        var reported = new List<string>();
        foreach (var d in FindingGroups.Merge(places.Where(d => !settings.NoWarn.Hides(d)), request.SubjectDirectory))
        {
            entries.Add(new SarifReport.Entry(d, Level(d), null));

            // The gate and the verification see some findings both (the base image's ENV): the same fingerprint is one finding.
            var keys = d.AllPlaces.Select(Key).ToList();
            if (d.IsFinding && keys.All(already.Contains))
            {
                verdict.ReportedBefore++;
                continue;
            }

            var asWarning = policy.IsWarning(d);
            verdict.Add(d, asWarning);
            shown.Add(new ReportedDiagnostic(d, !asWarning));
            if (d.IsFinding)
            {
                reported.AddRange(keys);
            }
        }

        WriteReports(request, entries);

        var newFindings = entries.Where(e => e.Diagnostic.IsFinding && e.SuppressedBecause is null && !e.Diagnostic.AllPlaces.All(p => already.Contains(p.Fingerprint))).ToList();
        var baselineEntries = settings.UpdatingBaseline
            ? before.BaselineEntries.Concat(places.Where(d => d.IsFinding).Select(d => new BaselineEntry(d.Fingerprint, d.Code, d.Place))).DistinctBy(e => e.Fingerprint).ToList()
            : [];
        var hasErrors = shown.Any(d => d.IsError);
        var matched = before.MatchedSuppressions.Concat(filter.Matched).ToHashSet(StringComparer.Ordinal);

        var afterwards = new List<Diagnostic>();
        var notes = new List<string>();
        if (request.IsLastStep)
        {
            if (settings.UpdatingBaseline && !hasErrors && !string.IsNullOrEmpty(request.BaselinePath))
            {
                Baseline.Write(request.BaselinePath, baselineEntries);
                notes.Add($"SecretGuard: wrote {baselineEntries.Count} finding(s) to the baseline {request.BaselinePath}; later publishes fail only on new ones.");
            }
            else if (!settings.UpdatingBaseline && outcome.Diagnostics.All(d => d.IsFinding))
            {
                // Only a check that ran in full can say an acceptance matched nothing.
                afterwards.AddRange(Acceptances.Stale(request.Acceptances, matched, request.StaleWhere, request.Subject));
            }
        }

        return new ReportResult
        {
            Details = details,
            Diagnostics = shown,
            Table = newFindings.Count > 0 ? FindingsTable.Format(newFindings, request.SubjectDirectory) : null,
            Verdict = verdict.Line(Wording.Checked(outcome.Summary), Wording.NotRead(outcome.Summary)),
            IsClean = verdict.Errors + verdict.Warnings == 0,
            Afterwards = afterwards,
            Notes = notes,
            Handover = before with
            {
                Reported = [.. before.Reported, .. reported],
                MatchedSuppressions = [.. matched],
                Accepted = [.. before.Accepted.Union(acceptedNow, StringComparer.Ordinal)],
                BaselineEntries = baselineEntries,
            },
        };
    }

    /// <summary>
    /// A check that stopped before it could run (an invalid setting, SecretGuard's own failure): the reports
    /// are written all the same, failed and naming why, so that a report an earlier run left at the same path
    /// is never read (by a CI step gating on "failed") as this run's result. The front end shows the failures.
    /// </summary>
    public static void NotRun(ReportRequest request, IEnumerable<Diagnostic> failures) =>
        WriteReports(request, failures.Select(d => new SarifReport.Entry(d with { IsFinding = false }, "error", null)).ToList());

    private static void WriteReports(ReportRequest request, List<SarifReport.Entry> entries)
    {
        if (!string.IsNullOrEmpty(request.SarifPath))
        {
            SarifReport.Write(request.SarifPath, entries, request.Subject, SarifReport.FindRepositoryRoot(request.SubjectDirectory), request.ToolVersion,
                merge: request.AddsToReports, request.Settings.RuleHelpUri, request.Run);
        }

        if (!string.IsNullOrEmpty(request.JsonPath))
        {
            JsonReport.Write(request.JsonPath, entries, request.Subject, request.ToolVersion, merge: request.AddsToReports, request.Run);
        }
    }
}
