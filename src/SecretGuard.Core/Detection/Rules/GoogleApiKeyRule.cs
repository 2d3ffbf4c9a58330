using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Google Cloud / Firebase API keys: AIza + 35 characters.</summary>
internal sealed partial class GoogleApiKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1014";

    public override string Title => "Google API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete or regenerate the key in the Google Cloud console (APIs & Services, Credentials) and restrict the new one";

    public override IReadOnlyList<string> Keywords { get; } = ["AIza"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    protected override bool Accept(string candidate, Match match, string text) => !Placeholders.IsPlaceholder(candidate) && Entropy.BitsPerChar(candidate) >= 3.5;
}
