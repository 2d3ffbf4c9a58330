using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>xAI (Grok) API keys (xai- and 80 characters).</summary>
public sealed partial class XaiKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>xai-[A-Za-z0-9]{80})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1088";

    public override string Title => "xAI API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in the xAI console (API keys) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["xai-"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
