using System.Text;
using SecretGuard.Detection;
using static SecretGuard.Tests.TestSecrets;

namespace SecretGuard.Tests.Detection.Corpus;

/// <summary>
/// The judged detection corpus: real-shaped credentials, each with the shape its vendor documents (docs,
/// SDK, key-format specification) and the rule that must find it, and values that cannot be credentials
/// (published examples, placeholders, masked, truncated or hand-filled values, public keys, identifiers),
/// as real content holds them, that must not fail a build. Bodies are random, drawn from a seed.
/// Not built from other scanners' test samples.
/// </summary>
internal static partial class DetectionCorpus
{

    private static string R(int n, string alphabet, int seed) => TestSecrets.Random(n, alphabet, seed);

    private static string Hex(int n, int seed) => R(n, "0123456789abcdef", seed);

    private static string Uuid(int seed) => Hex(8, seed) + "-" + Hex(4, seed + 1) + "-4" + Hex(3, seed + 2) + "-a" + Hex(3, seed + 3) + "-" + Hex(12, seed + 4);

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes);

    private static string B64(string text) => B64(Encoding.ASCII.GetBytes(text));

    private static byte[] Bytes(int n, int seed)
    {
        var bytes = new byte[n];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string Url64Of(byte[] bytes) => B64(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A JSON Web Token signed (with a random signature) and valid for another year.</summary>
    private static string Jwt(int seed, string claims)
    {
        var header = Url64Of(Encoding.ASCII.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"));
        var exp = DateTimeOffset.UtcNow.AddYears(1).ToUnixTimeSeconds();
        var payload = Url64Of(Encoding.ASCII.GetBytes("{" + claims + ",\"exp\":" + exp + "}"));
        return header + "." + payload + "." + Url64Of(Bytes(32, seed));
    }

    /// <summary>A Jira, Confluence or Bitbucket Data Center personal access token: the base64 of a 12-digit id, ':' and 20 random bytes.</summary>
    private static string AtlassianDataCenterPat(int seed) =>
        B64([.. Encoding.ASCII.GetBytes(R(12, Digits, seed) + ":"), .. Bytes(20, seed + 1)]);

    private static string Must(string rule) => rule;

    public static IReadOnlyList<JudgedSample> Samples { get; } = Build();

    private static List<JudgedSample> Build()
    {
        const string GitHubFormats = "GitHub docs, About authentication to GitHub (token prefixes), and the GitHub engineering blog on the token formats (30 base62 characters and a CRC-32 in 6)";
        var s = new List<JudgedSample>
        {
            // ---- Must find: self-identifying formats, as vendors document them ----
            new("GitHub classic personal access token", "SG1004", n => "GITHUB_TOKEN=" + TestSecrets.GitHubToken("ghp", n), "ghp_, 30 base62 and a CRC-32 checksum: issued by GitHub only", GitHubFormats),
            new("GitHub OAuth token in JSON", "SG1004", n => "\"token\": \"" + TestSecrets.GitHubToken("gho", n) + "\"", "gho_ with a valid checksum", GitHubFormats),
            new("GitHub app installation token in a script", "SG1004", n => "git clone https://x-access-token:" + TestSecrets.GitHubToken("ghs", n) + "@github.com/org/repo", "ghs_ with a valid checksum", GitHubFormats),
            new("AWS access key id", "SG1002", n => "AWS_ACCESS_KEY_ID=" + TestSecrets.AwsKeyId(n), "AKIA and 16 base32 characters", "AWS IAM User Guide, Understanding unique ID prefixes"),
            new("AWS secret access key", "SG1003", n => "aws_secret_access_key = " + TestSecrets.AwsSecret(n), "40 base64 characters under the AWS CLI's own key name", "AWS CLI docs, Configuration and credential file settings"),
            new("Stripe live secret key", "SG1005", n => "STRIPE_SECRET_KEY=" + TestSecrets.StripeLiveKey(n), "sk_live_ and 24+ alphanumerics", "Stripe docs, API keys"),
            new("Slack bot token", "SG1006", n => "SLACK_BOT_TOKEN=" + TestSecrets.SlackBotToken(n), "xoxb- and numeric ids and a random part", "Slack API docs, Token types"),
            new("Slack incoming webhook", "SG1006", n => "url: https://hooks.slack" + ".com/services/T" + R(10, Upper + Digits, n) + "/B" + R(10, Upper + Digits, n + 1) + "/" + R(24, Alnum, n + 2), "workspace, channel and 24-character secret path", "Slack API docs, Sending messages using incoming webhooks"),
            new("Slack incoming webhook over http://", "SG1006", n => "SLACK_WEBHOOK=http://hooks.slack" + ".com/services/T" + R(10, Upper + Digits, n) + "/B" + R(10, Upper + Digits, n + 1) + "/" + R(24, Alnum, n + 2), "the same secret path; the scheme does not change what it grants", "Slack API docs, Sending messages using incoming webhooks"),
            new("SendGrid API key", "SG1007", n => "SENDGRID_API_KEY=" + TestSecrets.SendGridKey(n), "SG., 22 and 43 base64url characters", "Twilio SendGrid docs, API keys"),
            new("ADO.NET connection string password", "SG1008", n => "\"Default\": \"Server=db;Database=app;User Id=app;Password=" + R(16, Alnum, n) + ";\"", "a password in a connection string", "Microsoft docs, SqlConnection.ConnectionString"),
            new("PostgreSQL URL with password", "SG1009", n => "DATABASE_URL=postgres://app:" + R(18, Alnum, n) + "@db.internal:5432/app", "user:password@ in a URL", "PostgreSQL docs, Connection URIs"),
            new("npm access token", "SG1012", n => "//registry.npmjs.org/:_authToken=" + TestSecrets.NpmToken(n), "npm_, 30 base62 and a CRC-32", "npm docs, About access tokens"),
            new("Azure Storage key in a connection string", "SG1013", n => "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=" + B64(Bytes(64, n)) + ";EndpointSuffix=core.windows.net", "64 random bytes, base64 (88 characters ending ==)", "Microsoft docs, Configure Azure Storage connection strings"),
            new("Azure Storage key as account_key", "SG1013", n => "account_key = \"" + B64(Bytes(64, n)) + "\"", "the storage key's shape beside a name that says what it is", "Azure SDK for Python, BlobServiceClient credential (account_key)"),
            new("Azure Storage key as AZURE_STORAGE_ACCOUNT_KEY", "SG1013", n => "AZURE_STORAGE_ACCOUNT_KEY=" + B64(Bytes(64, n)), "the storage key's shape beside the Azure CLI's variable", "Azure CLI docs, az storage (AZURE_STORAGE_KEY and account key settings)"),
            new("Azure Storage key on a command line", "SG1013", n => "azcopy-helper --account-name acme --storagekey " + B64(Bytes(64, n)), "the storage key's shape after a storage key option", "Azure CLI and tools' --account-key / storage key options"),
            new("Google API key", "SG1014", n => "GOOGLE_API_KEY=AIza" + R(35, Url64, n), "AIza and 35 base64url characters", "Google Cloud docs, Manage API keys"),
            new("OpenAI project key", "SG1015", n => "OPENAI_API_KEY=sk-" + "proj-" + R(74, Url64, n) + "T3Blbk" + "FJ" + R(74, Url64, n + 1), "sk-proj- with the T3BlbkFJ marker", "OpenAI platform docs, API keys"),
            new("Anthropic API key", "SG1016", n => "ANTHROPIC_API_KEY=sk-" + "ant-api03-" + R(93, Url64, n) + "AA", "sk-ant-api03-, 93 characters and AA", "Anthropic docs, API keys"),
            new("Hugging Face token", "SG1017", n => "HF_TOKEN=hf_" + R(34, Upper + Lower, n), "hf_ and 34 letters", "Hugging Face docs, User access tokens"),
            new("NuGet API key", "SG1019", n => "dotnet nuget push app.nupkg --api-key oy2" + R(43, Lower + Digits, n), "oy2 and 43 base32-like characters", "NuGet docs, Scoped API keys"),
            new("GitLab personal access token", "SG1020", n => "GITLAB_TOKEN=glpat-" + R(20, Url64, n), "glpat- and 20+ characters", "GitLab docs, Token prefixes"),
            new("PyPI API token", "SG1022", n => "password = pypi-" + "AgEIcHlwaS5vcmc" + R(70, Url64, n), "pypi- and a macaroon for pypi.org", "PyPI docs, API tokens"),
            new("DigitalOcean personal access token", "SG1023", n => "DIGITALOCEAN_TOKEN=dop" + "_v1_" + Hex(64, n), "dop_v1_ and 64 hex digits", "DigitalOcean docs, Personal access tokens"),
            new("Vault service token", "SG1024", n => "VAULT_TOKEN=hvs." + R(95, Url64, n), "hvs. and a long random body", "HashiCorp Vault docs, Token prefixes"),
            new("Telegram bot token", "SG1027", n => "BOT_TOKEN=" + R(10, Digits, n) + ":AA" + R(33, Url64, n + 1), "bot id, :AA and 33 characters", "Telegram Bot API docs, Authorizing your bot"),
            new("Entra ID client secret", "SG1028", n => "AZURE_CLIENT_SECRET=" + TestSecrets.EntraClientSecret(n), "the 8Q~ format with its checksum", "Microsoft identity platform docs, client secrets"),
            new("Grafana service account token", "SG1029", n => "GRAFANA_TOKEN=glsa_" + R(32, Alnum, n) + "_" + Hex(8, n + 1), "glsa_, 32 characters and an 8-hex checksum", "Grafana docs, Service account tokens"),
            new("New Relic user API key", "SG1030", n => "NEW_RELIC_API_KEY=NRAK-" + R(27, Upper + Digits, n), "NRAK- and 27 capitals and digits", "New Relic docs, New Relic API keys"),
            new("New Relic license key", "SG1125", n => "NEW_RELIC_LICENSE_KEY=" + Hex(32, n) + "FFFF" + "NRAL", "32 hex digits then FFFFNRAL: the current license key format", "New Relic docs, License keys (ingest keys end in NRAL)"),
            new("New Relic license key, EU region", "SG1125", n => "license_key: eu01" + "xx" + Hex(26, n) + "FFFF" + "NRAL", "eu01xx, 26 hex digits, FFFFNRAL", "New Relic docs, EU region data center (license keys start eu01xx)"),
            new("New Relic license key, older format", "SG1125", n => "license_key: '" + Hex(36, n) + "NRAL'", "36 hex digits then NRAL", "New Relic docs, License keys"),
            new("New Relic mobile app token", "SG1125", n => "NEW_RELIC_MOBILE_TOKEN=AA" + Hex(40, n) + "-NRMA", "AA, 40 hex digits and -NRMA", "New Relic mobile agent docs (application token)"),
            new("Sentry user auth token", "SG1031", n => "SENTRY_AUTH_TOKEN=sntryu_" + Hex(64, n), "sntryu_ and 64 hex digits", "Sentry docs, Auth tokens"),
            new("Square access token", "SG1035", n => "SQUARE_ACCESS_TOKEN=sq0atp-" + R(22, Url64, n), "sq0atp- and 22 characters", "Square developer docs, Access tokens"),
            new("Databricks token", "SG1037", n => "DATABRICKS_TOKEN=dapi" + Hex(32, n), "dapi and 32 hex digits", "Databricks docs, Personal access tokens"),
            new("JFrog reference token", "SG1039", n => "JFROG_ACCESS_TOKEN=cmVm" + "dGtu" + R(56, Alnum, n), "base64 of reftkn and the key", "JFrog docs, Access tokens (reference tokens)"),
            new("Discord webhook", "SG1053", n => "https://discord" + ".com/api/webhooks/" + R(18, Digits, n) + "/" + R(68, Url64, n + 1), "webhook id and 68-character token", "Discord developer docs, Webhook resource"),
            new("Bitbucket app password", "SG1062", n => "BITBUCKET_APP_PASSWORD=ATBB" + R(32, Alnum, n) + Hex(8, n + 1).ToUpperInvariant(), "ATBB and the body with its checksum", "Atlassian docs, App passwords"),
            new("Bitbucket repository access token", "SG1026", n => "BITBUCKET_TOKEN=ATCTT3" + "xFfGN0" + R(180, Url64, n) + "=" + Hex(8, n + 1).ToUpperInvariant(), "ATCTT3xFfGN0, a long body, = and an 8-hex checksum", "Atlassian docs, Bitbucket Cloud repository, project and workspace access tokens"),
            new("Atlassian Cloud API token", "SG1026", n => "JIRA_API_TOKEN=ATATT3" + "xFfGF0" + R(180, Url64, n) + "=" + Hex(8, n + 1).ToUpperInvariant(), "ATATT3xFfGF0, a long body, = and an 8-hex checksum", "Atlassian docs, Manage API tokens for your Atlassian account"),
            new("Jira Data Center personal access token", "SG1259", n => "JIRA_PAT=" + AtlassianDataCenterPat(n), "base64 of a 12-digit token id, ':' and 20 random bytes", "Atlassian docs, Using personal access tokens (Jira and Confluence Data Center)"),
            new("Confluence Data Center personal access token", "SG1259", n => "confluence:\n  token: \"" + AtlassianDataCenterPat(n) + "\"", "the same format, named by its section", "Atlassian docs, Using personal access tokens (Jira and Confluence Data Center)"),
            new("Cloudflare Origin CA key", "SG1066", n => "CF_ORIGIN_CA_KEY=v1.0-" + Hex(24, n) + "-" + Hex(146, n + 1), "v1.0-, 24 and 146 hex digits", "Cloudflare docs, Origin CA keys"),
            new("Cloudflare user API token (scannable)", "SG1258", n => "CLOUDFLARE_API_TOKEN=cfut_" + R(40, Alnum, n) + R(8, Alnum, n + 1), "cfut_, 40 characters and a checksum", "Cloudflare docs, Token formats"),
            new("Cloudflare account API token (scannable)", "SG1258", n => "\"token\": \"cfat_" + R(40, Alnum, n) + R(8, Alnum, n + 1) + "\"", "cfat_, 40 characters and a checksum", "Cloudflare docs, Token formats"),
            new("Cloudflare global API key (scannable)", "SG1258", n => "CF_API_KEY=cfk_" + R(40, Alnum, n) + R(8, Alnum, n + 1), "cfk_, 40 characters and a checksum", "Cloudflare docs, Token formats"),
            new("Cloudflare API token (legacy)", "SG1209", n => "CLOUDFLARE_API_TOKEN=" + R(40, Url64, n), "40 characters beside the service's name", "Cloudflare docs, Create API token"),
            new("Facebook access token", "SG1069", n => "FB_ACCESS_TOKEN=EAAC" + R(180, Alnum, n), "EAA and a long body", "Meta for Developers, Access tokens"),
            new("Facebook app access token", "SG1069", n => "FACEBOOK_APP_TOKEN=" + R(16, Digits, n) + "|" + Hex(32, n + 1), "app id | app secret: the app access token", "Meta for Developers, Access tokens (app access tokens)"),
            new("Tailscale auth key", "SG1091", n => "TS_AUTHKEY=tskey-auth-" + R(12, Alnum, n) + "-" + R(32, Alnum, n + 1), "tskey-auth- with id and secret", "Tailscale docs, Auth keys"),
            new("Twilio auth token", "SG1105", n => "TWILIO_AUTH_TOKEN=" + Hex(32, n), "32 hex digits under Twilio's name", "Twilio docs, Auth tokens"),
            new("Datadog API key", "SG1109", n => "DD_API_KEY=" + Hex(32, n), "32 hex digits under Datadog's name", "Datadog docs, API and application keys"),
            new("Datadog API key, dash-separated", "SG1109", n => "- DD_API_KEY - '" + Hex(32, n) + "'", "the same pair, a dash between name and value", "Datadog docs, API and application keys"),
            new("Twilio auth token, Dockerfile ENV", "SG1105", n => "ENV TWILIO_AUTH_TOKEN " + Hex(32, n), "the same pair in the Dockerfile's older ENV form", "Docker docs, Dockerfile reference (ENV key value)"),
            new("Azure identifiable storage key", "SG1115", n => "AccountKey=" + TestSecrets.AzureIdentifiableKey("+ASt", 64, SecretGuard.Detection.Rules.AzureChecksummedKeyRule.SeedsOf("+ASt")[0], seed: n), "+ASt signature and its Marvin32 checksum", "Microsoft docs, Azure Storage identifiable keys"),
            new("Azure Container Registry admin password", "SG1257", n => "ACR_PASSWORD=" + R(42, Base64Chars, n) + "+ACR" + "B" + R(5, Alnum, n + 1), "52 base64 characters with the +ACR signature", "Microsoft security-utilities key formats (Azure Container Registry identifiable keys)"),
            new("Entra ID refresh token", "SG1256", n => "refresh_token=1.A" + R(120, Url64, n) + ".AgAB" + R(300, Url64, n + 1) + "." + R(60, Url64, n + 2), "1.A…, then .AgAB…: a refresh token of the Microsoft identity platform", "Microsoft identity platform docs, Refresh tokens (opaque, 0.A/1.A …AgAB)"),
            new("Entra ID refresh token (v1)", "SG1256", n => "\"refresh_token\": \"0.A" + R(150, Url64, n) + ".AgAB" + R(400, Url64, n + 1) + "\"", "0.A…AgAB…", "Microsoft identity platform docs, Refresh tokens"),
            new("JSON Web Token, live", "SG1103", n => "Authorization: Bearer " + Jwt(n, "\"sub\":\"svc-" + n + "\",\"scope\":\"deploy\""), "signed and not expired", "RFC 7519"),
            new("Sourcegraph access token", "SG1122", n => "SRC_ACCESS_TOKEN=sgp_" + Hex(16, n) + "_" + Hex(40, n + 1), "sgp_, instance id and 40 hex digits", "Sourcegraph docs, Access tokens"),
            new("curl user and password quoted apart", "SG1254", n => "curl --user \"ci\":\"" + R(16, Alnum, n) + "\" https://repo.internal/upload", "a password on a curl command line", "curl manual, -u/--user"),
            new("curl password with no user", "SG1254", n => "curl -u \":" + R(16, Alnum, n) + "\" https://repo.internal/upload", "a password on a curl command line", "curl manual, -u/--user"),
            new("curl API key as the user", "SG1254", n => "curl https://api.vendor.internal/v1/charges -u '" + R(28, Alnum, n) + ":'", "an API key as the user with no password, as payment APIs document", "Stripe docs, Authentication (curl -u KEY:)"),
            new("curl Api-Token header", "SG1254", n => "curl -H \"Api-Token: " + R(32, Alnum, n) + "\" https://api.internal/v1", "a token header on a curl command line", "curl manual, -H/--header"),
            new("curl Token header", "SG1254", n => "curl -H 'Token: " + R(32, Alnum, n) + "' https://api.internal/v1", "a token header on a curl command line", "curl manual, -H/--header"),
            new("Sendbird token, dash-separated", "SG1200", n => "SENDBIRD_API_TOKEN - '" + Hex(40, n) + "'", "40 hex digits beside Sendbird's name, a dash between", "Sendbird docs, API tokens"),
            new("Splunk HEC token, as documented (capitals)", "SG1224", n => "SPLUNK_HEC_TOKEN=" + Uuid(n).ToUpperInvariant(), "a UUID beside Splunk's name; Splunk's docs write HEC tokens in capitals", "Splunk docs, Set up and use HTTP Event Collector"),
            new("Splunk HEC token (small letters)", "SG1224", n => "splunk:\n  hec_token: " + Uuid(n), "a UUID beside Splunk's name", "Splunk docs, Set up and use HTTP Event Collector"),
            new("Password in an ENV entry", "SG1010", n => "DB_PASSWORD=" + R(14, Alnum, n), "every value in the image config is literal", "SecretGuard docs, SG1010") { Origin = TextOrigin.ConfigEntry },
            new("Generated API key in appsettings", "SG1010", n => "\"ApiKey\": \"" + R(32, Alnum, n) + "\"", "a generated value under a credential name", "ASP.NET Core configuration docs"),
            new("AES key in an Encryption section of appsettings", "SG1285", n => "\"Encryption\": {\n  \"Key\": \"" + R(43, Base64Chars, n) + "=\"\n}", "a generated key under a section named for encryption", "ASP.NET Core configuration docs (sections), .NET Aes docs (key sizes)"),
            new("HMAC key in an ENV entry", "SG1285", n => "HMAC_KEY=" + Hex(64, n), "a generated key named for HMAC", "RFC 2104 (HMAC keys)") { Origin = TextOrigin.ConfigEntry },
            new("LDAP bind password in nslcd.conf", "SG1286", n => "uri ldaps://ldap.corp.example\nbinddn cn=proxy,dc=corp,dc=example\nbindpw " + R(16, Alnum, n), "the password nslcd binds to the directory with", "nslcd.conf(5), bindpw"),
            new("PostgreSQL password file entry", "SG1287", n => "db.internal:5432:orders:backup:" + R(20, Alnum, n), "a .pgpass line: host, port, database, user, password", "PostgreSQL docs, The Password File"),
            new("Laravel APP_KEY in .env", "SG1288", n => "APP_NAME=Shop\nAPP_ENV=production\nAPP_KEY=base64:" + R(43, Base64Chars, n) + "=\nAPP_DEBUG=false", "the key php artisan key:generate writes", "Laravel docs, Configuration (application key)"),
            new("Rails secret_key_base in secrets.yml", "SG1289", n => "production:\n  secret_key_base: " + Hex(128, n), "128 hex digits, as bin/rails secret prints them", "Rails guides, Security (custom credentials, secret_key_base)"),
            new("EC private key as a JWK in appsettings", "SG1290", n => "\"Signing\": {\n  \"Key\": { \"kty\": \"EC\", \"crv\": \"P-256\", \"x\": \"" + Url64Of(Bytes(32, n)) + "\", \"y\": \"" + Url64Of(Bytes(32, n + 1)) + "\", \"d\": \"" + Url64Of(Bytes(32, n + 2)) + "\" }\n}", "a JWK with its private member d", "RFC 7518 section 6.2 (EC keys)"),
            new("SQL Server password in a seed script's sqlcmd", "SG1291", n => "#!/bin/bash\nsleep 20\n/opt/mssql-tools/bin/sqlcmd -S localhost -U sa -P " + R(12, Alnum, n) + "! -d master -i /scripts/setup.sql", "sqlcmd's -P with the password itself", "sqlcmd utility docs (-P password)"),
            new("RSA key from RSA.ToXmlString(true) in appsettings", "SG1292", n => "\"Licensing\": {\n  \"SigningKey\": \"<RSAKeyValue><Modulus>" + B64(Bytes(256, n)) + "</Modulus><Exponent>AQAB</Exponent><P>" + B64(Bytes(128, n + 1)) + "</P><Q>" + B64(Bytes(128, n + 2)) + "</Q><DP>" + B64(Bytes(128, n + 3)) + "</DP><DQ>" + B64(Bytes(128, n + 4)) + "</DQ><InverseQ>" + B64(Bytes(128, n + 5)) + "</InverseQ><D>" + B64(Bytes(256, n + 6)) + "</D></RSAKeyValue>\"\n}", "the private exponent D in .NET's XML form", ".NET docs, RSA.ToXmlString"),
            new("Maven server password in settings.xml", "SG1010", n => "<server>\n  <id>nexus</id>\n  <username>deploy</username>\n  <password>" + R(16, Alnum, n) + "</password>\n</server>", "a password as an XML element's text", "Maven docs, Settings Reference (servers)"),
            new("log4net SMTP appender password", "SG1010", n => "<appender name=\"Mail\" type=\"log4net.Appender.SmtpAppender\">\n  <password value=\"" + R(16, Alnum, n) + "\" />\n</appender>", "a password in an element's value attribute", "log4net docs, SmtpAppender configuration"),
            new("Password hash in /etc/shadow", "SG1299", n => "root:*:19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\napp:$6$" + R(16, Alnum + "./", n) + "$" + R(86, Alnum + "./", n + 1) + ":19701:0:99999:7:::", "a password set in the image build (chpasswd)", "shadow(5), crypt(5)"),
            new("actions/checkout's persisted token in .git/config", "SG1295", n => "[remote \"origin\"]\n\turl = https://github.com/shop/orders\n[http \"https://github.com/\"]\n\textraheader = AUTHORIZATION: basic " + B64("x-access-token:ghs_" + R(36, Alnum, n)), "the Basic header actions/checkout keeps in .git/config", "actions/checkout README (persist-credentials)"),
            new("Azure DevOps PAT as NuGet.Config's ClearTextPassword", "SG1010", n => "<packageSourceCredentials>\n  <contoso>\n    <add key=\"Username\" value=\"build\" />\n    <add key=\"ClearTextPassword\" value=\"" + R(52, "abcdefghijklmnopqrstuvwxyz234567", n) + "\" />\n  </contoso>\n</packageSourceCredentials>", "a feed's password in clear: a 52-character PAT", "NuGet docs, nuget.config reference (packageSourceCredentials)"),

            // ---- Must not fail a build: values that cannot be credentials ----
            new("AWS documentation example key id", null, _ => "AWS_ACCESS_KEY_ID=AKIA" + "IOSFODNN7EXAMPLE", "AWS's published example", "AWS IAM User Guide (example credentials)"),
            new("AWS documentation example secret", null, _ => "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY", "AWS's published example", "AWS CLI docs (example credentials)"),
            new("Azure storage emulator key", null, _ => "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==", "the emulator's published well-known key", "Microsoft docs, Azurite (well-known account key)"),
            new("Stripe test key", null, n => "STRIPE_SECRET_KEY=sk_" + "test_" + R(24, Alnum, n), "test mode: reaches no live data", "Stripe docs, Test mode"),
            new("Placeholder in a template", null, _ => "OPENAI_API_KEY=<your-api-key>", "a placeholder", "READMEs and .env templates"),
            new("Variable reference", null, _ => "SENDGRID_API_KEY=${SENDGRID_API_KEY}", "a reference to the environment", "Docker Compose docs, variable interpolation"),
            new("Mounted secret reference", null, _ => "DB_PASSWORD_FILE=/run/secrets/db_password", "a reference to a mounted secret", "Docker docs, Secrets"),
            new("nslcd.conf as Debian installs it", null, _ => "# The distinguished name to bind to the server with.\n#binddn cn=proxyuser,dc=padl,dc=com\n\n# The credentials to bind with.\n#bindpw secret\n", "the commented-out example of the package's default file", "Debian nslcd package, /etc/nslcd.conf"),
            new("sssd with an obfuscated password's type and no password", null, _ => "[domain/corp]\nldap_default_authtok_type = obfuscated_password\nldap_uri = ldaps://ldap.corp.example\n", "a setting that names the password's type", "sssd-ldap(5), ldap_default_authtok_type"),
            new("/etc/shadow of a Debian image", null, _ => "root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nbin:*:19000:0:99999:7:::\n", "colon-separated system accounts with no password", "Debian base-passwd"),
            new("Laravel APP_KEY left empty and read from the environment", null, _ => "APP_KEY=\n# config/app.php: 'key' => env('APP_KEY'),\nSECRET_KEY_BASE=<%= ENV[\"SECRET_KEY_BASE\"] %>", "an empty key and a template reference", "Laravel docs, Configuration; Rails guides"),
            new("Public JWKS of an identity provider", null, n => "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"" + R(16, Alnum, n) + "\",\"n\":\"" + Url64Of(Bytes(256, n + 1)) + "\",\"e\":\"AQAB\"}]}", "public members only, as a jwks_uri serves them", "RFC 7517 (JWK Set), OpenID Connect Discovery (jwks_uri)"),
            new("sqlcmd health check reading the password from the environment", null, _ => "HEALTHCHECK CMD /opt/mssql-tools18/bin/sqlcmd -S localhost -U sa -P \"$MSSQL_SA_PASSWORD\" -C -Q \"SELECT 1\" || exit 1", "a variable in the password's place", "SQL Server container docs (health checks)"),
            new("RSA public key from RSA.ToXmlString(false)", null, n => "<RSAKeyValue><Modulus>" + B64(Bytes(256, n)) + "</Modulus><Exponent>AQAB</Exponent></RSAKeyValue>", "a public key: no D", ".NET docs, RSA.ToXmlString"),
            new("Maven password from the environment", null, _ => "<server>\n  <id>nexus</id>\n  <password>${env.NEXUS_PASSWORD}</password>\n</server>", "a reference to the environment", "Maven docs, Settings Reference (environment variables)"),
            new("SealedSecret's encrypted data", null, n => "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db\nspec:\n  encryptedData:\n    password: Ag" + R(680, Base64Chars, n) + "==", "encrypted for the cluster's controller, which alone can open it", "sealed-secrets README (SealedSecret resources)"),
            new("Masked Slack token", null, n => "SLACK_TOKEN=xoxp-" + R(10, Digits, n) + "-" + R(10, Digits, n + 1) + "-" + R(10, Digits, n + 2) + "-####", "masked: the secret part is not there", "support tickets and logs that redact tokens"),
            new("Masked key with stars", null, n => "api_key: sk_" + "live_" + R(6, Alnum, n) + "****************", "masked", "dashboards showing the first characters of a key"),
            new("Masked key with an x tail", null, n => "GITHUB_TOKEN=ghp_" + R(8, Alnum, n) + "xxxxxxxxxxxxxxxxxxxxxxxxxxxx", "masked", "documentation"),
            new("Truncated key", null, n => "token: sk_" + "live_" + R(12, Alnum, n) + "...", "truncated", "documentation and logs"),
            new("Hand-filled runs", null, _ => "SRC_ACCESS_TOKEN=sgp_" + "5555555daaaaa7777777ccccc3333333bbbbb1111", "runs typed to fill a field", "test fixtures and examples"),
            new("Repeated unit runner token", null, _ => "REGISTRATION_TOKEN=GR1348941" + string.Concat(Enumerable.Repeat("123", 7)), "a unit repeated, not random", "examples in CI documentation"),
            new("Repeated unit glrt token", null, _ => "CI_RUNNER_TOKEN=glrt-" + string.Concat(Enumerable.Repeat("123", 8)), "a unit repeated, not random", "examples in CI documentation"),
            new("Sequential digits", null, _ => "API_SECRET=ABCDEFGHIJ1234567890abcdefghij", "the alphabet in order", "examples"),
            new("Upper case in a lower-hex key", null, n => "DATADOG_API_KEY=" + Hex(31, n) + "F", "outside the service's alphabet", "typed or transformed values"),
            new("Upper-case hex under a service name", null, n => "SENDBIRD_API_TOKEN=" + Hex(40, n).ToUpperInvariant(), "outside the service's alphabet", "typed or transformed values"),
            new("Query string under a token name", null, n => "\"apiToken\": \"" + R(10, Alnum, n) + "?state=" + R(8, Alnum, n + 1) + "&x=1\"", "a query string, not a token", "front-end bundles"),
            new("Template under an apikey name", null, n => "\"apikey\": \"$" + R(20, Alnum, n) + "#\"", "a template, not a token", "front-end bundles"),
            new("Host name as a token", null, _ => "INVOICEOCEAN_API_TOKEN=acme-2024.invoiceocean.net", "a host name", "configuration samples"),
            new("Host name as a token, short", null, _ => "INVOICEOCEAN_API_TOKEN=x.invoiceocean.net", "a host name", "configuration samples"),
            new("Truncated JFrog reference token", null, n => "JFROG_ACCESS_TOKEN=cmVm" + "dGtu" + R(40, Alnum, n), "shorter than the format", "truncated copies in docs"),
            new("New Relic mobile token two short", null, n => "NEW_RELIC_MOBILE_TOKEN=AA" + Hex(38, n) + "-NRMA", "shorter than the format", "truncated copies in docs"),
            new("Algolia search-only key", null, n => "ALGOLIA_SEARCH_API_KEY=" + Hex(32, n), "search-only keys ship in public clients", "Algolia docs, API keys (search-only API key)"),
            new("DocSearch public key", null, n => "docsearch({ appId: 'R2IYF7ETH7', apiKey: '" + Hex(32, n) + "', indexName: 'docs' });", "DocSearch's public search key", "Algolia DocSearch docs"),
            new("Public key token", null, _ => "System.Runtime, Version=8.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a", "an assembly's public key token", ".NET assembly identities"),
            new("Publishable Stripe key", null, n => "STRIPE_PUBLISHABLE_KEY=pk_" + "live_" + R(24, Alnum, n), "publishable keys are public by design", "Stripe docs, API keys"),
            new("Package integrity hash", null, n => "\"integrity\": \"sha512-" + B64(Bytes(64, n)) + "\"", "a content hash", "npm package-lock.json files"),
            new("Commit id", null, n => "\"gitHead\": \"" + Hex(40, n) + "\"", "a commit id", "npm package.json files"),
            new("CSRF token name", null, _ => "const X_CSRF_TOKEN = \"X-CSRF-TOKEN\";", "a header name", "web frameworks"),
            new("Code, not a literal", null, _ => "secret = GetSecret(name)", "an expression", "application code"),
            new("Expired JSON Web Token", null, _ => "token: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwiZXhwIjoxNTE2MjM5MDIyfQ." + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", "expired", "RFC 7519 examples"),
            new("Bad checksum GitHub-shaped value", null, _ => "GITHUB_TOKEN=" + TestSecrets.GitHubTokenWithBadChecksum(), "the checksum does not hold: GitHub never issued it", "GitHub token format"),
            new("Supabase local development secret", null, _ => "SUPABASE_SECRET_KEY=sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz", "the secret every local stack gets", "Supabase CLI docs"),
            new("Empty value", null, _ => "DB_PASSWORD=", "empty", "templates"),
            new("Change-me password", null, _ => "POSTGRES_PASSWORD=changeme", "a placeholder", "Docker image docs"),
            new("UUID as a client id", null, n => "TWILIO_ACCOUNT_SID_ID=" + Uuid(n), "an identifier", "configuration"),
            new("Curl with variables", null, _ => "curl -u \"$REPO_USER:$REPO_PASSWORD\" https://repo.internal", "variables", "shell scripts"),
            new("Curl user without a key", null, _ => "curl -u deploy-bot: https://repo.internal", "a user name", "shell scripts"),
            new("Markdown table of settings", null, _ => "| SENDBIRD_API_TOKEN | your Sendbird token |", "prose", "READMEs"),
        };
        s.AddRange(CloudAndDeveloperToolSamples());
        s.AddRange(BusinessAndMessagingSamples());
        return s;
    }
}
