using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Microsoft Teams incoming webhook URLs (anyone holding one can post to the channel).</summary>
internal sealed partial class TeamsWebhookRule : RegexRule
{
    [GeneratedRegex(@"(?<secret>https://[a-z0-9-]+\.webhook\.office\.com/webhookb2/[0-9a-f-]{36}@[0-9a-f-]{36}/IncomingWebhook/[0-9a-f]{32}/[0-9a-f-]{36}(?:/[A-Za-z0-9_-]{20,})?)", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1052";

    public override string Title => "Microsoft Teams incoming webhook";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "remove the incoming webhook connector from the channel and add a new one";

    public override IReadOnlyList<string> Keywords { get; } = [".webhook.office.com/webhookb2/"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
