using System.Globalization;
using SecretGuard.Findings;
using SecretGuard.Scanning;

namespace SecretGuard.Reporting;

/// <summary>The settings as a front end received them: text, named as the user wrote them.</summary>
internal sealed record CheckSettingsText
{
    /// <summary>
    /// SecretGuardEnabled exactly as written: "true", "false" or empty, in any case (the targets skip the check
    /// on "false", comparing the text as it is, so it is not trimmed here either); anything else is SG0005.
    /// </summary>
    public string? Enabled { get; init; }

    public string? FindingsAsWarnings { get; init; }

    public string? BaseImageFindingsAsWarnings { get; init; }

    public string? ThirdPartyFindingsAsWarnings { get; init; }

    public string? MinimumConfidence { get; init; }

    public string? MaxFileSize { get; init; }

    public string? TimeBudget { get; init; }

    public string? RuleHelpUri { get; init; }

    public string? UpdateBaseline { get; init; }

    /// <summary>$(NoWarn): codes not reported (see <see cref="NoWarnCodes"/> for those it cannot hide).</summary>
    public string? NoWarn { get; init; }
}

/// <summary>What the settings decide: severity, bounds, reports. Read once, checked, shared by every step.</summary>
internal sealed record CheckSettings
{
    public SeverityPolicy Policy { get; init; } = new();

    /// <summary>SecretGuardUpdateBaseline: findings are recorded and reported as warnings.</summary>
    public bool UpdatingBaseline { get; init; }

    public long? MaxFileBytes { get; init; }

    public TimeSpan? TimeBudget { get; init; }

    /// <summary>The longest time budget a setting may give, in seconds (a day): docs/configuration.md and the messages state it.</summary>
    public const double MaxTimeBudgetSeconds = 86400;

    /// <summary>Each rule's documentation address in SARIF, with {0} for the rule id; null for none.</summary>
    public string? RuleHelpUri { get; init; }

    public NoWarnCodes NoWarn { get; init; } = NoWarnCodes.None;

    /// <summary>The bounds of a check.</summary>
    public ScanLimits Limits => new() { MaxFileBytes = MaxFileBytes, TimeBudget = TimeBudget };

