using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Adobe Developer Console OAuth client secrets (p8e- and 32 characters).</summary>
internal sealed partial class AdobeClientSecretRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>p8e-[A-Za-z0-9]{32})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1064";

    public override string Title => "Adobe client secret";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "reset the client secret in the Adobe Developer Console";

    public override IReadOnlyList<string> Keywords { get; } = ["p8e-"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    // Real ones mix capitals, small letters and digits; words and sample strings do not.
    protected override bool Accept(string candidate, Match match, string text) =>
        MixesCaseAndDigits(candidate) && base.Accept(candidate, match, text);
}
