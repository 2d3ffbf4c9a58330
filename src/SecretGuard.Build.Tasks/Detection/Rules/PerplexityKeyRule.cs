using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Perplexity API keys (pplx- and 48 characters).</summary>
public sealed partial class PerplexityKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>pplx-[A-Za-z0-9]{48})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1079";

    public override string Title => "Perplexity API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in Perplexity (Settings, API) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["pplx-"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
