using SecretGuard.Findings;

namespace SecretGuard.Reporting;

/// <summary>A suppression as a front end reads it (an MSBuild item, a command-line option), before it is checked.</summary>
/// <param name="DefinedAt">Where it is written, for the warnings about it; null when not known.</param>
/// <param name="Expires">As written: empty for no end, else yyyy-MM-dd.</param>
internal sealed record SuppressionRequest(string Include, string Justification, SourceLocation? DefinedAt, string ImagePath = "", string SourcePath = "", string Expires = "");

/// <summary>
/// What a team has accepted: suppressions and the baseline's entries, expired ones included (they are
/// warned about and no longer apply). Decides the warnings about acceptances themselves: no reason
/// (SG0008), expired (SG0012), matched nothing (SG0009).
/// </summary>
internal sealed class Acceptances
{
    private Acceptances(IReadOnlyList<Suppression> all, string fallbackFile)
    {
        All = all;
        _fallbackFile = fallbackFile;
    }

    private readonly string _fallbackFile;

    public static Acceptances None(string fallbackFile) => new([], fallbackFile);

    /// <summary>Suppressions first, then the baseline's entries; expired ones included.</summary>
    public IReadOnlyList<Suppression> All { get; }

    /// <summary>
    /// Reads the suppressions and the baseline (not while it is being written anew). Null, with SG0005
    /// errors in <paramref name="problems"/>, when an Expires is not a date or the baseline cannot be read.
    /// </summary>
    /// <param name="fallbackFile">Where a diagnostic points when its item's line is not known (the project).</param>
    /// <param name="fromCommandLine">The requests are the tool's --suppress options, not SecretGuardSuppress items.</param>
    public static Acceptances? Read(IEnumerable<SuppressionRequest> requests, string? baselinePath, bool updatingBaseline, string fallbackFile, ICollection<Diagnostic> problems, bool fromCommandLine = false)
    {
        var suppressions = new List<Suppression>();
        var ok = true;
        foreach (var r in requests)
        {
            if (!AcceptanceExpiry.TryParse(r.Expires, out var expires))
            {
                problems.Add(Problem(r.DefinedAt ?? new SourceLocation(fallbackFile, 0, 0),
                    Messages.ExpiresNotADate(r.Include, r.Expires)));
                ok = false;
                continue;
            }

            suppressions.Add(new Suppression(Fingerprints.Normalize(r.Include.Trim()), r.Justification.Trim(), r.DefinedAt, r.ImagePath.Trim(), r.SourcePath.Trim(), Expires: expires, FromCommandLine: fromCommandLine));
        }

        if (!ok)
        {
            return null;
        }

        if (!updatingBaseline && !string.IsNullOrEmpty(baselinePath) && File.Exists(baselinePath))
        {
            try
            {
                suppressions.AddRange(Baseline.Load(baselinePath));
            }
            catch (Exception ex) when (ex is InvalidDataException or InvalidBaselineEntryException)
            {
                var at = (ex as InvalidBaselineEntryException)?.At ?? new SourceLocation(baselinePath, 0, 0);
                problems.Add(Problem(at, Messages.BaselineUnreadable(ex.Message)));
                return null;
            }
        }

        return new Acceptances(suppressions, fallbackFile);
    }

    /// <summary>What applies today: expired acceptances no longer do.</summary>
    public IReadOnlyList<Suppression> ActiveOn(DateOnly today) => All.Where(s => !s.HasExpired(today)).ToList();

    /// <summary>SG0008 for each suppression without a reason, at its line.</summary>
    public IEnumerable<Diagnostic> Unjustified() =>
        All.Where(s => !s.FromBaseline && s.Justification.Length == 0).Select(s => Warning(s, DiagnosticCodes.SuppressionWithoutJustification,
            Messages.NoJustification(s.Kind, s.Written)));

    /// <summary>SG0012 for each acceptance past its Expires date: the finding it accepted is reported again.</summary>
    public IEnumerable<Diagnostic> Expired(DateOnly today) =>
        All.Where(s => s.HasExpired(today)).Select(s => Warning(s, DiagnosticCodes.AcceptanceExpired,
            Messages.AcceptanceExpired(s.Kind, s.Written, AcceptanceExpiry.Text(s.Expires!.Value))));

    /// <summary>SG0009 for each acceptance in force that matched nothing in the whole check, so it cannot hide a new leak later.</summary>
    /// <param name="matched">The <see cref="Suppression.Key"/> of each acceptance that matched, in any step of the check.</param>
    /// <param name="where">What was checked, for the message ("in this image").</param>
    public static IEnumerable<Diagnostic> Stale(IEnumerable<Suppression> inForce, IReadOnlySet<string> matched, string where, string fallbackFile) =>
        inForce.Where(s => !matched.Contains(s.Key)).Select(s => Warning(s, DiagnosticCodes.StaleSuppression,
            Messages.AcceptanceStale(s.Kind, s.Written, where), fallbackFile));

    private Diagnostic Warning(Suppression s, string code, string message) => Warning(s, code, message, _fallbackFile);

    private static Diagnostic Warning(Suppression s, string code, string message, string fallbackFile)
    {
        var at = s.DefinedAt ?? new SourceLocation(fallbackFile, 0, 0);
        return new Diagnostic(code, at.File, at.Line, at.Column, message, IsFinding: false);
    }

    private static Diagnostic Problem(SourceLocation at, string message) =>
        new(DiagnosticCodes.InvalidSetting, at.File, at.Line, at.Column, message, IsFinding: false);
}
