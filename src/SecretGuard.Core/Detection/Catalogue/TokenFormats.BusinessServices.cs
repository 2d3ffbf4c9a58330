using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Catalogue;

internal static partial class TokenFormats
{
    /// <summary>Monitoring, product and business services: Sentry, Grafana, New Relic, Notion, Dropbox, HubSpot, Salesforce, Figma and the like.</summary>
    private static TokenFormat[] BusinessServices =>
    [
        new("SG1029", "GrafanaToken", "Grafana token", "Grafana service account tokens (glsa_) and Grafana Cloud access policy tokens (glc_).",
            GrafanaToken, ["glsa_", "glc_"], "delete it in Grafana (service accounts, or Grafana Cloud access policies) and create a new one")
        { Formats = ["service account token (glsa_)", "Grafana Cloud access policy token (glc_)"], KeywordStartsToken = false },
        new("SG1030", "NewRelicKey", "New Relic API key", "New Relic user API keys (NRAK-) and insights insert keys (NRII-).",
            NewRelicKey, ["NRAK-", "NRII-"], "delete it in New Relic (API keys) and create a new one")
        { KeywordStartsToken = false },
        new("SG1031", "SentryToken", "Sentry auth token", "Sentry organization auth tokens (sntrys_, the base64 of a JSON payload, _ and a 43-character base64 secret) and user, user-app and integration tokens (sntryu_, sntrya_, sntryi_ and 64 hex digits).",
            SentryToken, ["sntrys_", "sntryu_", "sntrya_", "sntryi_"], "revoke it in Sentry (auth tokens) and create a new one")
        {
            Formats = ["organization auth token (sntrys_)", "user auth token (sntryu_)", "user app token (sntrya_)", "integration token (sntryi_)"],
            Validate = IsSentryToken,
            KeywordStartsToken = false,
        },
        new("SG1041", "DynatraceToken", "Dynatrace API token", "Dynatrace access tokens (dt0c01.) and platform tokens and OAuth client secrets (dt0s01., dt0s16., …): the prefix, a 24-character public id, . and a 64-character secret, in capitals and digits.",
            DynatraceToken, ["dt0"], "revoke it in Dynatrace (Access tokens) and generate a new one")
        {
            Validate = v => !VendorExamples.IsPublished(v),
            KeywordStartsToken = false,
            NotFlagged = "the example token of Dynatrace's API documentation (dt0c01.ST2EY72KQINMH574WMNVI7YN.…), and a prefix without a value of the right shape",
        },
        new("SG1054", "NotionToken", "Notion integration token", "Notion internal integration tokens (ntn_, and the older secret_ with 43 characters).",
            NotionToken, ["ntn_", "secret_"], "refresh the secret of the integration in Notion (My integrations)")
        {
            Validate = v => v.Any(char.IsAsciiDigit) && v.Skip(4).Any(char.IsUpper) && Entropy.BitsPerChar(v.AsSpan(v.IndexOf('_') + 1)) >= 4.0,
            KeywordStartsToken = false,
        },
        new("SG1064", "AdobeClientSecret", "Adobe client secret", "Adobe Developer Console OAuth client secrets: p8e- and 32 letters, digits, _ and -.",
            AdobeClientSecret, ["p8e-"], "reset the client secret in the Adobe Developer Console")
        { Validate = v => MixesCaseAndDigits(v), KeywordStartsToken = false },
        new("SG1072", "FrameIoToken", "Frame.io developer token", "Frame.io developer tokens (fio-u- and 64 characters).",
            FrameIoToken, ["fio-u-"], "delete it in the Frame.io developer site (Tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1075", "Intra42Secret", "42 Intra client secret", "42 school Intra API client secrets (s-s4t2ud- or s-s4t2af- and 64 hex digits).",
            Intra42Secret, ["s-s4t2"], "replace the secret of the application in the 42 Intra (API, your application)")
        { KeywordStartsToken = false },
        new("SG1076", "MaxMindLicenseKey", "MaxMind license key", "MaxMind license keys (6 characters, _, 29 characters and _mmk).",
            MaxMindLicenseKey, ["_mmk"], "deactivate it on the MaxMind account portal (Manage license keys) and create a new one")
        { Validate = v => Entropy.BitsPerChar(v) >= 4.0, KeywordStartsToken = false },
        new("SG1084", "SettleMintToken", "SettleMint access token", "SettleMint application, personal and service access tokens (sm_aat_, sm_pat_, sm_sat_ and 16 characters).",
            SettleMintToken, ["sm_aat_", "sm_pat_", "sm_sat_"], "delete it in the SettleMint console (Access tokens) and create a new one")
        {
            Formats = ["application access token (sm_aat_)", "personal access token (sm_pat_)", "service access token (sm_sat_)"],
            Validate = v => MixesCaseAndDigits(v),
            KeywordStartsToken = false,
        },
        new("SG1086", "TypeformToken", "Typeform personal access token", "Typeform personal access tokens (tfp_ and 59 characters).",
            TypeformToken, ["tfp_"], "delete it in Typeform (Account, Personal tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1092", "FigmaToken", "Figma personal access token", "Figma personal access tokens (figd_ and 40 characters).",
            FigmaToken, ["figd_"], "revoke it in Figma (Settings, Security, Personal access tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1093", "ContentfulToken", "Contentful personal access token", "Contentful content management personal access tokens (CFPAT- and 43 characters).",
            ContentfulToken, ["CFPAT-"], "revoke it in Contentful (Account settings, Tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1094", "AdafruitKey", "Adafruit IO key", "Adafruit IO keys (aio_ and 28 characters).",
            AdafruitKey, ["aio_"], "regenerate the key in Adafruit IO (My Key)")
        { Validate = v => MixesCaseAndDigits(v), KeywordStartsToken = false },
        new("SG1095", "MapboxSecretToken", "Mapbox secret access token", "Mapbox secret access tokens (sk.eyJ…); public tokens (pk.) are meant to be public and are not reported.",
            MapboxSecretToken, ["sk.eyJ"], "delete it in Mapbox (Account, Access tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1097", "DropboxToken", "Dropbox access token", "Dropbox short-lived access tokens (sl. and 130 or more characters).",
            DropboxToken, ["sl."], "revoke it (Dropbox API token/revoke, or the app's settings in the App Console) and sign in again")
        { Validate = v => Entropy.BitsPerChar(v) >= 4.0, KeywordStartsToken = false },
        new("SG1125", "NewRelicIngestKey", "New Relic license or browser key", "New Relic ingest license keys (40 characters ending in NRAL, the current ones in FFFFNRAL; eu01xx… in the EU region), browser keys (NRJS- and 19 hex digits) and mobile app tokens (AA, 40 hex digits and -NRMA).",
            NewRelicIngestKey, ["NRAL", "NRJS-", "-NRMA"], "delete the key in New Relic (API keys) and create a new one, then update the agents")
        { Formats = ["New Relic license key", "New Relic browser key", "New Relic mobile app token"], KeywordStartsToken = false },
        new("SG1126", "LaunchDarklyKey", "LaunchDarkly API token or SDK key", "LaunchDarkly API access tokens (api- and a version-4 UUID) and server-side SDK keys (sdk- and a version-4 UUID).",
            LaunchDarklyKey, ["api-", "sdk-"], "reset it in LaunchDarkly (Account settings > Authorization for API tokens; the environment's SDK key for SDK keys)")
        {
            Formats = ["LaunchDarkly API access token", "LaunchDarkly server-side SDK key"],
            AtKeyword = (t, i) => t.Length - i > 12 && t[i + 12] == '-',
        },
        new("SG1131", "SalesforceToken", "Salesforce access or refresh token", "Salesforce session access tokens (a 15- or 18-character org id 00D…, ! and 80 or more characters) and OAuth refresh tokens (5Aep861 and 70 to 90 more, the older ones ending in ==).",
            SalesforceToken, ["00D", "5Aep861"], "revoke it in Salesforce (Setup > Connected Apps OAuth Usage, or the user's session management) and reset the connected app's consumer secret if it was issued with it")
        {
            Formats = ["Salesforce access token", "Salesforce refresh token"],
            AtKeyword = (t, i) => (i == 0 || !TokenShape.IsWordChar(t[i - 1])) && (t[i] == '5' || t.Slice(i, Math.Min(20, t.Length - i)).Contains('!')),
            Validate = v => MixesCaseAndDigits(v.AsSpan(v.IndexOf('!') + 1)),
        },
        new("SG1134", "AuthressAccessKey", "Authress service client access key", "Authress service client access keys: sc_/ext_/scauth_/authress_, a client id, a key id, acc_ or acc- and the account, then the key.",
            AuthressAccessKey, [".acc_", ".acc-"], "delete the access key of the service client in Authress and create a new one")
        { KeywordStartsToken = false },
        new("SG1137", "GrafanaApiKey", "Grafana API key", "Grafana API keys of the older kind: eyJrIjoi (base64 of {\"k\":\") and 70 to 400 more, decoded and checked.",
            GrafanaApiKey, ["eyJrIjoi"], "delete the API key in Grafana (Administration > API keys) and use a service account token instead")
        { Validate = IsGrafanaApiKey },
        new("SG1138", "ClickUpToken", "ClickUp personal API token", "ClickUp personal API tokens: pk_, the user id, _ and 32 capitals and digits.",
            ClickUpToken, ["pk_"], "regenerate the token in ClickUp (Settings > Apps > API token)")
        { Validate = v => MixesLettersAndDigits(v.AsSpan(v.LastIndexOf('_') + 1)) },
        new("SG1141", "PostHogPersonalKey", "PostHog personal API key or secret token", "PostHog personal API keys (phx_) and project secret API keys (phs_): the prefix and 40 to 48 base-62 characters (35 random bytes; the older keys 32); OAuth access and refresh tokens (pha_, phr_ and 40 to 43). phc_ project keys ship in every browser snippet and are not flagged.",
            PostHogPersonalKey, ["phx_", "phs_", "pha_", "phr_"], "roll or delete the key in PostHog (Settings > Personal API keys, or the project's secret API keys), or revoke the OAuth application's tokens")
        {
            Formats = ["PostHog personal API key (phx_)", "PostHog project secret API key (phs_)", "PostHog OAuth access token (pha_)", "PostHog OAuth refresh token (phr_)"],
            Validate = v => MixesCaseAndDigits(v.AsSpan(4)),
        },
        new("SG1147", "HubSpotPrivateAppToken", "HubSpot private app token", "HubSpot private app and personal access tokens: pat-, the region (na1, eu1, ap1, …) and a UUID.",
            HubSpotPrivateAppToken, ["pat-na", "pat-eu", "pat-ap"], "rotate the token in HubSpot (Settings > Integrations > Private apps > Auth > Rotate)")
        { KeywordStartsToken = false },
        new("SG1151", "ApifyToken", "Apify API token", "Apify API tokens: apify_api_ and 36 letters and digits.",
            ApifyToken, ["apify_api_"], "reset the token in the Apify console (Settings > Integrations)")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(10)), KeywordStartsToken = false },
        new("SG1152", "RootlyApiKey", "Rootly API key", "Rootly API keys: rootly_ and 64 hex digits.",
            RootlyApiKey, ["rootly_"], "revoke the key in Rootly (Organization settings > API keys) and create a new one")
        { KeywordStartsToken = false },

        // Newer, self-identifying shapes of services the context catalogue knows by name (ContextFormats): Trello,
        // Honeycomb, Together AI, Vercel. The context rows keep the older shapes.
        new("SG1281", "TrelloToken", "Trello API token", "Trello API tokens of the current format: ATTA, 64 hex digits and an 8-hex-digit checksum in capitals (76 characters).",
            TrelloToken, ["ATTA"], "revoke the token in Trello (Account > Applications, or the Power-Up's API key page) and authorize again")
        { Validate = v => Entropy.BitsPerChar(v.AsSpan(4, 64)) >= 3.3 },
        new("SG1282", "HoneycombIngestKey", "Honeycomb ingest key", "Honeycomb API keys of the v2 kind that carry their secret: hc, a region letter, ik (ingest) or ic (classic ingest), _ and 58 small letters and digits (the key id, 01…, then its secret).",
            HoneycombIngestKey, ["hcaik_", "hcbik_", "hcxik_", "hcaic_", "hcbic_", "hcxic_"], "delete the ingest key in Honeycomb (Environment settings > API keys) and create a new one")
        { Validate = v => MixesLettersAndDigits(v.AsSpan(8)) && Entropy.BitsPerChar(v.AsSpan(6)) >= 3.5 },
        new("SG1283", "TogetherAiApiKey", "Together AI API key", "Together AI API keys of the current format: tgp_v1_ and 43 letters, digits, _ and -.",
            TogetherApiKeyV1, ["tgp_v1_"], "revoke the key in the Together AI settings (API keys) and create a new one")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(7)) },
        new("SG1284", "VercelPrefixedToken", "Vercel token", "Vercel's prefixed credentials: personal access tokens (vcp_), integration tokens (vci_), app access and refresh tokens (vca_, vcr_) and API keys (vck_), then 24 or more letters and digits.",
            VercelPrefixedToken, ["vcp_", "vci_", "vca_", "vcr_", "vck_"], "delete the token in Vercel (Account settings > Tokens, or the integration's configuration) and create a new one")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(4)) && Entropy.BitsPerChar(v.AsSpan(4)) >= 3.8 },
    ];

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,400}={0,2})(?![A-Za-z0-9_+/=])", Options, TimeoutMs)]
    private static partial Regex GrafanaToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex NewRelicKey();

    // sntrys_: standard base64 of {"iat":…,"url":…,"region_url":…,"org":…} (padding kept), _, then 32 random bytes in base64 without padding.
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>sntrys_eyJ[A-Za-z0-9+/]{40,2000}={0,2}_[A-Za-z0-9+/]{43}|sntry[uai]_[a-f0-9]{64})(?![A-Za-z0-9+/=_-])", Options, TimeoutMs)]
    private static partial Regex SentryToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>dt0[a-z][0-9]{2}\.[A-Z0-9]{24}\.[A-Z0-9]{64})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex DynatraceToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex NotionToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>p8e-[A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex AdobeClientSecret();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>fio-u-[A-Za-z0-9_=\-]{64})(?![A-Za-z0-9_=\-])", Options, TimeoutMs)]
    private static partial Regex FrameIoToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>s-s4t2(?:ud|af)-[a-f0-9]{64})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex Intra42Secret();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk)(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex MaxMindLicenseKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>sm_(?:aat|pat|sat)_[A-Za-z0-9]{16})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex SettleMintToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>tfp_[A-Za-z0-9_.=\-]{59})(?![A-Za-z0-9_.=\-])", Options, TimeoutMs)]
    private static partial Regex TypeformToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>figd_[A-Za-z0-9_\-]{40})(?![A-Za-z0-9_\-])", Options, TimeoutMs)]
    private static partial Regex FigmaToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>CFPAT-[A-Za-z0-9_\-]{43})(?![A-Za-z0-9_\-])", Options, TimeoutMs)]
    private static partial Regex ContentfulToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>aio_[A-Za-z0-9]{28})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex AdafruitKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?<secret>sk\.eyJ[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{20,})(?![A-Za-z0-9_\-])", Options, TimeoutMs)]
    private static partial Regex MapboxSecretToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?<secret>sl\.(?:u\.)?[A-Za-z0-9_=\-]{130,1024})(?![A-Za-z0-9_=\-])", Options, TimeoutMs)]
    private static partial Regex DropboxToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>(?:eu01xx[a-f0-9]{26}|[a-f0-9]{32})(?:[a-f0-9]{4}|FFFF)NRAL|NRJS-[a-f0-9]{19}|AA[a-f0-9]{40}-NRMA)(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex NewRelicIngestKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])(?<secret>(?:api|sdk)-[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex LaunchDarklyKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.!])(?<secret>00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?![A-Za-z0-9_.]{80,140}|5Aep861[A-Za-z0-9._]{70,90}={0,2})(?![A-Za-z0-9_.!=])", Options, TimeoutMs)]
    private static partial Regex SalesforceToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>(?:sc|ext|scauth|authress)_[A-Za-z0-9]{5,30}\.[A-Za-z0-9]{4,6}\.acc[_-][a-z0-9-]{10,32}\.[A-Za-z0-9+/_=-]{30,120})(?![A-Za-z0-9+/_=-])", Options, TimeoutMs)]
    private static partial Regex AuthressAccessKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>eyJrIjoi[A-Za-z0-9]{70,400}={0,3})(?![A-Za-z0-9_=])", Options, TimeoutMs)]
    private static partial Regex GrafanaApiKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>pk_[0-9]{6,10}_[A-Z0-9]{32})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex ClickUpToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>ph[xs]_[A-Za-z0-9]{40,48}|ph[ar]_[A-Za-z0-9]{40,43})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PostHogPersonalKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>pat-(?:na|eu|ap)[0-9]-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex HubSpotPrivateAppToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>apify_api_[A-Za-z0-9]{36})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex ApifyToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>rootly_[a-f0-9]{64})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex RootlyApiKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>ATTA[a-f0-9]{64}[A-F0-9]{8})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex TrelloToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>hc[abx]i[kc]_[a-z0-9]{58})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex HoneycombIngestKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>tgp_v1_[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex TogetherApiKeyV1();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>vc[pikar]_[A-Za-z0-9]{24,120})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex VercelPrefixedToken();

    /// <summary>
    /// sntrys_: the payload decodes to JSON naming the issuing Sentry (url, org), as Sentry's own parser
    /// requires (exactly two _ in the token); the other prefixes are 64 hex digits.
    /// </summary>
    private static bool IsSentryToken(string token)
    {
        if (!token.StartsWith("sntrys_", StringComparison.Ordinal))
        {
            return Entropy.BitsPerChar(token.AsSpan(7)) >= 3.0;
        }

        var body = token.AsSpan(7);
        var separator = body.LastIndexOf('_');
        return separator > 0 && body[..separator].IndexOf('_') < 0
            && DecodeBase64(body[..separator]) is { } json && json.StartsWith('{')
            && (json.Contains("\"org\"", StringComparison.Ordinal) || json.Contains("\"url\"", StringComparison.Ordinal))
            && MixesCaseAndDigits(body[(separator + 1)..]);
    }
}
