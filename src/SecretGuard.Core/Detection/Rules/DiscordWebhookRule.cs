using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Discord webhook URLs (anyone holding one can post to the channel).</summary>
internal sealed partial class DiscordWebhookRule : RegexRule
{
    [GeneratedRegex(@"(?<secret>https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1053";

    public override string Title => "Discord webhook";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete the webhook in the channel's integrations and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["discord.com/api/webhooks/", "discordapp.com/api/webhooks/"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
