using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Heroku API keys of the current format (HRKU-AA and 58 characters).</summary>
public sealed partial class HerokuKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>HRKU-AA[0-9A-Za-z_-]{58})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1043";

    public override string Title => "Heroku API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it with heroku authorizations:revoke and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["HRKU-AA"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
