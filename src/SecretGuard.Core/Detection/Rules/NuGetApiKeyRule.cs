using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>NuGet gallery API keys: oy2 + 43 lower-case letters and digits.</summary>
internal sealed partial class NuGetApiKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>oy2[a-z0-9]{43})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1019";

    public override string Title => "NuGet API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete or regenerate it in the NuGet gallery's API keys page";

    public override IReadOnlyList<string> Keywords { get; } = ["oy2"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    protected override bool Accept(string candidate, Match match, string text) =>
        candidate.Skip(3).Any(char.IsAsciiDigit) && Entropy.BitsPerChar(candidate.AsSpan(3)) >= 4.0;
}
