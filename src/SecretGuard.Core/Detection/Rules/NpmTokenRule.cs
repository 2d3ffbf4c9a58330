using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>npm access tokens: npm_ + 36 characters ending in a base-62 CRC-32 of the rest, checked offline.</summary>
internal sealed partial class NpmTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>npm_(?<body>[A-Za-z0-9]{36}))(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1012";

    public override string Title => "npm access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it on the npm website (Access Tokens) or with npm token revoke";

    public override IReadOnlyList<string> Keywords { get; } = ["npm_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    protected override bool Accept(string candidate, Match match, string text) => Checksums.HasValidCrc32Suffix(match.Groups["body"].ValueSpan);
}
