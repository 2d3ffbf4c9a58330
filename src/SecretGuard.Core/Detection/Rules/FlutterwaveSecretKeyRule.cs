using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Flutterwave live secret keys (FLWSECK-, 32 characters and -X); test keys are not reported.</summary>
internal sealed partial class FlutterwaveSecretKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>FLWSECK-[a-h0-9]{32}-X)(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1070";

    public override string Title => "Flutterwave live secret key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "regenerate the API keys in the Flutterwave dashboard (Settings, API)";

    public override IReadOnlyList<string> Keywords { get; } = ["FLWSECK-"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
