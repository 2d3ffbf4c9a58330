using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>SettleMint application, personal and service access tokens (sm_aat_, sm_pat_, sm_sat_ and 16 characters).</summary>
internal sealed partial class SettleMintTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>sm_(?:aat|pat|sat)_[A-Za-z0-9]{16})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1084";

    public override string Title => "SettleMint access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in the SettleMint console (Access tokens) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["sm_aat_", "sm_pat_", "sm_sat_"];

    public override IReadOnlyList<string> Formats { get; } = ["application access token (sm_aat_)", "personal access token (sm_pat_)", "service access token (sm_sat_)"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    // Real ones mix capitals, small letters and digits; words and sample strings do not.
    protected override bool Accept(string candidate, Match match, string text) =>
        MixesCaseAndDigits(candidate) && base.Accept(candidate, match, text);
}
