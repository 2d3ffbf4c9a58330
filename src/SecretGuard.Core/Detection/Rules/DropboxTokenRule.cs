using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Dropbox short-lived access tokens (sl. and 130 or more characters).</summary>
internal sealed partial class DropboxTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?<secret>sl\.(?:u\.)?[A-Za-z0-9_=\-]{130,1024})(?![A-Za-z0-9_=\-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1097";

    public override string Title => "Dropbox access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it (Dropbox API token/revoke, or the app's settings in the App Console) and sign in again";

    public override IReadOnlyList<string> Keywords { get; } = ["sl."];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    // Generated tokens are random throughout; long runs of repeated or sample characters are not tokens.
    protected override bool Accept(string candidate, Match match, string text) =>
        Entropy.BitsPerChar(candidate) >= 4.0 && base.Accept(candidate, match, text);
}
