using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Adafruit IO keys (aio_ and 28 characters).</summary>
internal sealed partial class AdafruitKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>aio_[A-Za-z0-9]{28})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1094";

    public override string Title => "Adafruit IO key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "regenerate the key in Adafruit IO (My Key)";

    public override IReadOnlyList<string> Keywords { get; } = ["aio_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    // Real ones mix capitals, small letters and digits; words and sample strings do not.
    protected override bool Accept(string candidate, Match match, string text) =>
        MixesCaseAndDigits(candidate) && base.Accept(candidate, match, text);
}
