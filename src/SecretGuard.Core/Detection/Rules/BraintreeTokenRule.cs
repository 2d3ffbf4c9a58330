using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Braintree (PayPal) production access tokens.</summary>
internal sealed partial class BraintreeTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1055";

    public override string Title => "Braintree production access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in the Braintree (PayPal) control panel and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["access_token$production$"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
