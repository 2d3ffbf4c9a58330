using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Octopus Deploy API keys (API- and 26 capital letters and digits).</summary>
internal sealed partial class OctopusDeployKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>API-[A-Z0-9]{26})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1077";

    public override string Title => "Octopus Deploy API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in Octopus Deploy (your profile, API keys) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["API-"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    // Real keys mix letters and digits; capitalised identifiers (API-VERSION...) do not.
    protected override bool Accept(string candidate, Match match, string text) =>
        candidate.Skip(4).Any(char.IsAsciiDigit) && candidate.Skip(4).Any(char.IsAsciiLetter) && base.Accept(candidate, match, text);
}
