using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Render API keys (rnd_ and 32 characters).</summary>
public sealed partial class RenderKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>rnd_[A-Za-z0-9]{32})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1050";

    public override string Title => "Render API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in Render (Account settings, API keys) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["rnd_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
