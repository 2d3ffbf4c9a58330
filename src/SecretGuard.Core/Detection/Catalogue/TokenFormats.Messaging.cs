using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Catalogue;

internal static partial class TokenFormats
{
    /// <summary>Chat, e-mail, social networks and webhooks: Slack, Discord, Teams, Telegram, SendGrid, Brevo, Zapier and the like.</summary>
    private static TokenFormat[] Messaging =>
    [
        new("SG1006", "SlackToken", "Slack token or webhook", "Slack token or incoming webhook.",
            SlackToken, ["xox", "xapp-", "hooks.slack.com"], "revoke the token (or regenerate the webhook) in the Slack app's settings")
        {
            KeywordStartsToken = false,
            Details = "Slack bot, user, app and configuration tokens, and incoming-webhook and workflow-trigger URLs (over https or http).",
            NotFlagged = "and keys vendors publish as documentation examples",
        },
        new("SG1007", "SendGridKey", "SendGrid API key", "SendGrid API key.",
            SendGridKey, ["SG."], "delete the key in SendGrid (Settings > API Keys) and create a new one")
        {
            KeywordStartsToken = false,
            Details = "SendGrid API keys: SG.{22}.{43}.",
            NotFlagged = "and keys vendors publish as documentation examples",
        },
        new("SG1027", "TelegramBotToken", "Telegram bot token", "Telegram bot tokens: the bot's numeric id, a colon, AA and 33 more characters.",
            TelegramBotToken, [":AA"], "revoke it with @BotFather (/revoke) and use the new one")
        { KeywordStartsToken = false },
        new("SG1052", "TeamsWebhook", "Microsoft Teams incoming webhook", "Microsoft Teams incoming webhook URLs (anyone holding one can post to the channel).",
            TeamsWebhook, [".webhook.office.com/webhookb2/"], "remove the incoming webhook connector from the channel and add a new one")
        { KeywordStartsToken = false },
        new("SG1053", "DiscordWebhook", "Discord webhook", "Discord webhook URLs (anyone holding one can post to the channel).",
            DiscordWebhook, ["discord.com/api/webhooks/", "discordapp.com/api/webhooks/"], "delete the webhook in the channel's integrations and create a new one")
        { KeywordStartsToken = false },
        new("SG1069", "FacebookAccessToken", "Facebook (Meta) access token", "Meta (Facebook) user, page, system user and app access tokens (EAA, a letter or digit that depends on the app, and 100 or more letters and digits), and app access tokens written as the app id, | and the app secret (32 hex digits) or a 27-character token, near the name Facebook, fb_ or access_token=.",
            FacebookAccessToken, ["EAA", "facebook", "Facebook", "FACEBOOK", "fb_", "FB_", "access_token="], "invalidate it in Meta for Developers (reset the app secret, or log the user or page out) and issue a new one")
        {
            Validate = v => v.Contains('|') ? Entropy.BitsPerChar(v.AsSpan(v.IndexOf('|') + 1)) >= 3.5 : MixesCaseAndDigits(v.AsSpan(3)) && Entropy.BitsPerChar(v) >= 4.0,

            // EAA starts a token only after a character no token or base64 holds, with 100 characters after it.
            AtKeyword = (t, i) => t[i] != 'E' || ((i == 0 || !(TokenShape.IsWordChar(t[i - 1]) || t[i - 1] is '+' or '/' or '-')) && t.Length - i > 103),
        },
        new("SG1083", "BrevoKey", "Brevo (Sendinblue) API key", "Brevo (formerly Sendinblue) API keys (xkeysib-, 64 hex digits and 16 characters).",
            BrevoKey, ["xkeysib-"], "delete it in Brevo (SMTP and API, API keys) and create a new one")
        { KeywordStartsToken = false },
        new("SG1098", "TwitterBearerToken", "X (Twitter) bearer token", "X (Twitter) app bearer tokens (22 A's and 80 to 100 URL-encoded characters).",
            TwitterBearerToken, ["AAAAAAAAAAAAAAAAAAAAAA"], "regenerate the bearer token in the X developer portal (your app, Keys and tokens)")
        { Validate = v => v.Contains('%') && Entropy.BitsPerChar(v) >= 3.5, KeywordStartsToken = false },
        new("SG1119", "SlackConfigurationToken", "Slack configuration token", "Slack app configuration access tokens (xoxe.xoxb-/xoxe.xoxp- and about 165 letters and digits) and their refresh tokens (xoxe- and 146).",
            SlackConfigurationToken, ["xoxe"], "revoke the configuration token in the Slack API's app configuration tokens page (it also revokes its refresh token) and generate a new one")
        { Formats = ["Slack configuration access token", "Slack configuration refresh token"] },
        new("SG1124", "TeamsLegacyWebhook", "Microsoft Teams legacy incoming webhook", "Microsoft Teams incoming webhooks of the older outlook.office.com/webhook/ and outlook.office365.com/webhook/ shape.",
            TeamsLegacyWebhook, ["webhook/"], "remove the incoming webhook connector from the channel and add a new one (or move to a Workflows webhook)")
        { KeywordStartsToken = false },
        new("SG1127", "PubNubKey", "PubNub secret or publish key", "PubNub secret keys (sec-c- and 48 base64 characters that decode to a UUID) and publish keys (pub-c- and a UUID).",
            PubNubKey, ["sec-c-", "pub-c-"], "regenerate the keyset's keys in the PubNub admin portal")
        {
            Formats = ["PubNub secret key", "PubNub publish key"],
            Validate = v => !v.StartsWith("sec-c-", StringComparison.Ordinal) || IsBase64OfUuid(v.AsSpan(6)),
            KeywordStartsToken = false,
        },
        new("SG1132", "ZapierWebhook", "Zapier webhook URL", "Zapier catch hooks: https://hooks.zapier.com/hooks/catch/<account>/<hook>/, which anyone can use to start the Zap.",
            ZapierWebhook, [".zapier.com/hooks/catch/"], "turn off the Zap and recreate its Webhooks by Zapier trigger (a new URL), then update the callers")
        { KeywordStartsToken = false },
        new("SG1155", "MailerSendToken", "MailerSend API token", "MailerSend API tokens: mlsn. and 64 hex digits.",
            MailerSendToken, ["mlsn."], "delete the token in MailerSend (Integrations > API tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1159", "SendinblueSmtpKey", "Brevo SMTP key", "Brevo (Sendinblue) SMTP keys: xsmtpsib- and 64 hex digits, - and 16 letters and digits.",
            SendinblueSmtpKey, ["xsmtpsib-"], "delete the SMTP key in Brevo (SMTP & API > SMTP) and create a new one"),
        new("SG1280", "LinkedInClientSecretV2", "LinkedIn client secret", "LinkedIn app client secrets of the current format: WPL_AP, a digit, ., 16 letters and digits, . and 8 base64 characters ending ==.",
            LinkedInClientSecret, ["WPL_AP"], "generate a new client secret in the LinkedIn developer portal (your app, Auth) and delete the old one")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(8, 16)) },
    ];

    [GeneratedRegex(@"(?<secret>(?<![A-Za-z0-9-])xox[abposre]-(?:\d+-)?[0-9A-Za-z]{8,}(?:-[0-9A-Za-z]{4,})+|(?<![A-Za-z0-9-])xapp-\d-[A-Z0-9]+-\d+-[a-f0-9]{32,}|https?://hooks\.slack\.com/(?:services|workflows|triggers)/T[A-Z0-9]{6,}/[A-Z0-9]{6,}/[A-Za-z0-9]{16,})", Options, TimeoutMs)]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex SendGridKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_:])(?<secret>[0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex TelegramBotToken();

    [GeneratedRegex(@"(?<secret>https://[a-z0-9-]+\.webhook\.office\.com/webhookb2/[0-9a-f-]{36}@[0-9a-f-]{36}/IncomingWebhook/[0-9a-f]{32}/[0-9a-f-]{36}(?:/[A-Za-z0-9_-]{20,})?)", Options, TimeoutMs)]
    private static partial Regex TeamsWebhook();

    [GeneratedRegex(@"(?<secret>https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex DiscordWebhook();

    // A user or page token (EAA…), or an app access token: the app id, | and the app secret (or a 27-character token).
    [GeneratedRegex(@"(?<![A-Za-z0-9_+/-])(?<secret>EAA[A-Za-z0-9]{100,1024})(?![A-Za-z0-9_+/=-])|(?<![0-9|])(?<secret>[0-9]{15,16}\|(?:[a-f0-9]{32}|[A-Za-z0-9_-]{27}))(?![A-Za-z0-9_|-])", Options, TimeoutMs)]
    private static partial Regex FacebookAccessToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex BrevoKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_+/%])(?<secret>A{22}[A-Za-z0-9%]{80,100})(?![A-Za-z0-9_+/=%])", Options, TimeoutMs)]
    private static partial Regex TwitterBearerToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])(?<secret>xoxe\.xox[bp]-\d-[A-Za-z0-9]{163,166}|xoxe-\d-[A-Za-z0-9]{146})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex SlackConfigurationToken();

    [GeneratedRegex(@"(?<secret>https://outlook\.office(?:365)?\.com/webhook/[0-9a-f-]{36}@[0-9a-f-]{36}/IncomingWebhook/[0-9a-f]{32}/[0-9a-f-]{36})", Options, TimeoutMs)]
    private static partial Regex TeamsLegacyWebhook();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>sec-c-[A-Za-z0-9+/]{48}|pub-c-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})(?![A-Za-z0-9_+/=-])", Options, TimeoutMs)]
    private static partial Regex PubNubKey();

    [GeneratedRegex(@"(?<secret>https://hooks\.zapier\.com/hooks/catch/[0-9]{4,12}/[A-Za-z0-9]{5,12}/?)(?![A-Za-z0-9])", Options, TimeoutMs)]
    private static partial Regex ZapierWebhook();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?<secret>mlsn\.[a-f0-9]{64})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex MailerSendToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>xsmtpsib-[a-f0-9]{64}-[A-Za-z0-9]{16})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex SendinblueSmtpKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?<secret>WPL_AP[0-9]\.[A-Za-z0-9]{16}\.[A-Za-z0-9+/]{6}==)(?![A-Za-z0-9+/=_])", Options, TimeoutMs)]
    private static partial Regex LinkedInClientSecret();
}
