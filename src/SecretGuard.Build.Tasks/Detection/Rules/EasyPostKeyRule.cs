using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>EasyPost production API keys (EZAK and 54 characters); test keys (EZTK) are not reported.</summary>
public sealed partial class EasyPostKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>EZAK[A-Za-z0-9]{54})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1068";

    public override string Title => "EasyPost production API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in EasyPost (Account settings, API keys) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["EZAK"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
