using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Shippo live API tokens (test tokens are not flagged).</summary>
public sealed partial class ShippoTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>shippo_live_[a-f0-9]{40})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1044";

    public override string Title => "Shippo live API token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "regenerate it in the Shippo dashboard (API)";

    public override IReadOnlyList<string> Keywords { get; } = ["shippo_live_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
