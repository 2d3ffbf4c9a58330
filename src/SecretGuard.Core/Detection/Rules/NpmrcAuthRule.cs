using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// Registry credentials in an .npmrc written the legacy way: _auth (for every registry, or scoped as
/// //registry.example/:_auth) holding base64 of user:password. Tokens (_authToken) are SG1010's and SG1012's.
/// </summary>
internal sealed partial class NpmrcAuthRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])_auth[ \t]*=[ \t]*[""']?(?<secret>[A-Za-z0-9+/]{6,}={0,2})(?![A-Za-z0-9+/=])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1118";

    public override string Title => "Registry credentials in an .npmrc (_auth)";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "change that registry account's password (better: use a scoped, read-only token from the registry, passed at build time with a build secret), and never copy .npmrc into an image";

    public override IReadOnlyList<string> Keywords { get; } = ["_auth"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    protected override bool Accept(string candidate, Match match, string text) => BasicAuthValue.HoldsPassword(candidate);
}
