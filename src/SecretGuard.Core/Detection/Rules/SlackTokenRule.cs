using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Slack bot, user, app and configuration tokens, and incoming-webhook URLs.</summary>
internal sealed partial class SlackTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<secret>(?<![A-Za-z0-9-])xox[abposre]-(?:\d+-)?[0-9A-Za-z]{8,}(?:-[0-9A-Za-z]{4,})+|(?<![A-Za-z0-9-])xapp-\d-[A-Z0-9]+-\d+-[a-f0-9]{32,}|https?://hooks\.slack\.com/(?:services|workflows)/T[A-Z0-9]{6,}/[A-Z0-9]{6,}/[A-Za-z0-9]{16,})", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1006";

    public override string Title => "Slack token or webhook";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke the token (or regenerate the webhook) in the Slack app's settings";

    public override IReadOnlyList<string> Keywords { get; } = ["xox", "xapp-", "hooks.slack.com"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
