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
        new("SG1031", "SentryToken", "Sentry auth token", "Sentry organization auth tokens (sntrys_) and user auth tokens (sntryu_).",
            SentryToken, ["sntrys_", "sntryu_"], "revoke it in Sentry (auth tokens) and create a new one")
        { Formats = ["organization auth token (sntrys_)", "user auth token (sntryu_)"], KeywordStartsToken = false },
        new("SG1041", "DynatraceToken", "Dynatrace API token", "Dynatrace API tokens (dt0c01., a 24-character id and a 64-character secret).",
            DynatraceToken, ["dt0"], "revoke it in Dynatrace (Access tokens) and generate a new one")
        { KeywordStartsToken = false },
        new("SG1054", "NotionToken", "Notion integration token", "Notion internal integration tokens (ntn_, and the older secret_ with 43 characters).",
            NotionToken, ["ntn_", "secret_"], "refresh the secret of the integration in Notion (My integrations)")
        {
            Validate = v => v.Any(char.IsAsciiDigit) && v.Skip(4).Any(char.IsUpper) && Entropy.BitsPerChar(v.AsSpan(v.IndexOf('_') + 1)) >= 4.0,
            KeywordStartsToken = false,
        },
        new("SG1064", "AdobeClientSecret", "Adobe client secret", "Adobe Developer Console OAuth client secrets (p8e- and 32 characters).",
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
            AtKeyword = (t, i) => (i == 0 || !TokenShape.IsWordChar(t[i - 1])) && (t[i] == '5' || t.AsSpan(i, Math.Min(20, t.Length - i)).Contains('!')),
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
        new("SG1141", "PostHogPersonalKey", "PostHog personal API key", "PostHog personal API keys: phx_ and 43 letters and digits (phc_ project keys are public and not flagged).",
            PostHogPersonalKey, ["phx_"], "roll or delete the key in PostHog (Settings > Personal API keys)")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(4)) },
        new("SG1147", "HubSpotPrivateAppToken", "HubSpot private app token", "HubSpot private app and personal access tokens: pat-, the region (na1, eu1, ap1, …) and a UUID.",
            HubSpotPrivateAppToken, ["pat-na", "pat-eu", "pat-ap"], "rotate the token in HubSpot (Settings > Integrations > Private apps > Auth > Rotate)")
        { KeywordStartsToken = false },
        new("SG1151", "ApifyToken", "Apify API token", "Apify API tokens: apify_api_ and 36 letters and digits.",
            ApifyToken, ["apify_api_"], "reset the token in the Apify console (Settings > Integrations)")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(10)), KeywordStartsToken = false },
        new("SG1152", "RootlyApiKey", "Rootly API key", "Rootly API keys: rootly_ and 64 hex digits.",
            RootlyApiKey, ["rootly_"], "revoke the key in Rootly (Organization settings > API keys) and create a new one")
        { KeywordStartsToken = false },
    ];

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,400}={0,2})(?![A-Za-z0-9_+/=])", Options, TimeoutMs)]
    private static partial Regex GrafanaToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex NewRelicKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>sntrys_eyJ[A-Za-z0-9+/=_-]{60,}|sntryu_[a-f0-9]{64})(?![A-Za-z0-9+/=_-])", Options, TimeoutMs)]
    private static partial Regex SentryToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>dt0[a-z][0-9]{2}\.[A-Z0-9]{24}\.[A-Z0-9]{64})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex DynatraceToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex NotionToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>p8e-[A-Za-z0-9]{32})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
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

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>phx_[A-Za-z0-9]{43})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PostHogPersonalKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>pat-(?:na|eu|ap)[0-9]-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex HubSpotPrivateAppToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>apify_api_[A-Za-z0-9]{36})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex ApifyToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>rootly_[a-f0-9]{64})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex RootlyApiKey();
}
