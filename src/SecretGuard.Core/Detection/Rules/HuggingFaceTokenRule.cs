using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Hugging Face user access tokens: hf_ + 34 letters.</summary>
internal sealed partial class HuggingFaceTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>hf_[A-Za-z]{34})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1017";

    public override string Title => "Hugging Face access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "invalidate it in the Hugging Face settings (Access Tokens)";

    public override IReadOnlyList<string> Keywords { get; } = ["hf_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    // Real tokens mix upper and lower case at random; identifiers like hf_somethingsomething do not.
    protected override bool Accept(string candidate, Match match, string text) =>
        candidate.Skip(3).Any(char.IsUpper) && candidate.Skip(3).Any(char.IsLower) && Entropy.BitsPerChar(candidate.AsSpan(3)) >= 4.0;
}
