using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Replicate API tokens (r8_ and 37 characters).</summary>
internal sealed partial class ReplicateTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>r8_[A-Za-z0-9]{37})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1089";

    public override string Title => "Replicate API token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "disable it in Replicate (Account, API tokens) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["r8_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    // Real ones mix capitals, small letters and digits; words and sample strings do not.
    protected override bool Accept(string candidate, Match match, string text) =>
        MixesCaseAndDigits(candidate) && base.Accept(candidate, match, text);
}
