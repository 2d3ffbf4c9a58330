using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Catalogue;

internal static partial class TokenFormats
{
    /// <summary>Cloud platforms, hosting and data platforms: AWS, Azure, Google Cloud, Alibaba, Tencent, Yandex, Scaleway, Cloudflare, Heroku, Netlify, Supabase, Databricks and the like.</summary>
    private static TokenFormat[] Cloud =>
    [
        new("SG1002", "AwsAccessKeyId", "AWS access key id", "AWS access key id.",
            AwsAccessKeyId, ["AKIA", "ASIA", "ABIA", "ACCA"], "deactivate and delete the access key in AWS IAM and issue a new one (prefer an IAM role)")
        {
            KeywordStartsToken = false,
            Details = "AWS access key ids: long-term (AKIA), temporary (ASIA, from STS), and the AWS STS service bearer token (ABIA) and context-specific (ACCA) credentials, then 16 base32 characters (A-Z, 2-7), as the IAM User Guide lists the prefixes of access keys. The other unique-id prefixes it lists (AIDA users, AROA roles, AGPA groups, ANPA policies, APKA public keys...) name an entity and grant nothing, and are not flagged.",
            NotFlagged = "and keys vendors publish as documentation examples",
        },
        new("SG1003", "AwsSecretAccessKey", "AWS secret access key", "AWS secret access key.",
            AwsSecretAccessKey, ["secret_access_key", "secretaccesskey", "aws_secret", "awssecret"], "deactivate and delete the access key in AWS IAM and issue a new one (prefer an IAM role)")
        {
            Validate = v => Entropy.BitsPerChar(v) >= 4.0,
            IgnoreCase = true,
            KeywordLinesOnly = true,
            KeywordStartsToken = false,
            Details = "AWS secret access keys: 40 base64 characters only recognisable by the name next to them (aws_secret_access_key, AWS_SECRET_ACCESS_KEY, SecretAccessKey).",
            NotFlagged = "and keys vendors publish as documentation examples",
        },
        new("SG1013", "AzureStorageKey", "Azure account key", "Azure account key in a connection string (storage `AccountKey`, Service Bus/Event Hubs/IoT Hub `SharedAccessKey`), or a storage account key beside `account_key`, `AZURE_STORAGE_ACCOUNT_KEY`, `azurestorageaccountkey` or `-storagekey`.",
            AzureStorageKey, ["AccountKey", "SharedAccessKey", "account_key", "account-key", "storage_key", "storage-key", "storagekey"], "regenerate the key in the Azure portal (Access keys / Shared access policies); prefer managed identity")
        {
            Validate = v => Entropy.BitsPerChar(v) >= 4.0,
            IgnoreCase = true,
            KeywordLinesOnly = true,
            KeywordStartsToken = false,
            Details = "Azure account keys in connection strings: storage AccountKey (64 bytes, base64) and the SharedAccessKey of Service Bus, Event Hubs and IoT Hub (32 bytes, base64). A newer identifiable key whose service signature and checksum hold is reported as [SG1115](SG1115.md) instead, naming its service.",
            NotFlagged = "and keys vendors publish as documentation examples",
        },
        new("SG1014", "GoogleApiKey", "Google API key", "Google API key.",
            GoogleApiKey, ["AIza", "AQ."], "delete or regenerate the key in the Google Cloud console (APIs & Services, Credentials) and restrict the new one")
        {
            Formats = ["Google API key, standard (AIza)", "Google API key bound to a service account, auth key (AQ.)"],
            Validate = v => v.StartsWith("AQ.", StringComparison.Ordinal) ? MixesCaseAndDigits(v.AsSpan(3)) : Entropy.BitsPerChar(v) >= 3.5,
            Details = "Google Cloud / Firebase API keys: standard keys, AIza + 35 base64url characters; and auth keys bound to a service account, AQ. + about 50 base64url characters (beginning Ab), which Google AI Studio and the Cloud console issue for the Gemini API since 2026.",
            NotFlagged = "and keys vendors publish as documentation examples",
        },
        new("SG1023", "DigitalOceanToken", "DigitalOcean token", "DigitalOcean personal access, OAuth and refresh tokens (dop_v1_, doo_v1_, dor_v1_ and 64 hex digits).",
            DigitalOceanToken, ["dop_v1_", "doo_v1_", "dor_v1_"], "delete it in the DigitalOcean control panel (API, Tokens) and generate a new one")
        {
            Formats = ["personal access token (dop_v1_)", "OAuth access token (doo_v1_)", "OAuth refresh token (dor_v1_)"],
            KeywordStartsToken = false,
        },
        new("SG1028", "AzureAdClientSecret", "Azure AD (Entra ID) client secret", "Azure AD (Entra ID) app registration client secrets: three characters, a digit, `Q~` and 31 to 34 more, from the alphabet Entra ID draws them from (letters, digits, `.`, `-`, `_`, `~`).",
            AzureAdClientSecret, ["0Q~", "1Q~", "2Q~", "3Q~", "4Q~", "5Q~", "6Q~", "7Q~", "8Q~", "9Q~"], "delete the secret in the app registration (Certificates and secrets) and add a new one, or move to a managed identity or certificate")
        {
            Describe = DescribeEntraClientSecret,
            KeywordStartsToken = false,
            Details = """
            Secrets of the current format (`8Q~`, 40 characters) end with a checksum: the first three of the six
            base-66 digits of the Marvin32 hash of the other 37 characters under the `AadPwd00` seed, as Microsoft's
            secret-scanning library checks it. SecretGuard recomputes it offline: the message says when it holds; a
            secret whose checksum does not hold was made up or damaged in copying, and is reported as a warning, not
            an error (check it: a real secret always has a valid checksum). Legacy secrets (`7Q~`) have no checksum.
            """,
        },
        new("SG1034", "AlibabaAccessKey", "Alibaba Cloud AccessKey ID", "Alibaba Cloud AccessKey IDs (LTAI and 12 to 20 characters); the secret is usually beside them.",
            AlibabaAccessKey, ["LTAI"], "disable and delete the AccessKey in the Alibaba Cloud RAM console and create a new one")
        {
            Validate = v => v.Skip(4).Any(char.IsUpper) && v.Skip(4).Any(char.IsLower) && v.Skip(4).Any(char.IsAsciiDigit),
            KeywordStartsToken = false,
        },
        new("SG1037", "DatabricksToken", "Databricks access token", "Databricks personal access tokens (dapi and 32 characters from 0-9 and a-h, an Azure Databricks one followed by -2 or the like) and OAuth secrets of service principals (dose and 32 of the same).",
            DatabricksToken, ["dapi", "dose"], "revoke it in Databricks (User settings, Access tokens, or the service principal's secrets) and generate a new one")
        {
            Formats = ["Databricks personal access token (dapi)", "Databricks service principal OAuth secret (dose)"],
            Validate = v => MixesLettersAndDigits(v.AsSpan(4)),
        },
        new("SG1043", "HerokuKey", "Heroku API key", "Heroku API keys of the current format (HRKU-AA and 58 characters).",
            HerokuKey, ["HRKU-AA"], "revoke it with heroku authorizations:revoke and create a new one")
        { KeywordStartsToken = false },
        new("SG1048", "SupabaseToken", "Supabase access token", "Supabase personal access tokens (sbp_ and 40 small letters and digits).",
            SupabaseToken, ["sbp_"], "revoke it in Supabase (Account, Access tokens) and create a new one")
        { Validate = v => MixesLettersAndDigits(v.AsSpan(4)), KeywordStartsToken = false },
        new("SG1049", "NetlifyToken", "Netlify access token", "Netlify personal access tokens (nfp_ and 36 letters, digits and underscores).",
            NetlifyToken, ["nfp_"], "revoke it in Netlify (User settings, Applications) and create a new one")
        { Validate = v => MixesLettersAndDigits(v.AsSpan(4)), KeywordStartsToken = false },
        new("SG1050", "RenderKey", "Render API key", "Render API keys (rnd_ and 32 characters).",
            RenderKey, ["rnd_"], "revoke it in Render (Account settings, API keys) and create a new one")
        { KeywordStartsToken = false },
        new("SG1056", "FirebaseServerKey", "Firebase Cloud Messaging server key", "Firebase Cloud Messaging legacy server keys (AAAA…:APA91b…).",
            FirebaseServerKey, [":APA91b"], "delete the legacy server key in the Firebase console and move to the HTTP v1 API with a service account")
        { KeywordStartsToken = false },
        new("SG1058", "AzureSasToken", "Azure shared access signature", "Azure Storage shared access signatures (SAS): a URL or query string with sv= and sig=.",
            AzureSasToken, ["sig="], "rotate the storage account key it was signed with (or revoke the user delegation key or stored access policy) and issue a new, short-lived SAS")
        { KeywordStartsToken = false, NotFlagged = "and text that only mentions the format" },
        new("SG1066", "CloudflareOriginCaKey", "Cloudflare Origin CA key", "Cloudflare Origin CA keys (v1.0-, 24 and 146 hex digits).",
            CloudflareOriginCaKey, ["v1.0-"], "revoke the Origin CA key in the Cloudflare dashboard (My Profile, API Tokens)")
        { KeywordStartsToken = false },
        new("SG1071", "FlyIoToken", "Fly.io access token", "Fly.io tokens: organisation and personal (fo1_), and macaroon tokens (fm1a_, fm1r_, fm2_).",
            FlyIoToken, ["fo1_", "fm1a_", "fm1r_", "fm2_"], "revoke it with 'flyctl tokens revoke' or in the Fly.io dashboard (Tokens)")
        {
            Formats = ["personal or organisation token (fo1_)", "macaroon token (fm1a_, fm1r_)", "macaroon token (fm2_)"],
            KeywordStartsToken = false,
        },
        new("SG1078", "OpenShiftToken", "OpenShift access token", "OpenShift OAuth access tokens (sha256~ and 43 characters).",
            OpenShiftToken, ["sha256~"], "delete the token with 'oc delete oauthaccesstoken' and log in again")
        { KeywordStartsToken = false },
        new("SG1080", "PlanetScaleToken", "PlanetScale credential", "PlanetScale service tokens (pscale_tkn_), passwords (pscale_pw_) and OAuth tokens (pscale_oauth_).",
            PlanetScaleToken, ["pscale_"], "delete the service token or password in PlanetScale and create a new one")
        {
            Formats = ["service token (pscale_tkn_)", "database password (pscale_pw_)", "OAuth token (pscale_oauth_)"],
            KeywordStartsToken = false,
        },
        new("SG1082", "ScalingoToken", "Scalingo API token", "Scalingo API tokens (tk-us- and 48 characters).",
            ScalingoToken, ["tk-us-"], "delete it in the Scalingo dashboard (User settings, API tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1091", "TailscaleKey", "Tailscale key", "Tailscale auth keys, API access tokens, OAuth client secrets, SCIM and webhook keys (tskey-…).",
            TailscaleKey, ["tskey-"], "revoke it in the Tailscale admin console (Settings, Keys) and create a new one")
        {
            Formats = ["auth key (tskey-auth-)", "API access token (tskey-api-)", "OAuth client secret (tskey-client-)", "SCIM key (tskey-scim-)", "webhook secret (tskey-webhook-)"],
            KeywordStartsToken = false,
        },
        new("SG1096", "ClickHouseSecret", "ClickHouse Cloud API secret", "ClickHouse Cloud API key secrets (4b1d and 38 characters).",
            ClickHouseSecret, ["4b1d"], "delete the API key in the ClickHouse Cloud console and create a new one")
        { Validate = v => v.Any(char.IsAsciiLetterUpper) && v.Any(char.IsAsciiLetterLower), KeywordStartsToken = false },
        new("SG1099", "YandexApiKey", "Yandex Cloud API key", "Yandex Cloud API keys (AQVN and 35 to 38 characters).",
            YandexApiKey, ["AQVN"], "delete the API key of the service account in the Yandex Cloud console and create a new one")
        { Validate = v => MixesCaseAndDigits(v), KeywordStartsToken = false },
        new("SG1116", "GoogleOAuthClientSecret", "Google OAuth client secret", "Google OAuth client secrets (GOCSPX- and 28 base64url characters).",
            GoogleOAuthClientSecret, ["GOCSPX-"], "add a new secret to the OAuth client in the Google Cloud console (APIs and services, Credentials), move the app to it, then disable and delete the old one")
        { KeywordStartsToken = false },
        new("SG1121", "AmazonBedrockApiKey", "Amazon Bedrock API key", "Amazon Bedrock API keys: long-term keys (ABSK and the base64 of \"BedrockAPIKey-…:…\", decoded and checked) and short-term keys (bedrock-api-key- and the base64 of a presigned bedrock.amazonaws.com URL).",
            AmazonBedrockApiKey, ["ABSKQmVkcm9ja0FQSUtleS", "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t"], "delete the long-term key in the IAM console (the service-specific credential of its IAM user) and create a new one; a short-term key expires on its own, but revoke the session that made it")
        {
            Formats = ["Amazon Bedrock long-term API key", "Amazon Bedrock short-term API key"],
            Validate = IsBedrockKey,
            KeywordStartsToken = false,
        },
        new("SG1123", "WorkflowTriggerUrl", "Power Automate or Logic Apps trigger URL", "HTTP trigger URLs of Power Automate flows (…environment.api.powerplatform.com…/triggers/manual/paths/invoke?…sig=…), of Azure Logic Apps (…logic.azure.com…/workflows/…/triggers/…sig=…) and the Teams workflow webhooks built on them: the sig parameter lets anyone run the flow.",
            WorkflowTriggerUrl, ["powerplatform.com", "logic.azure.com"], "regenerate the trigger's access keys (Logic Apps: Access keys > Regenerate; Power Automate: recreate the trigger or the Teams workflow), then update the callers")
        { Formats = ["Power Automate workflow trigger URL", "Azure Logic Apps trigger URL"], KeywordStartsToken = false },
        new("SG1129", "DenoDeployToken", "Deno Deploy token", "Deno Deploy personal (ddp_) and organization (ddw_) access tokens: 36 letters and digits.",
            DenoDeployToken, ["ddp_", "ddw_"], "delete the token in the Deno Deploy dashboard (Account settings > Access tokens) and create a new one")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(4)) },
        new("SG1135", "DefinedNetworkingToken", "Defined Networking API token", "Defined Networking (Nebula) API tokens: dnkey-, 26 characters, - and 52.",
            DefinedNetworkingToken, ["dnkey-"], "delete the API key in the Defined Networking admin panel and create a new one"),
        new("SG1142", "NeonApiKey", "Neon API key", "Neon API keys: napi_ and 64 small letters and digits.",
            NeonApiKey, ["napi_"], "revoke the key in the Neon console (Account settings > API keys) and create a new one")
        { Validate = v => MixesLettersAndDigits(v.AsSpan(5)) },
        new("SG1143", "SupabaseSecretKey", "Supabase secret API key", "Supabase secret API keys: sb_secret_ and 24 to 64 characters (sb_publishable_ keys are public and not flagged).",
            SupabaseSecretKey, ["sb_secret_"], "delete the secret key in the Supabase dashboard (Project settings > API keys) and create a new one")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(10)) },
        new("SG1149", "TencentCloudSecretId", "Tencent Cloud SecretId", "Tencent Cloud API key SecretIds: AKID and 32 letters and digits (its SecretKey is usually beside it).",
            TencentCloudSecretId, ["AKID"], "disable and delete the API key in the Tencent Cloud CAM console (API keys) and create a new one")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(4)) },
        new("SG1150", "AkamaiEdgeGridToken", "Akamai EdgeGrid token", "Akamai EdgeGrid client and access tokens: akab-, 16 and 16 small letters and digits, as .edgerc files hold them beside their client secret.",
            AkamaiEdgeGridToken, ["akab-"], "delete the API client's credential in Akamai Control Center (Identity & access > API clients) and create a new one"),
        new("SG1157", "YandexIamToken", "Yandex Cloud IAM token", "Yandex Cloud IAM tokens: t1., a payload, . and 86 characters.",
            YandexIamToken, ["t1."], "IAM tokens expire within 12 hours; revoke the key or the account they were issued for in the Yandex Cloud console"),
        new("SG1160", "ScalewaySecretKey", "Scaleway API secret key", "Scaleway API keys: an access key (SCW and 17 capitals and digits) with its secret key (a UUID) on the same line or in the SCW_SECRET_KEY setting.",
            ScalewaySecretKey, ["scw"], "delete the API key in the Scaleway console (IAM > API keys) and create a new one")
        { IgnoreCase = true, KeywordStartsToken = false },
        new("SG1256", "EntraRefreshToken", "Microsoft Entra ID refresh token", "Microsoft identity platform (Entra ID) refresh tokens: 0.A or 1.A, a base64url part, then .AgAB and more parts separated by dots.",
            EntraRefreshToken, [".AgAB"], "revoke the user's or the app's sessions in Entra ID (Revoke-MgUserSignInSession, or disable the app's sign-in) so the refresh token stops working")
        { KeywordStartsToken = false },
        new("SG1257", "AzureContainerRegistryPassword", "Azure Container Registry admin password", "Azure Container Registry admin passwords and tokens: 52 base64 characters carrying the +ACR signature, ten characters from the end.",
            AzureContainerRegistryPassword, ["+ACR"], "regenerate the registry's admin password (az acr credential renew) or delete the token, and prefer Entra ID identities")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(0, 42)), KeywordStartsToken = false },
        new("SG1258", "CloudflareScannableToken", "Cloudflare API token or key (scannable)", "Cloudflare's scannable credentials: user API tokens (cfut_), account API tokens (cfat_) and global API keys (cfk_), then 40 characters and a checksum: 48 letters and digits in all after the prefix.",
            CloudflareScannableToken, ["cfut_", "cfat_", "cfk_"], "roll the token in the Cloudflare dashboard (My Profile or Manage Account > API Tokens), or change the global API key")
        { Formats = ["Cloudflare user API token (cfut_)", "Cloudflare account API token (cfat_)", "Cloudflare global API key (cfk_)"], Validate = v => MixesCaseAndDigits(v.AsSpan(v.IndexOf('_') + 1)) },
    ];

    [GeneratedRegex(@"(?<![A-Z0-9])(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Za-z0-9])", Options, TimeoutMs)]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"(?i:aws_?secret_?(?:access_?)?key|secret_?access_?key)[""']?\s*[:=]\s*[""']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])", Options, TimeoutMs)]
    private static partial Regex AwsSecretAccessKey();

    // In a connection string (Key=value), or beside a name or option that says it is a storage account's key
    // (account_key, AZURE_STORAGE_KEY, "AccountKey": …, --account-key, -storagekey), where only the 88-character key counts.
    [GeneratedRegex(@"(?:(?i:AccountKey|SharedAccessKey)\s*=\s*(?<secret>[A-Za-z0-9+/]{86}==|[A-Za-z0-9+/]{43}=)|(?i:account[_-]?key|storage[_-]?(?:account[_-]?)?key)[""']?[ \t]*(?:[:=][ \t]*)?[""']?(?<secret>[A-Za-z0-9+/]{86}==))(?![A-Za-z0-9+/=])", Options, TimeoutMs)]
    private static partial Regex AzureStorageKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])|(?<![A-Za-z0-9_.-])(?<secret>AQ\.A[0-9A-Za-z_-]{40,90})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex GoogleApiKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>do[opr]_v1_[a-f0-9]{64})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex DigitalOceanToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_~.-])(?<secret>[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])", Options, TimeoutMs)]
    private static partial Regex AzureAdClientSecret();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<secret>LTAI[A-Za-z0-9]{12,20})(?![A-Za-z0-9])", Options, TimeoutMs)]
    private static partial Regex AlibabaAccessKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>(?:dapi[a-h0-9]{32}(?:-[0-9]+)?|dose[a-h0-9]{32}))(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex DatabricksToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>HRKU-AA[0-9A-Za-z_-]{58})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex HerokuKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>sbp_[a-z0-9]{40})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex SupabaseToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>nfp_[A-Za-z0-9_]{36})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex NetlifyToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>rnd_[A-Za-z0-9]{32})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex RenderKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex FirebaseServerKey();

    [GeneratedRegex(@"[?&]sv=[0-9]{4}-[0-9]{2}-[0-9]{2}[^\s""'<>]{0,400}?[?&]sig=(?<secret>[A-Za-z0-9%+/]{40,100}(?:%3D|%3d|=){0,2})", Options, TimeoutMs)]
    private static partial Regex AzureSasToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])(?<secret>v1\.0-[a-f0-9]{24}-[a-f0-9]{146})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex CloudflareOriginCaKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>fo1_[A-Za-z0-9_\-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,}={0,3}|fm2_[A-Za-z0-9+/]{100,}={0,3})(?![A-Za-z0-9_+/=\-])", Options, TimeoutMs)]
    private static partial Regex FlyIoToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>sha256~[A-Za-z0-9_\-]{43})(?![A-Za-z0-9_\-])", Options, TimeoutMs)]
    private static partial Regex OpenShiftToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_=.\-]{32,64})(?![A-Za-z0-9_=.\-])", Options, TimeoutMs)]
    private static partial Regex PlanetScaleToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>tk-us-[A-Za-z0-9_\-]{48})(?![A-Za-z0-9_\-])", Options, TimeoutMs)]
    private static partial Regex ScalingoToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>tskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{6,}-[A-Za-z0-9]{16,})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex TailscaleKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>4b1d[A-Za-z0-9]{38})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex ClickHouseSecret();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>AQVN[A-Za-z0-9_\-]{35,38})(?![A-Za-z0-9_\-])", Options, TimeoutMs)]
    private static partial Regex YandexApiKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>GOCSPX-[A-Za-z0-9_-]{28})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex GoogleOAuthClientSecret();

    [GeneratedRegex(@"(?<![A-Za-z0-9_+/-])(?<secret>ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{60,300}={0,2}|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/]{60,4000}={0,2})(?![A-Za-z0-9+/=])", Options, TimeoutMs)]
    private static partial Regex AmazonBedrockApiKey();

    [GeneratedRegex(@"(?<secret>https://[A-Za-z0-9.-]+\.(?:environment\.api\.powerplatform\.com|logic\.azure\.com)(?::443)?(?:/[A-Za-z0-9._-]{1,40}){0,6}/workflows/[0-9a-f]{32}/triggers/[A-Za-z0-9_.-]+/paths/invoke/?\?[A-Za-z0-9%&=._~+-]{0,300}?(?<=[?&])sig=[A-Za-z0-9_%-]{40,})", Options, TimeoutMs)]
    private static partial Regex WorkflowTriggerUrl();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>dd[pw]_[A-Za-z0-9]{36})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex DenoDeployToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>dnkey-[A-Za-z0-9=_-]{26}-[A-Za-z0-9=_-]{52})(?![A-Za-z0-9=_-])", Options, TimeoutMs)]
    private static partial Regex DefinedNetworkingToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>napi_[a-z0-9]{64})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex NeonApiKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>sb_secret_[A-Za-z0-9_-]{24,64})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex SupabaseSecretKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>AKID[A-Za-z0-9]{32})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex TencentCloudSecretId();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>akab-[a-z0-9]{16}-[a-z0-9]{16})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex AkamaiEdgeGridToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?<secret>t1\.[A-Za-z0-9_-]{8,300}={0,2}\.[A-Za-z0-9_-]{86}={0,2})(?![A-Za-z0-9_=-])", Options, TimeoutMs)]
    private static partial Regex YandexIamToken();

    [GeneratedRegex(@"(?i:SCW_SECRET_KEY)[""']?[ \t]{0,3}(?:=|:)[ \t]{0,3}[""']?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])|(?<![A-Za-z0-9_])SCW[A-Z0-9]{17}[""']?[ \t]{0,3}[:,;= \t][ \t]{0,3}[""']?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex ScalewaySecretKey();

    // 0.A/1.A, the client and tenant part, then .AgAB (the token's version and flags) and the encrypted rest.
    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])(?<secret>[01]\.A[A-Za-z0-9_-]{20,600}\.AgAB[A-Za-z0-9_-]{20,}(?:\.[A-Za-z0-9_-]{2,})*)(?![A-Za-z0-9_.-])", Options, TimeoutMs)]
    private static partial Regex EntraRefreshToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9+/_-])(?<secret>[A-Za-z0-9+/]{42}\+ACR[A-D][A-Za-z0-9+/]{5})(?![A-Za-z0-9+/=_-])", Options, TimeoutMs)]
    private static partial Regex AzureContainerRegistryPassword();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>cf(?:ut|at|k)_[A-Za-z0-9]{48})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex CloudflareScannableToken();
}
