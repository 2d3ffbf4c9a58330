using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Linear personal API keys (lin_api_ and 40 characters).</summary>
public sealed partial class LinearKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>lin_api_[A-Za-z0-9]{40})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1032";

    public override string Title => "Linear API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in Linear (Settings, API) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["lin_api_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
