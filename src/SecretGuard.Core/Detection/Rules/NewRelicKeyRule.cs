using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>New Relic user API keys (NRAK-) and insights insert keys (NRII-).</summary>
internal sealed partial class NewRelicKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1030";

    public override string Title => "New Relic API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in New Relic (API keys) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["NRAK-", "NRII-"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