    /// <summary>
    /// Checks every setting; null, with an SG0005 error per bad value in <paramref name="problems"/>,
    /// when any is wrong (an unknown value never silently turns a check off).
    /// </summary>
    /// <param name="at">Where the errors point: the project file.</param>
    /// <param name="nameOf">The name the user knows a setting by (the MSBuild property by default; the tool's option).</param>
    public static CheckSettings? Read(CheckSettingsText text, string at, ICollection<Diagnostic> problems, Func<string, string>? nameOf = null)
    {
        nameOf ??= name => name;
        var before = problems.Count;
        void Problem(string message) => problems.Add(new Diagnostic(DiagnosticCodes.InvalidSetting, at, 0, 0, message, IsFinding: false));

        bool Bool(string? value, string property, bool defaultValue)
        {
            if (ReadBool(value, nameOf(property), defaultValue, at, out var result) is { } problem)
            {
                problems.Add(problem);
            }

            return result;
        }

        if (!string.IsNullOrEmpty(text.Enabled) && !text.Enabled.Equals("true", StringComparison.OrdinalIgnoreCase) && !text.Enabled.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            Problem(Messages.NotABoolean(nameOf("SecretGuardEnabled"), text.Enabled));
        }

        var allAsWarnings = Bool(text.FindingsAsWarnings, "SecretGuardFindingsAsWarnings", false);
        var baseAsWarnings = Bool(text.BaseImageFindingsAsWarnings, "SecretGuardBaseImageFindingsAsWarnings", false);
        var thirdPartyAsWarnings = Bool(text.ThirdPartyFindingsAsWarnings, "SecretGuardThirdPartyFindingsAsWarnings", true);
        var updating = Bool(text.UpdateBaseline, "SecretGuardUpdateBaseline", false);

        var confidence = Confidence.High;
        switch (text.MinimumConfidence?.Trim().ToLowerInvariant())
        {
            case null or "" or "high":
                break;
            case "medium":
                confidence = Confidence.Medium;
                break;
            default:
                Problem(Messages.InvalidMinimumConfidence(nameOf("SecretGuardMinimumConfidence"), text.MinimumConfidence));
                break;
        }

        long? maxBytes = null;
        if (!string.IsNullOrWhiteSpace(text.MaxFileSize))
        {
            if (ScanLimits.TryParseSize(text.MaxFileSize, out var bytes))
            {
                maxBytes = bytes;
            }
            else
            {
                Problem(Messages.InvalidMaxFileSize(nameOf("SecretGuardMaxFileSize"), text.MaxFileSize));
            }
        }

        TimeSpan? budget = null;
        if (!string.IsNullOrWhiteSpace(text.TimeBudget))
        {
            if (double.TryParse(text.TimeBudget.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= MaxTimeBudgetSeconds)
            {
                budget = TimeSpan.FromSeconds(seconds);
            }
            else
            {
                Problem(Messages.InvalidTimeBudget(nameOf("SecretGuardTimeBudget"), MaxTimeBudgetSeconds, text.TimeBudget));
            }
        }

        var helpUri = string.IsNullOrWhiteSpace(text.RuleHelpUri) ? null : text.RuleHelpUri.Trim();
        if (helpUri is not null && SarifReport.HelpUriFor(helpUri, "SG1001") is null)
        {
            Problem(Messages.InvalidRuleHelpUri(nameOf("SecretGuardRuleHelpUri"), text.RuleHelpUri));
        }

        if (problems.Count > before)
        {
            return null;
        }

        return new CheckSettings
        {
            Policy = new SeverityPolicy
            {
                AllAsWarnings = allAsWarnings || updating,
                BaseImageAsWarnings = baseAsWarnings,
                ThirdPartyAsWarnings = thirdPartyAsWarnings,
                MinimumConfidence = confidence,
            },
            UpdatingBaseline = updating,
            MaxFileBytes = maxBytes,
            TimeBudget = budget,
            RuleHelpUri = helpUri,
            NoWarn = NoWarnCodes.Parse(text.NoWarn),
        };
    }

    /// <summary>A true/false setting: empty takes the default; anything else is an SG0005 error naming the setting.</summary>
    public static Diagnostic? ReadBool(string? value, string name, bool defaultValue, string at, out bool result)
    {
        result = defaultValue;
        if (string.IsNullOrWhiteSpace(value) || bool.TryParse(value.Trim(), out result))
        {
            return null;
        }

        result = defaultValue;
        return new Diagnostic(DiagnosticCodes.InvalidSetting, at, 0, 0, Messages.NotABoolean(name, value), IsFinding: false);
    }
}

/// <summary>
/// The SG codes a NoWarn list switches off. A check that did not run (an image, layer or base image that
/// could not be read, no image, SecretGuard's own failure) is never hidden: as MSBuild's own NoWarn never
/// hides an error, a warning switch must not turn "not checked" into a pass. Building deliberately without
/// the base image check is SecretGuardScanBaseImage=false.
/// </summary>
internal sealed class NoWarnCodes
{
    /// <summary>Codes meaning part of the check did not run.</summary>
    public static readonly IReadOnlySet<string> NeverHidden = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        DiagnosticCodes.ImageUnreadable,
        DiagnosticCodes.LayerMissing,
        DiagnosticCodes.LayerCorrupt,
        DiagnosticCodes.NoImage,
        DiagnosticCodes.InternalError,
        DiagnosticCodes.BaseImageUnavailable,
    };

    private readonly HashSet<string> _codes;

    private NoWarnCodes(HashSet<string> codes) => _codes = codes;

    public static NoWarnCodes None { get; } = new(new HashSet<string>(StringComparer.OrdinalIgnoreCase));

    public static NoWarnCodes Parse(string? list) =>
        new(new HashSet<string>((list ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// Whether NoWarn hides this diagnostic. SG0004 is both a place that could not be fully read (a finding,
    /// which NoWarn may hide like any) and the whole check running out of its time budget (not a finding:
    /// part of the check did not run), so the code alone does not decide.
    /// </summary>
    public bool Hides(Diagnostic d) =>
        _codes.Contains(d.Code) && !NeverHidden.Contains(d.Code) && !(d.Code == DiagnosticCodes.ScanIncomplete && !d.IsFinding);
}
