using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Google OAuth client secrets of the current format (GOCSPX- and 28 characters), as the Google Cloud console issues them for "Sign in with Google".</summary>
internal sealed partial class GoogleOAuthClientSecretRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>GOCSPX-[A-Za-z0-9_-]{28})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1116";

    public override string Title => "Google OAuth client secret";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "add a new secret to the OAuth client in the Google Cloud console (APIs and services, Credentials), move the app to it, then disable and delete the old one";

    public override IReadOnlyList<string> Keywords { get; } = ["GOCSPX-"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
