using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Groq API keys (gsk_ and 52 characters).</summary>
public sealed partial class GroqKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>gsk_[A-Za-z0-9]{52})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1087";

    public override string Title => "Groq API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in the Groq console (API keys) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["gsk_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
