using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Prefect Cloud API keys (pnu_ and 36 characters).</summary>
public sealed partial class PrefectKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>pnu_[A-Za-z0-9]{36})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1046";

    public override string Title => "Prefect API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in Prefect Cloud (API keys) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["pnu_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
