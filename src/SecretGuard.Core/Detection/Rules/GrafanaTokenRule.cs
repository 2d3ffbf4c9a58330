using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Grafana service account tokens (glsa_) and Grafana Cloud access policy tokens (glc_).</summary>
internal sealed partial class GrafanaTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,400}={0,2})(?![A-Za-z0-9_+/=])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1029";

    public override string Title => "Grafana token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in Grafana (service accounts, or Grafana Cloud access policies) and create a new one";

    public override IReadOnlyList<string> Formats { get; } =
    [
        "service account token (glsa_)",
        "Grafana Cloud access policy token (glc_)",
    ];

    public override IReadOnlyList<string> Keywords { get; } = ["glsa_", "glc_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
