using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Postman API keys: PMAK-, 24 hex digits, a dash, 34 hex digits.</summary>
public sealed partial class PostmanKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>PMAK-[a-f0-9]{24}-[a-f0-9]{34})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1025";

    public override string Title => "Postman API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in Postman (Settings, API keys) and generate a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["PMAK-"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
