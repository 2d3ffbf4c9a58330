using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Pulumi access tokens (pul- and 40 hex digits).</summary>
public sealed partial class PulumiTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>pul-[a-f0-9]{40})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1040";

    public override string Title => "Pulumi access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in Pulumi Cloud (Access tokens) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["pul-"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
