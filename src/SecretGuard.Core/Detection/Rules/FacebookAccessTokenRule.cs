using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Meta (Facebook) user, page and app access tokens (EAAC or EAAM and 100 or more characters; an app token is also the app id, | and the app secret).</summary>
internal sealed partial class FacebookAccessTokenRule : RegexRule
{
    // A user or page token (EAA…), or an app access token: the app id, | and the app secret (or a 27-character token).
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>EAA[MC][A-Za-z0-9]{100,512})(?![A-Za-z0-9_])|(?<![0-9|])(?<secret>[0-9]{15,16}\|(?:[a-f0-9]{32}|[A-Za-z0-9_-]{27}))(?![A-Za-z0-9_|-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1069";

    public override string Title => "Facebook (Meta) access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "invalidate it in Meta for Developers (reset the app secret, or log the user or page out) and issue a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["EAAM", "EAAC", "facebook", "Facebook", "FACEBOOK", "fb_", "FB_", "access_token="];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    // Generated tokens are random throughout; long runs of repeated or sample characters are not tokens.
    protected override bool Accept(string candidate, Match match, string text) =>
        Entropy.BitsPerChar(candidate.AsSpan(candidate.IndexOf('|') + 1)) >= (candidate.Contains('|') ? 3.5 : 4.0) && base.Accept(candidate, match, text);
}
