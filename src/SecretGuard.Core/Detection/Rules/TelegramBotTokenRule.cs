using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Telegram bot tokens: the bot's numeric id, a colon, AA and 33 more characters.</summary>
internal sealed partial class TelegramBotTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_:])(?<secret>[0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1027";

    public override string Title => "Telegram bot token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it with @BotFather (/revoke) and use the new one";

    public override IReadOnlyList<string> Keywords { get; } = [":AA"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
