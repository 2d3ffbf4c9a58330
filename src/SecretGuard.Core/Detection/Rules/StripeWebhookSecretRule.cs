using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Stripe webhook endpoint signing secrets (whsec_ and 32 or more characters).</summary>
internal sealed partial class StripeWebhookSecretRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>whsec_[A-Za-z0-9+/=]{32,88})(?![A-Za-z0-9_+/=])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1085";

    public override string Title => "Stripe webhook signing secret";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "roll the signing secret of the endpoint in the Stripe dashboard (Developers, Webhooks)";

    public override IReadOnlyList<string> Keywords { get; } = ["whsec_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    // Real ones mix capitals, small letters and digits; words and sample strings do not.
    protected override bool Accept(string candidate, Match match, string text) =>
        MixesCaseAndDigits(candidate) && base.Accept(candidate, match, text);
}
