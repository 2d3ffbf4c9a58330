using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Infracost API keys (ico- and 32 characters).</summary>
internal sealed partial class InfracostTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>ico-[A-Za-z0-9]{32})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1074";

    public override string Title => "Infracost API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "rotate it in Infracost Cloud (Org settings, API keys)";

    public override IReadOnlyList<string> Keywords { get; } = ["ico-"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    // Real ones mix capitals, small letters and digits; words and sample strings do not.
    protected override bool Accept(string candidate, Match match, string text) =>
        MixesCaseAndDigits(candidate) && base.Accept(candidate, match, text);
}
