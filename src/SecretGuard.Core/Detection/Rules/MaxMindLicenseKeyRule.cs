using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>MaxMind license keys (6 characters, _, 29 characters and _mmk).</summary>
internal sealed partial class MaxMindLicenseKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk)(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1076";

    public override string Title => "MaxMind license key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "deactivate it on the MaxMind account portal (Manage license keys) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["_mmk"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    // Generated tokens are random throughout; long runs of repeated or sample characters are not tokens.
    protected override bool Accept(string candidate, Match match, string text) =>
        Entropy.BitsPerChar(candidate) >= 4.0 && base.Accept(candidate, match, text);
}
