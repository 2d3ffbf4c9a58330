using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// Passwords in .netrc-style entries (machine HOST login USER password PASS), which curl, git and many
/// tools read. A '#' starts a comment only where a token would start; inside a password it is a character.
/// </summary>
internal sealed partial class NetrcPasswordRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])machine\s+\S+\s+login\s+\S+\s+password\s+(?<secret>[^\s#]\S{5,})", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1060";

    public override string Title => "Password in a .netrc";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "change the password of that account on that host (prefer a token in a secret store)";

    public override IReadOnlyList<string> Keywords { get; } = ["machine"];

    protected override Regex Pattern => PatternRegex();

    // Documentation and test fixtures use words (qwerty, letmeknow); a real password or token mixes
    // character classes. All-lowercase passphrases are missed by design: they look like the examples.
    protected override bool Accept(string candidate, Match match, string text) =>
        !Placeholders.IsPlaceholder(candidate) && candidate.Length >= 8 && Entropy.BitsPerChar(candidate) >= 3.0
        && (candidate.Any(char.IsAsciiDigit) || candidate.Any(c => !char.IsAsciiLetterOrDigit(c)) || (candidate.Any(char.IsAsciiLetterUpper) && candidate.Any(char.IsAsciiLetterLower)));
}
