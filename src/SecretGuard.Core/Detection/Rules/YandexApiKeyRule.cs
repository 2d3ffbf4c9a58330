using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Yandex Cloud API keys (AQVN and 35 to 38 characters).</summary>
internal sealed partial class YandexApiKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>AQVN[A-Za-z0-9_\-]{35,38})(?![A-Za-z0-9_\-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1099";

    public override string Title => "Yandex Cloud API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete the API key of the service account in the Yandex Cloud console and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["AQVN"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    // Real ones mix capitals, small letters and digits; words and sample strings do not.
    protected override bool Accept(string candidate, Match match, string text) =>
        MixesCaseAndDigits(candidate) && base.Accept(candidate, match, text);
}
