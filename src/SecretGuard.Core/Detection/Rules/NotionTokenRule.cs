using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Notion internal integration tokens (ntn_, and the older secret_ with 43 characters).</summary>
internal sealed partial class NotionTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1054";

    public override string Title => "Notion integration token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "refresh the secret of the integration in Notion (My integrations)";

    public override IReadOnlyList<string> Keywords { get; } = ["ntn_", "secret_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    // A token mixes letters and digits at random; secret_ followed by words is an identifier.
    protected override bool Accept(string candidate, Match match, string text) =>
        !Placeholders.IsPlaceholder(candidate) && candidate.Any(char.IsAsciiDigit) && candidate.Skip(4).Any(char.IsUpper) && Entropy.BitsPerChar(candidate.AsSpan(candidate.IndexOf('_') + 1)) >= 4.0;
}
