using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Stripe live secret and restricted keys (publishable pk_ keys and test keys are not secrets that ship harm).</summary>
internal sealed partial class StripeKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>(?:sk|rk)_live_[A-Za-z0-9]{24,247})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1005";

    public override string Title => "Stripe live secret key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "roll the key in the Stripe dashboard, under Developers, API keys";

    public override IReadOnlyList<string> Formats { get; } =
    [
        "live secret key (sk_live_)",
        "live restricted key (rk_live_)",
    ];

    public override IReadOnlyList<string> Keywords { get; } = ["sk_live_", "rk_live_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
