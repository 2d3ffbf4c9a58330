using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Catalogue;

/// <summary>
/// The shape of a credential that has no prefix: lengths, alphabet and, for the docs, a description.
/// <see cref="Sample"/> makes a value of the shape (tests).
/// </summary>
internal sealed record ValueShape(string Description, Func<string, bool> Test, Func<int, string> Sample)
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";
    private const string HexDigits = "0123456789abcdef";

    /// <summary>Small hex digits, as these services issue them: a capital in the value is outside the alphabet.</summary>
    public static ValueShape Hex(int length) =>
        Of($"{length} hex digits", length, HexDigits, v => TokenShape.IsLowerHex(v) && v.Any(char.IsAsciiLetter) && v.Any(char.IsAsciiDigit));

    public static ValueShape LowerAlnum(int length) =>
        Of($"{length} small letters and digits", length, Lower + Digits, v => v.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) && TokenFormats.MixesLettersAndDigits(v));

    public static ValueShape UpperAlnum(int length) =>
        Of($"{length} capitals and digits", length, Upper + Digits, v => v.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)) && TokenFormats.MixesLettersAndDigits(v));

    /// <summary>Letters of both cases and digits (each present, as in random tokens of that alphabet).</summary>
    public static ValueShape Alnum(int length) =>
        Of($"{length} letters and digits", length, Upper + Lower + Digits, v => v.All(char.IsAsciiLetterOrDigit) && TokenFormats.MixesCaseAndDigits(v));

    /// <summary>Letters, digits, _ and - (base64url), with letters of both cases and digits.</summary>
    public static ValueShape Url64(int length) =>
        Of($"{length} letters, digits, _ and -", length, Upper + Lower + Digits + "_-", v => v.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') && TokenFormats.MixesCaseAndDigits(v));

    /// <summary>Letters, digits, + and / (base64 without padding), with letters of both cases and digits.</summary>
    public static ValueShape Base64(int length) =>
        Of($"{length} base64 characters", length, Upper + Lower + Digits + "+/", v => v.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/') && TokenFormats.MixesCaseAndDigits(v));

    public static ValueShape Uuid { get; } = new("a UUID", IsUuid, seed => SampleUuid(seed));

    /// <summary>A UUID in small letters or in capitals (as Splunk documents its tokens), not in mixed case.</summary>
    public static ValueShape UuidEitherCase { get; } = new("a UUID (small letters or capitals)", v => IsUuid(v) || IsUuid(v.ToLowerInvariant()) && !v.Any(char.IsAsciiLetterLower), seed => SampleUuid(seed).ToUpperInvariant());

    /// <summary>A fixed prefix and then <paramref name="rest"/>.</summary>
    public static ValueShape Prefixed(string prefix, ValueShape rest) =>
        new($"{prefix} and {rest.Description}", v => v.StartsWith(prefix, StringComparison.Ordinal) && rest.Test(v[prefix.Length..]), seed => prefix + rest.Sample(seed));

    /// <summary>Any of the shapes.</summary>
    public static ValueShape Either(params ValueShape[] shapes) =>
        new(string.Join(", or ", shapes.Select(s => s.Description)), v => shapes.Any(s => s.Test(v)), seed => shapes[0].Sample(seed));

    private static ValueShape Of(string description, int length, string alphabet, Func<string, bool> test) =>
        new(description, v => v.Length == length && test(v), seed => Random(length, alphabet, seed));

    private static bool IsUuid(string v) =>
        v.Length == 36 && Guid.TryParseExact(v, "D", out _) && !v.Any(char.IsAsciiLetterUpper);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351", Justification = "Derives a fixed sample value for examples, not a security use.")]
    private static string SampleUuid(int seed) => new Guid(System.Security.Cryptography.MD5.HashData(BitConverter.GetBytes(seed))).ToString();

    /// <summary>A value of the alphabet drawn from a seeded generator, with a capital, a small letter and a digit where the alphabet has them.</summary>
    private static string Random(int length, string alphabet, int seed)
    {
        var rng = new Random(seed);
        var chars = Enumerable.Range(0, length).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray();
        var forced = new[] { Upper, Lower, Digits }.Select(set => set.Where(alphabet.Contains).ToArray()).Where(set => set.Length > 0).Select(set => set[rng.Next(set.Length)]).ToArray();
        for (var i = 0; i < forced.Length && i < chars.Length; i++)
        {
            chars[(i * 7 + 3) % chars.Length] = forced[i];
        }

        return new string(chars);
    }
}

/// <summary>
/// A service whose credentials have no prefix of their own: its name (one of <paramref name="ServiceNames"/>)
/// in the setting's key, or in the section or line above the setting, tells the value apart from any
/// other string of that shape. High confidence when the key itself names the service, medium when only the
/// section or line around it does.
/// </summary>
/// <param name="Service">The service's name as people write it.</param>
/// <param name="ServiceNames">Words of the service's name as keys hold them (case ignored); also the keywords.</param>
internal sealed record ContextFormat(string Id, string Name, string Title, string Service, string[] ServiceNames, ValueShape Shape, string RotationHint)
{
    /// <summary>
    /// The keywords when not the service's names (by default, the names as the service spells them: the
    /// keyword index files each under its rarest run of three, so no name needs cutting short to skip the
    /// common "con", "ver" or "ass" of a text).
    /// </summary>
    public string[]? Keywords { get; init; }

    public IReadOnlyList<string>? Formats { get; init; }
}

/// <summary>The rule that runs one <see cref="ContextFormat"/>.</summary>
internal sealed partial class ContextFormatRule(ContextFormat format) : ServiceContextRule
{
    // A key (name), an assignment and a value of the letters tokens use; the shape is checked afterwards.
    [GeneratedRegex(@"(?<![A-Za-z0-9_.:-])(?<name>[A-Za-z0-9_.:-]{1,60})" + Separator + @"(?<secret>[A-Za-z0-9_+/.=-]{8,120})(?![A-Za-z0-9_+/.=-])", Options, TimeoutMs)]
    private static partial Regex AssignmentRegex();

    public ContextFormat Format { get; } = format;

    /// <summary>
    /// The forms a setting gives a service's name (<c>x_</c>, <c>x.</c>, <c>"x"</c>, <c>x:</c>, <c>&lt;x</c>,
    /// <c>xApiKey</c>, …): a region or key must hold one, so prose that mentions the service ("Facebook
    /// authentication") is never read as its configuration. Names with punctuation are forms already.
    /// </summary>
    private readonly string[] _nameForms = format.ServiceNames.SelectMany(NameForms).Distinct().ToArray();

    private static IEnumerable<string> NameForms(string name) => name.All(char.IsAsciiLetterOrDigit)
        ? [name + "_", name + ".", name + "-", name + ":", "\"" + name + "\"", "'" + name + "'", "<" + name, name + "api", name + "token", name + "key",
            name + "secret", name + "auth", name + "client", name + "app", name + "access", name + "password", name + "pat", name + "webhook"]
        : [name];

    public override string Id => Format.Id;

    public override string Name => Format.Name;

    public override string Title => Format.Title;

    public override IReadOnlyList<string> Formats => Format.Formats ?? [Format.Title];

    public override Confidence Confidence => Confidence.Medium;

    public override string RotationHint => Format.RotationHint;

    public override IReadOnlyList<string> Keywords => Format.Keywords ?? Format.ServiceNames;

    // A region around a keyword (a part of the name) is matched only when it holds a whole name.
    protected override IReadOnlyList<string> NameWords => _nameForms;

    public override IEnumerable<SecretMatch> Find(string text, TextOrigin origin, IReadOnlyList<int> keywordStarts) =>
        AnyNameFormAround(text, keywordStarts) ? base.Find(text, origin, keywordStarts) : [];

    public override bool MayFind(ReadOnlySpan<char> text, TextOrigin origin, IReadOnlyList<int> keywordStarts) =>
        AnyNameFormAround(text, keywordStarts) && AnyFoundInRegions(text, keywordStarts);

    /// <summary>
    /// Most keyword hits (a part of a name) are prose: one look around each settles it, before any of the
    /// region and regex machinery runs (or, on a build's first pass, is compiled). The window holds the
    /// region. True for starts not known (an empty list).
    /// </summary>
    private bool AnyNameFormAround(ReadOnlySpan<char> text, IReadOnlyList<int> keywordStarts) => AtAnyKeyword(text, keywordStarts, NameFormAround);

    private bool NameFormAround(ReadOnlySpan<char> text, int i)
    {
        var from = Math.Max(0, i - 80);
        var window = text[from..Math.Min(text.Length, i + 64 + Reach)];
        foreach (var form in _nameForms)
        {
            if (window.Contains(form, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    protected override Regex Assignment => AssignmentRegex();

    private static readonly string[] CredentialWords = ["key", "token", "secret", "password", "passwd", "pat", "auth", "credential", "api"];

    // Names that identify or locate (client ids, account names, URLs) or that are public by design.
    private static readonly string[] NotCredentialWords = ["_id", "-id", ".id", "clientid", "accountid", "appid", "url", "uri", "host", "user", "email", "region", "public", "publishable", "site", "domain", "org", "project", "version", "name", "path", "file"];

    // The service's name in the key itself and the service's exact shape: as sure as a prefix. Named only
    // by the section or line around the key: medium.
    protected override Confidence? ConfidenceOf(string name) => Names(name, _nameForms) ? Confidence.High : null;

    protected override string? Classify(string name, string secret)
    {
        var lower = name.ToLowerInvariant();
        if (lower.EndsWith("id", StringComparison.Ordinal) || NotCredentialWords.Any(w => lower.Contains(w, StringComparison.Ordinal)))
        {
            return null;
        }

        if (!Names(name, _nameForms) && !Names(name, CredentialWords))
        {
            return null;
        }

        return Format.Shape.Test(secret) ? Format.Title : null;
    }
}

/// <summary>
/// The services whose credentials only their name nearby identifies (one entry each). A service whose name
/// is an ordinary word (shortcut, drone, railway) is named by the forms settings give it (shortcut_,
/// "shortcut", ShortcutApiToken), so that prose using the word is not read as configuration.
/// </summary>
internal static class ContextFormats
{
    private static ContextFormat C(string id, string name, string service, string what, string[] names, ValueShape shape, string rotation) =>
        new(id, name, $"{service} {what}", service, names, shape, rotation);

    public static IReadOnlyList<ContextFormat> All { get; } =
    [
        C("SG1170", "AsanaClientSecret", "Asana", "client secret", ["asana"], ValueShape.Alnum(32), "reset the app's client secret in the Asana developer console"),
        C("SG1171", "BitbucketClientSecret", "Bitbucket", "OAuth consumer secret", ["bitbucket"], ValueShape.Url64(64), "delete the OAuth consumer in the Bitbucket workspace settings and create a new one"),
        C("SG1172", "CodecovToken", "Codecov", "upload token", ["codecov"], ValueShape.Uuid, "regenerate the repository's upload token in Codecov (Settings > General)"),
        C("SG1173", "CohereApiKey", "Cohere", "API key", ["cohere_", "cohere.", "\"cohere\"", "cohere:", "cohereapi", "coheretoken", "coherekey", "coheresecret", "co_api_key"], ValueShape.Alnum(40), "delete the key in the Cohere dashboard (API keys) and create a new one"),
        C("SG1174", "CoinbaseSecret", "Coinbase", "API secret", ["coinbase"], ValueShape.Url64(64), "delete the API key in Coinbase (Settings > API) and create a new one"),
        C("SG1175", "ConfluentSecret", "Confluent", "API secret", ["confluent"], ValueShape.Base64(64), "delete the API key in Confluent Cloud and create a new one"),
        C("SG1176", "DroneCiToken", "Drone CI", "access token", ["drone_", "drone.", "\"drone\"", "drone:", "droneapi", "dronetoken", "dronekey", "dronesecret"], ValueShape.Alnum(32), "regenerate the token in Drone (User settings)"),
        C("SG1177", "EtsyApiKey", "Etsy", "API key or access token", ["etsy_", "etsy.", "\"etsy\""], ValueShape.LowerAlnum(24), "delete the app's key in Etsy (Your apps) and request a new one"),
        C("SG1178", "FastlyApiToken", "Fastly", "API token", ["fastly"], ValueShape.Url64(32), "delete the token in Fastly (Account > API tokens) and create a new one"),
        C("SG1179", "FinicitySecret", "Finicity", "API key or partner secret", ["finicity"], ValueShape.Either(ValueShape.Hex(32), ValueShape.Alnum(20)), "rotate the partner secret through the Finicity API or developer dashboard"),
        C("SG1180", "FinnhubApiKey", "Finnhub", "API key", ["finnhub"], ValueShape.LowerAlnum(20), "regenerate the key in the Finnhub dashboard"),
        C("SG1181", "FlickrApiSecret", "Flickr", "API key or secret", ["flickr"], ValueShape.Either(ValueShape.Hex(32), ValueShape.Hex(16)), "regenerate the app's secret in Flickr (App Garden)"),
        C("SG1182", "FreshBooksToken", "FreshBooks", "access token or client secret", ["freshbooks"], ValueShape.LowerAlnum(64), "reset the app's client secret in the FreshBooks developer page and revoke its tokens"),
        C("SG1183", "GitterToken", "Gitter", "access token", ["gitter"], ValueShape.Url64(40), "revoke the token in the Gitter (Matrix) account settings"),
        C("SG1184", "GoCardlessToken", "GoCardless", "live access token", ["gocardless"], ValueShape.Prefixed("live_", ValueShape.Url64(40)), "revoke the access token in the GoCardless dashboard (Developers > Access tokens) and create a new one"),
        C("SG1185", "HerokuLegacyApiKey", "Heroku", "API key (legacy UUID)", ["heroku"], ValueShape.Uuid, "regenerate the API key in Heroku (Account settings > API key) or revoke the authorization"),
        C("SG1186", "HubSpotLegacyApiKey", "HubSpot", "API key (legacy UUID)", ["hubspot"], ValueShape.Uuid, "deactivate the API key in HubSpot and move to a private app token"),
        C("SG1187", "IntercomAccessToken", "Intercom", "access token", ["intercom_", "intercom.", "\"intercom\"", "intercom:", "intercomapi", "intercomtoken", "intercomkey", "intercomsecret"], new ValueShape("60 base64 characters that decode to tok: and the token's id", IsIntercomToken, SampleIntercomToken), "revoke the token in the Intercom Developer Hub (Authentication) and create a new one"),
        C("SG1188", "KrakenSecret", "Kraken", "API private key", ["kraken"], ValueShape.Either(ValueShape.Url64(88), new ValueShape("88 base64 characters", v => v.Length is >= 80 and <= 90 && v.TrimEnd('=').All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/') && TokenFormats.MixesCaseAndDigits(v), seed => ValueShape.Url64(86).Sample(seed).Replace('_', '+').Replace('-', '/') + "==")), "delete the API key in Kraken (Settings > API) and create a new one"),
        C("SG1189", "KuCoinSecret", "KuCoin", "API secret", ["kucoin"], ValueShape.Uuid, "delete the API key in KuCoin (API management) and create a new one"),
        C("SG1190", "LinearClientSecret", "Linear", "OAuth client secret", ["linear_api", "linear_client", "linear_oauth", "linear_secret", "\"linear\"", "linearapi", "linearclient", "linearoauth"], ValueShape.Hex(32), "rotate the OAuth application's client secret in Linear (Settings > API)"),
        C("SG1191", "LinkedInClientSecret", "LinkedIn", "client secret", ["linkedin", "linked_in", "linked-in"], ValueShape.Alnum(16), "generate a new client secret in the LinkedIn developer portal (Auth) and remove the old one"),
        C("SG1192", "LobApiKey", "Lob", "live API key", ["lob_api", "lob_key", "lob_secret", "lob_live", "\"lob\""], ValueShape.Prefixed("live_", ValueShape.Hex(35)), "roll the live key in the Lob dashboard (Settings > API keys)"),
        C("SG1193", "MattermostToken", "Mattermost", "access token", ["mattermost"], ValueShape.LowerAlnum(26), "revoke the personal access or bot token in Mattermost (Profile > Security, or Integrations > Bot accounts)"),
        C("SG1194", "MessageBirdKey", "MessageBird", "API key", ["messagebird", "message_bird", "message-bird"], ValueShape.Alnum(25), "delete the access key in the MessageBird (Bird) dashboard and create a new one"),
        C("SG1195", "NetlifyNamedToken", "Netlify", "access token (named)", ["netlify"], ValueShape.Url64(43), "revoke the token in Netlify (User settings > Applications > Personal access tokens)"),
        C("SG1196", "NyTimesApiKey", "New York Times", "API key", ["nytimes", "newyorktimes", "new-york-times"], ValueShape.Alnum(32), "delete the app's key in the NYT developer portal and create a new one"),
        C("SG1197", "PlaidSecret", "Plaid", "secret", ["plaid"], ValueShape.LowerAlnum(30), "rotate the secret in the Plaid dashboard (Team settings > Keys)"),
        C("SG1198", "PrivateAiApiKey", "Private AI", "API key", ["privateai", "private_ai", "private-ai"], ValueShape.LowerAlnum(32), "regenerate the key in the Private AI portal"),
        C("SG1199", "RapidApiKey", "RapidAPI", "API key", ["rapidapi"], ValueShape.Url64(50), "rotate the application key in RapidAPI (Apps > Authorization)"),
        C("SG1200", "SendbirdToken", "Sendbird", "API token", ["sendbird"], ValueShape.Hex(40), "revoke the secondary API token or regenerate the master token in the Sendbird dashboard"),
        C("SG1201", "SentryLegacyToken", "Sentry", "auth token (legacy hex)", ["sentry"], ValueShape.Hex(64), "revoke the auth token in Sentry (User settings > Auth tokens) and create a new one"),
        C("SG1202", "SnykToken", "Snyk", "API token", ["snyk"], ValueShape.Uuid, "revoke and regenerate the API token in Snyk (Account settings)"),
        C("SG1203", "SquarespaceKey", "Squarespace", "API key", ["squarespace"], ValueShape.Uuid, "revoke the key in Squarespace (Settings > Developer API keys) and create a new one"),
        C("SG1204", "SumoLogicAccessKey", "Sumo Logic", "access key", ["sumologic", "sumo_", "sumo."], ValueShape.Alnum(64), "delete the access key in Sumo Logic (Preferences > Access keys) and create a new one"),
        C("SG1205", "TravisCiToken", "Travis CI", "API token", ["travis"], ValueShape.Alnum(22), "regenerate the token in Travis CI (Settings)"),
        C("SG1206", "TwitchToken", "Twitch", "client secret or token", ["twitch"], ValueShape.LowerAlnum(30), "generate a new client secret in the Twitch developer console and revoke the tokens"),
        C("SG1207", "TwitterSecret", "X (Twitter)", "API or access token secret", ["twitter"], ValueShape.Either(ValueShape.Alnum(50), ValueShape.Alnum(45)), "regenerate the keys and tokens in the X developer portal") with { Formats = ["X (Twitter) API key secret", "X (Twitter) access token secret"] },
        C("SG1208", "ZendeskToken", "Zendesk", "API token", ["zendesk"], ValueShape.Alnum(40), "deactivate and delete the token in Zendesk Admin Center (Apps and integrations > Zendesk API)"),
        C("SG1209", "CloudflareApiKey", "Cloudflare", "API token or global API key", ["cloudflare", "cf_api"], ValueShape.Either(ValueShape.Url64(40), ValueShape.Hex(37)), "roll the API token in Cloudflare (My Profile > API Tokens) or change the global API key, and prefer scoped tokens") with { Formats = ["Cloudflare API token", "Cloudflare global API key"] },
        C("SG1210", "OneLoginSecret", "OneLogin", "API client secret", ["onelogin"], ValueShape.Hex(64), "delete the API credential in OneLogin (Developers > API credentials) and create a new one"),
        C("SG1211", "RazorpayKeySecret", "Razorpay", "key secret", ["razorpay"], ValueShape.Alnum(24), "regenerate the API key in the Razorpay dashboard (Account & settings > API keys)"),
        C("SG1212", "MistralApiKey", "Mistral AI", "API key", ["mistral"], ValueShape.Alnum(32), "delete the key in the Mistral console (API keys) and create a new one"),
        C("SG1213", "DeepSeekApiKey", "DeepSeek", "API key", ["deepseek"], ValueShape.Prefixed("sk-", ValueShape.Hex(32)), "delete the key in the DeepSeek platform (API keys) and create a new one"),
        C("SG1214", "VercelToken", "Vercel", "access token", ["vercel"], ValueShape.Alnum(24), "delete the token in Vercel (Account settings > Tokens) and create a new one"),
        C("SG1215", "RailwayToken", "Railway", "API or project token", ["railway_", "railway.", "\"railway\"", "railway:", "railwayapi", "railwaytoken", "railwaykey", "railwaysecret"], ValueShape.Uuid, "delete the token in Railway (Account or project settings > Tokens) and create a new one"),
        C("SG1216", "MerakiApiKey", "Cisco Meraki", "API key", ["meraki"], ValueShape.Hex(40), "revoke the key in the Meraki dashboard (My profile > API access) and generate a new one"),
        C("SG1217", "MollieApiKey", "Mollie", "live API key", ["mollie"], ValueShape.Prefixed("live_", ValueShape.Alnum(30)), "reset the live API key in the Mollie dashboard (Developers > API keys)"),
        C("SG1218", "VonageApiSecret", "Vonage (Nexmo)", "API secret", ["vonage", "nexmo"], ValueShape.Alnum(16), "rotate the API secret in the Vonage dashboard (API settings)"),
        C("SG1219", "PlivoAuthToken", "Plivo", "auth token", ["plivo"], ValueShape.Alnum(40), "regenerate the auth token in the Plivo console"),
        C("SG1220", "PagerDutyApiKey", "PagerDuty", "API key", ["pagerduty"], new ValueShape("20 letters, digits, _, - and + (user tokens start u+), not PagerDuty's documentation example", v => v.Length == 20 && v.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '+') && TokenFormats.MixesCaseAndDigits(v) && !VendorExamples.IsPublished(v), seed => ValueShape.Url64(20).Sample(seed)), "delete the API key in PagerDuty (Integrations > API access keys) and create a new one"),
        C("SG1221", "OpsgenieApiKey", "Opsgenie", "API key", ["opsgenie"], ValueShape.Uuid, "delete the API integration's key in Opsgenie and create a new one"),
        C("SG1222", "RollbarToken", "Rollbar", "access token", ["rollbar"], ValueShape.Hex(32), "disable the token in Rollbar (Project settings > Access tokens) and create a new one"),
        C("SG1223", "BugsnagApiKey", "Bugsnag", "API or auth token", ["bugsnag"], ValueShape.Hex(32), "regenerate the token in Bugsnag (Personal auth tokens, or the project's notifier API key)"),
        C("SG1224", "SplunkHecToken", "Splunk", "HTTP Event Collector token", ["splunk"], ValueShape.UuidEitherCase, "delete the HEC token in Splunk (Settings > Data inputs > HTTP Event Collector) and create a new one"),
        C("SG1225", "HoneycombApiKey", "Honeycomb", "API key", ["honeycomb_", "honeycomb.", "\"honeycomb\"", "honeycomb:", "honeycombapi", "honeycombtoken", "honeycombkey", "honeycombsecret"], ValueShape.Either(ValueShape.Alnum(22), ValueShape.LowerAlnum(32)), "delete the key in Honeycomb (Environment settings > API keys) and create a new one"),
        C("SG1226", "Auth0ClientSecret", "Auth0", "client secret", ["auth0"], ValueShape.Url64(64), "rotate the application's client secret in the Auth0 dashboard (Applications > Settings)"),
        C("SG1227", "ContentfulDeliveryToken", "Contentful", "delivery or preview API token", ["contentful"], ValueShape.Url64(43), "delete the API key in Contentful (Settings > API keys) and create a new one"),
        C("SG1228", "AirtableLegacyApiKey", "Airtable", "API key (legacy)", ["airtable"], ValueShape.Prefixed("key", ValueShape.Alnum(14)), "legacy API keys are retired: create a personal access token in Airtable instead and delete the key"),
        C("SG1229", "AlibabaSecret", "Alibaba Cloud", "AccessKey secret", ["alibaba", "aliyun", "alicloud"], ValueShape.Alnum(30), "disable and delete the AccessKey pair in the Alibaba Cloud RAM console and create a new one"),
        C("SG1230", "BittrexSecret", "Bittrex", "API key or secret", ["bittrex"], ValueShape.LowerAlnum(32), "delete the API key in Bittrex and create a new one"),
        C("SG1231", "DropboxAppSecret", "Dropbox", "app secret", ["dropbox"], ValueShape.LowerAlnum(15), "generate a new app secret in the Dropbox App Console"),
        C("SG1232", "DiscordSecret", "Discord", "client secret or bot token", ["discord"], ValueShape.Either(ValueShape.Url64(32), new ValueShape("a bot token (id . timestamp . hmac)", IsDiscordBotToken, seed => "MT" + ValueShape.Alnum(24).Sample(seed) + "." + ValueShape.Alnum(6).Sample(seed + 1) + "." + ValueShape.Url64(38).Sample(seed + 2))), "reset the client secret or the bot token in the Discord developer portal") with { Formats = ["Discord client secret", "Discord bot token"] },
        C("SG1233", "FacebookAppSecret", "Facebook", "app secret", ["facebook"], ValueShape.Hex(32), "reset the app secret in the Meta developer dashboard (App settings > Basic)"),
        C("SG1234", "LinodeToken", "Linode (Akamai)", "personal access token", ["linode"], ValueShape.Hex(64), "revoke the token in Linode Cloud Manager (API tokens) and create a new one"),
        C("SG1235", "VultrApiKey", "Vultr", "API key", ["vultr"], ValueShape.UpperAlnum(36), "regenerate the API key in the Vultr customer portal (Account > API)"),
        C("SG1236", "HetznerToken", "Hetzner Cloud", "API token", ["hetzner", "hcloud"], ValueShape.Alnum(64), "delete the token in the Hetzner Cloud console (Security > API tokens) and create a new one"),
        C("SG1237", "WeightsAndBiasesKey", "Weights & Biases", "API key", ["wandb"], ValueShape.Either(ValueShape.Hex(40), ValueShape.Prefixed("local-", ValueShape.Hex(40))), "revoke the key in Weights & Biases (User settings > API keys) and create a new one"),
        C("SG1238", "MailjetSecret", "Mailjet", "API secret", ["mailjet", "mj_apikey"], ValueShape.Hex(32), "regenerate the secret key in Mailjet (Account settings > API key management)"),
        C("SG1239", "MandrillApiKey", "Mandrill", "API key", ["mandrill"], ValueShape.Either(ValueShape.Url64(22), ValueShape.Prefixed("md-", ValueShape.Url64(22))), "delete the key in Mandrill (Settings > SMTP & API info) and create a new one"),
        C("SG1240", "InfuraSecret", "Infura", "API key secret", ["infura"], ValueShape.Hex(32), "delete the key in the Infura (MetaMask developer) dashboard and create a new one"),
        C("SG1241", "AlchemyApiKey", "Alchemy", "API key", ["alchemy_", "alchemy.", "\"alchemy\"", "alchemy:", "alchemyapi", "alchemytoken", "alchemykey", "alchemysecret"], ValueShape.Url64(32), "delete the app's key in the Alchemy dashboard and create a new one"),
        C("SG1242", "EtherscanApiKey", "Etherscan", "API key", ["etherscan"], ValueShape.UpperAlnum(34), "delete the key in Etherscan (API keys) and create a new one"),
        C("SG1243", "PusherSecret", "Pusher", "app secret", ["pusher"], ValueShape.Hex(20), "create a new app key and secret in the Pusher dashboard (App keys) and delete the old one"),
        C("SG1244", "ShortcutToken", "Shortcut", "API token", ["shortcut_", "shortcut.", "\"shortcut\"", "shortcut:", "shortcutapi", "shortcuttoken", "shortcutkey", "shortcutsecret", "clubhouse_", "clubhouse.", "\"clubhouse\"", "clubhouse:", "clubhouseapi", "clubhousetoken", "clubhousekey", "clubhousesecret"], ValueShape.Uuid, "delete the token in Shortcut (Settings > API tokens) and create a new one"),
        C("SG1245", "TodoistToken", "Todoist", "API token", ["todoist"], ValueShape.Hex(40), "issue a new API token in Todoist (Settings > Integrations > Developer)"),
        C("SG1246", "TrelloToken", "Trello", "API key or token", ["trello"], ValueShape.Either(ValueShape.Hex(64), ValueShape.Hex(32)), "revoke the token in Trello (Account > Applications) and regenerate the Power-Up's API key and secret"),
        C("SG1247", "CodacyToken", "Codacy", "API token", ["codacy"], ValueShape.Alnum(20), "revoke the token in Codacy (Account > Access management) and create a new one"),
        C("SG1248", "AzureOpenAiKey", "Azure OpenAI", "API key", ["azure_openai", "azureopenai", "azure-openai"], ValueShape.Hex(32), "regenerate the resource's key in the Azure portal (Keys and Endpoint), or use Entra ID authentication"),
        C("SG1249", "TogetherApiKey", "Together AI", "API key", ["together_api", "togetherai", "together_ai"], ValueShape.Hex(64), "revoke the key in the Together AI settings (API keys) and create a new one"),
        C("SG1250", "AssemblyAiKey", "AssemblyAI", "API key", ["assemblyai", "assembly_ai"], ValueShape.Hex(32), "reset the key in the AssemblyAI dashboard"),
        C("SG1251", "DeepgramApiKey", "Deepgram", "API key", ["deepgram"], ValueShape.Hex(40), "delete the key in the Deepgram console (API keys) and create a new one"),
        C("SG1252", "AmplitudeSecret", "Amplitude", "secret key", ["amplitude_", "amplitude.", "\"amplitude\"", "amplitude:", "amplitudeapi", "amplitudetoken", "amplitudekey", "amplitudesecret"], ValueShape.Hex(32), "rotate the project's secret key in Amplitude (Project settings > General)"),
        C("SG1253", "CoverallsToken", "Coveralls", "repository token", ["coveralls"], ValueShape.Alnum(32), "regenerate the repo token in Coveralls (Repository settings)"),
        C("SG1259", "AtlassianDataCenterToken", "Jira, Confluence or Bitbucket Data Center", "personal access token", ["jira", "confluence", "bitbucket"], new ValueShape("44 base64 characters: a 12-digit token id, ':' and 20 random bytes, decoded and checked", IsAtlassianDataCenterToken, SampleAtlassianDataCenterToken), "revoke the token in the product's profile (Personal access tokens) and create a new one") with { Formats = ["Jira Data Center personal access token", "Confluence Data Center personal access token", "Bitbucket Data Center HTTP access token"] },
    ];

    /// <summary>The base64 of a 12-digit token id, ':' and 20 random bytes (Atlassian Data Center personal access tokens).</summary>
    private static bool IsAtlassianDataCenterToken(string v)
    {
        Span<byte> bytes = stackalloc byte[33];
        if (v.Length != 44 || !Convert.TryFromBase64String(v, bytes, out var written) || written != 33 || bytes[12] != (byte)':')
        {
            return false;
        }

        foreach (var b in bytes[..12])
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        // Random bytes, not text: a base64 of "123456789012:password" is someone's Basic credential, not a token.
        var printable = 0;
        foreach (var b in bytes[13..])
        {
            printable += b is >= 0x20 and < 0x7F ? 1 : 0;
        }

        return printable < 18;
    }

    private static string SampleAtlassianDataCenterToken(int seed)
    {
        var rng = new Random(seed);
        var bytes = new byte[33];
        for (var i = 0; i < 12; i++)
        {
            bytes[i] = (byte)('0' + rng.Next(10));
        }

        bytes[12] = (byte)':';
        rng.NextBytes(bytes.AsSpan(13));
        return Convert.ToBase64String(bytes);
    }

    /// <summary>An Intercom access token: the base64 of tok:, the token's id and :1:0 (60 characters, = at the end).</summary>
    private static bool IsIntercomToken(string v)
    {
        Span<byte> bytes = stackalloc byte[48];
        return v.Length == 60 && v.StartsWith("dG9rO", StringComparison.Ordinal) && Convert.TryFromBase64String(v, bytes, out var written)
            && written > 8 && bytes[..4].SequenceEqual("tok:"u8);
    }

    private static string SampleIntercomToken(int seed) =>
        Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("tok:" + ValueShape.Hex(8).Sample(seed) + "_" + ValueShape.Hex(4).Sample(seed + 1) + "_" + ValueShape.Hex(4).Sample(seed + 2) + "_" + ValueShape.Hex(4).Sample(seed + 3) + "_" + ValueShape.Hex(12).Sample(seed + 4) + ":1:0"));

    private static bool IsDiscordBotToken(string v)
    {
        var parts = v.Split('.');
        return parts.Length == 3 && parts[0].Length is >= 24 and <= 26 && parts[0][0] is 'M' or 'N' or 'O'
            && parts[1].Length == 6 && parts[2].Length is >= 27 and <= 38
            && parts.All(p => p.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'));
    }
}
