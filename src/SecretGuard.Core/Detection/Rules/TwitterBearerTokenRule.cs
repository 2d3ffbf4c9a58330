using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>X (Twitter) app bearer tokens (22 A's and 80 to 100 URL-encoded characters).</summary>
internal sealed partial class TwitterBearerTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_+/%])(?<secret>A{22}[A-Za-z0-9%]{80,100})(?![A-Za-z0-9_+/=%])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1098";

    public override string Title => "X (Twitter) bearer token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "regenerate the bearer token in the X developer portal (your app, Keys and tokens)";

    public override IReadOnlyList<string> Keywords { get; } = ["AAAAAAAAAAAAAAAAAAAAAA"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    // The token is URL-encoded base64 (%2B, %3D); a run of A's in base64 data is not.
    protected override bool Accept(string candidate, Match match, string text) =>
        candidate.Contains('%') && Entropy.BitsPerChar(candidate) >= 3.5 && base.Accept(candidate, match, text);
}
