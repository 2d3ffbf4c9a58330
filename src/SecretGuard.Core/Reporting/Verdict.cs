using SecretGuard.Findings;

using static SecretGuard.Reporting.Wording;

namespace SecretGuard.Reporting;

/// <summary>
/// The one line a check ends with: what failed the build or warned, what was accepted, what was checked.
/// Counted from what was actually logged, after the severity policy, so the line never contradicts the
/// errors and warnings above it.
/// </summary>
internal sealed class Verdict
{
    private int _credentialErrors;
    private int _notCheckedErrors;
    private int _otherErrors;
    private int _credentialWarnings;
    private int _otherWarnings;
    private readonly HashSet<string> _credentials = new(StringComparer.Ordinal);

    public int Errors => _credentialErrors + _notCheckedErrors + _otherErrors;

    public int Warnings => _credentialWarnings + _otherWarnings;

    /// <summary>Findings accepted by a suppression, a baseline, an inline marker or NoWarn.</summary>
    public int Accepted { get; set; }

    /// <summary>Findings another step already reported (the gate, for the verification after it).</summary>
    public int ReportedBefore { get; set; }

    /// <summary>Counts one logged diagnostic (a merged finding counts as one credential).</summary>
    public void Add(Diagnostic d, bool asWarning)
    {
        var isCredential = d.IsFinding && d.Code != DiagnosticCodes.ScanIncomplete;
        if (isCredential && !_credentials.Add(d.SecretKey.Length > 0 ? d.SecretKey : d.Fingerprint))
        {
            return;
        }

        switch (asWarning, isCredential, d.Code == DiagnosticCodes.ScanIncomplete)
        {
            case (false, true, _): _credentialErrors++; break;
            case (false, false, true): _notCheckedErrors++; break;
            case (false, _, _): _otherErrors++; break;
            case (true, true, _): _credentialWarnings++; break;
            default: _otherWarnings++; break;
        }
    }

    /// <param name="checkedWhat">What was checked and how long it took; empty when the check could not run.</param>
    /// <param name="notes">What was not read ("; 1 file over SecretGuardMaxFileSize not read: …").</param>
    public string Line(string checkedWhat, string notes)
    {
        var parts = new List<string>();
        if (Errors > 0)
        {
            var kinds = new List<string>();
            if (_credentialErrors > 0)
            {
                kinds.Add(Plural(_credentialErrors, "credential"));
            }

            if (_notCheckedErrors > 0)
            {
                kinds.Add($"{Plural(_notCheckedErrors, "place")} not fully checked");
            }

            if (_otherErrors > 0)
            {
                kinds.Add($"{Plural(_otherErrors, "check")} that could not run");
            }

            parts.Add($"failed: {Plural(Errors, "error")} ({string.Join(", ", kinds)})");
        }
        else
        {
            parts.Add(Warnings > 0 ? "passed with warnings" : "passed, no credentials");
        }

        if (Warnings > 0)
        {
            parts.Add(_credentialWarnings > 0 && _otherWarnings == 0
                ? $"{Plural(Warnings, "warning")} ({Plural(_credentialWarnings, "possible credential")})"
                : Plural(Warnings, "warning"));
        }

        if (Accepted > 0)
        {
            parts.Add($"{Accepted} accepted");
        }

        if (ReportedBefore > 0)
        {
            parts.Add($"{ReportedBefore} reported before the build");
        }

        var checkedPart = checkedWhat.Length > 0 ? $"; checked {checkedWhat}" : "; the image could not be verified";
        return $"SecretGuard: {string.Join(", ", parts)}{checkedPart}{notes}";
    }
}
