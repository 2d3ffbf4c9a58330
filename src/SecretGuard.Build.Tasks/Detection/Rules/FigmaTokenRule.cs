using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Figma personal access tokens (figd_ and 40 characters).</summary>
public sealed partial class FigmaTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>figd_[A-Za-z0-9_\-]{40})(?![A-Za-z0-9_\-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1092";

    public override string Title => "Figma personal access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in Figma (Settings, Security, Personal access tokens) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["figd_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
