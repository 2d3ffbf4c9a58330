using System.Text;
using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Catalogue;

/// <summary>
/// The catalogue of credential formats that a pattern and its keywords identify: one entry each, a
/// source-generated regex beside it. Rules that need structure (key stores, kubeconfig, key rings, a
/// service's name nearby) are code in Rules/ and <see cref="ContextFormats"/>. Ids are never reused.
/// </summary>
internal static partial class TokenFormats
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private const int TimeoutMs = 2000;

    public static IReadOnlyList<TokenFormat> All { get; } =
    [
        new("SG1119", "SlackConfigurationToken", "Slack configuration token", "Slack app configuration access tokens (xoxe.xoxb-/xoxe.xoxp- and about 165 letters and digits) and their refresh tokens (xoxe- and 146).",
            SlackConfiguration(), ["xoxe"], "revoke the configuration token in the Slack API's app configuration tokens page (it also revokes its refresh token) and generate a new one")
        { Formats = ["Slack configuration access token", "Slack configuration refresh token"] },
        new("SG1120", "HuggingFaceOrganizationToken", "Hugging Face organization API token", "Hugging Face organization API tokens: api_org_ and 34 letters of mixed case.",
            HuggingFaceOrganization(), ["_org_"], "invalidate it in the organization's Hugging Face settings (API tokens)")
        { Validate = v => MixedCase(v.AsSpan(8)), KeywordStartsToken = false },
        new("SG1121", "AmazonBedrockApiKey", "Amazon Bedrock API key", "Amazon Bedrock API keys: long-term keys (ABSK and the base64 of \"BedrockAPIKey-…:…\", decoded and checked) and short-term keys (bedrock-api-key- and the base64 of a presigned bedrock.amazonaws.com URL).",
            AmazonBedrock(), ["QmVkcm9ja0FQSUtleS", "y-YmVkcm9jay5hbWF6b25hd3MuY29t"], "delete the long-term key in the IAM console (the service-specific credential of its IAM user) and create a new one; a short-term key expires on its own, but revoke the session that made it")
        { Formats = ["Amazon Bedrock long-term API key", "Amazon Bedrock short-term API key"], Validate = IsBedrockKey, KeywordStartsToken = false },
        new("SG1122", "SourcegraphAccessToken", "Sourcegraph access token", "Sourcegraph access tokens: sgp_, an optional instance id (16 hex digits, or local) and 40 hex digits.",
            Sourcegraph(), ["sgp_"], "delete it in Sourcegraph (Settings > Access tokens) and create a new one"),
        new("SG1123", "WorkflowTriggerUrl", "Power Automate or Logic Apps trigger URL", "HTTP trigger URLs of Power Automate flows (…environment.api.powerplatform.com…/triggers/manual/paths/invoke?…sig=…), of Azure Logic Apps (…logic.azure.com…/workflows/…/triggers/…sig=…) and the Teams workflow webhooks built on them: the sig parameter lets anyone run the flow.",
            WorkflowTrigger(), ["rplatform.com", ".azure.com"], "regenerate the trigger's access keys (Logic Apps: Access keys > Regenerate; Power Automate: recreate the trigger or the Teams workflow), then update the callers")
        { Formats = ["Power Automate workflow trigger URL", "Azure Logic Apps trigger URL"], KeywordStartsToken = false },
        new("SG1124", "TeamsLegacyWebhook", "Microsoft Teams legacy incoming webhook", "Microsoft Teams incoming webhooks of the older outlook.office.com/webhook/ and outlook.office365.com/webhook/ shape.",
            TeamsLegacyWebhook(), ["bhook/"], "remove the incoming webhook connector from the channel and add a new one (or move to a Workflows webhook)")
        { KeywordStartsToken = false },
        new("SG1125", "NewRelicIngestKey", "New Relic license or browser key", "New Relic ingest license keys (40 characters ending in NRAL, the current ones in FFFFNRAL; eu01xx… in the EU region), browser keys (NRJS- and 19 hex digits) and mobile app tokens (AA, 40 hex digits and -NRMA).",
            NewRelicIngest(), ["NRAL", "NRJS-", "-NRMA"], "delete the key in New Relic (API keys) and create a new one, then update the agents")
        { Formats = ["New Relic license key", "New Relic browser key", "New Relic mobile app token"], KeywordStartsToken = false },
        new("SG1126", "LaunchDarklyKey", "LaunchDarkly API token or SDK key", "LaunchDarkly API access tokens (api- and a version-4 UUID) and server-side SDK keys (sdk- and a version-4 UUID).",
            LaunchDarkly(), ["pi-", "sdk-"], "reset it in LaunchDarkly (Account settings > Authorization for API tokens; the environment's SDK key for SDK keys)")
        { Formats = ["LaunchDarkly API access token", "LaunchDarkly server-side SDK key"], AtKeyword = (t, i) => t.Length - i > 12 && t[i + (t[i] == 'p' ? 3 : 4) + 8] == '-' },
        new("SG1127", "PubNubKey", "PubNub secret or publish key", "PubNub secret keys (sec-c- and 48 base64 characters that decode to a UUID) and publish keys (pub-c- and a UUID).",
            PubNub(), ["c-c-", "b-c-"], "regenerate the keyset's keys in the PubNub admin portal")
        { Formats = ["PubNub secret key", "PubNub publish key"], Validate = v => !v.StartsWith("sec-c-", StringComparison.Ordinal) || IsBase64OfUuid(v.AsSpan(6)), KeywordStartsToken = false },
        new("SG1128", "PineconeApiKey", "Pinecone API key", "Pinecone API keys: pcsk_, a short key id, _ and 50 to 80 letters and digits.",
            Pinecone(), ["csk_"], "delete the key in the Pinecone console (API keys) and create a new one")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(5)), KeywordStartsToken = false },
        new("SG1129", "DenoDeployToken", "Deno Deploy token", "Deno Deploy personal (ddp_) and organization (ddw_) access tokens: 36 letters and digits.",
            DenoDeploy(), ["ddp_", "ddw_"], "delete the token in the Deno Deploy dashboard (Account settings > Access tokens) and create a new one")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(4)) },
        new("SG1130", "CircleCiToken", "CircleCI API token", "CircleCI personal (CCIPAT_) and project (CCIPRJ_) API tokens: 22 letters and digits, _ and 40 hex digits.",
            CircleCi(), ["CCIPAT_", "CCIPRJ_"], "delete the token in CircleCI (User settings or Project settings > API tokens) and create a new one")
        { Formats = ["CircleCI personal API token", "CircleCI project API token"] },
        new("SG1131", "SalesforceToken", "Salesforce access or refresh token", "Salesforce session access tokens (a 15- or 18-character org id 00D…, ! and 80 or more characters) and OAuth refresh tokens (5Aep861 and 70 to 90 more, the older ones ending in ==).",
            Salesforce(), ["00D", "5Aep861"], "revoke it in Salesforce (Setup > Connected Apps OAuth Usage, or the user's session management) and reset the connected app's consumer secret if it was issued with it")
        { Formats = ["Salesforce access token", "Salesforce refresh token"], AtKeyword = (t, i) => (i == 0 || !TokenShape.IsWordChar(t[i - 1])) && (t[i] == '5' || t.AsSpan(i, Math.Min(20, t.Length - i)).Contains('!')), Validate = v => MixesCaseAndDigits(v.AsSpan(v.IndexOf('!') + 1)) },
        new("SG1132", "ZapierWebhook", "Zapier webhook URL", "Zapier catch hooks: https://hooks.zapier.com/hooks/catch/<account>/<hook>/, which anyone can use to start the Zap.",
            ZapierWebhook(), [".zapier.com/hooks/catch/"], "turn off the Zap and recreate its Webhooks by Zapier trigger (a new URL), then update the callers")
        { KeywordStartsToken = false },
        new("SG1133", "OnePasswordSecretKey", "1Password account secret key", "1Password account secret keys: A3-, then groups of capitals and digits (A3-XXXXXX-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXX).",
            OnePasswordSecretKey(), ["A3-"], "regenerate the Secret Key in the 1Password account (My Profile > Regenerate Secret Key) and change the account password")
        { Validate = v => v.Skip(3).Any(char.IsAsciiDigit) && v.Skip(3).Any(char.IsAsciiLetter) },
        new("SG1134", "AuthressAccessKey", "Authress service client access key", "Authress service client access keys: sc_/ext_/scauth_/authress_, a client id, a key id, acc_ or acc- and the account, then the key.",
            Authress(), [".acc_", ".acc-"], "delete the access key of the service client in Authress and create a new one")
        { KeywordStartsToken = false },
        new("SG1135", "DefinedNetworkingToken", "Defined Networking API token", "Defined Networking (Nebula) API tokens: dnkey-, 26 characters, - and 52.",
            DefinedNetworking(), ["dnkey-"], "delete the API key in the Defined Networking admin panel and create a new one"),
        new("SG1136", "GitLabSessionCookie", "GitLab session cookie", "GitLab session cookies: _gitlab_session= and 32 letters and digits.",
            GitLabSession(), ["_gitlab_session="], "sign the session out in GitLab (Profile > Active sessions > Revoke)")
        { Validate = v => v.Any(char.IsAsciiDigit) && v.Any(char.IsAsciiLetter) },
        new("SG1137", "GrafanaApiKey", "Grafana API key", "Grafana API keys of the older kind: eyJrIjoi (base64 of {\"k\":\") and 70 to 400 more, decoded and checked.",
            GrafanaApiKey(), ["eyJrIjoi"], "delete the API key in Grafana (Administration > API keys) and use a service account token instead")
        { Validate = IsGrafanaApiKey },
        new("SG1138", "ClickUpToken", "ClickUp personal API token", "ClickUp personal API tokens: pk_, the user id, _ and 32 capitals and digits.",
            ClickUp(), ["pk_"], "regenerate the token in ClickUp (Settings > Apps > API token)")
        { Validate = v => MixesLettersAndDigits(v.AsSpan(v.LastIndexOf('_') + 1)) },
        new("SG1139", "LangfuseSecretKey", "Langfuse secret key", "Langfuse project secret keys: sk-lf- and a UUID.",
            Langfuse(), ["sk-lf-"], "delete the API key pair in the Langfuse project settings and create a new one"),
        new("SG1140", "OpenRouterKey", "OpenRouter API key", "OpenRouter API keys: sk-or-v1- and 64 hex digits.",
            OpenRouter(), ["sk-or-v1-"], "delete the key in OpenRouter (Settings > Keys) and create a new one"),
        new("SG1141", "PostHogPersonalKey", "PostHog personal API key", "PostHog personal API keys: phx_ and 43 letters and digits (phc_ project keys are public and not flagged).",
            PostHog(), ["phx_"], "roll or delete the key in PostHog (Settings > Personal API keys)")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(4)) },
        new("SG1142", "NeonApiKey", "Neon API key", "Neon API keys: napi_ and 64 small letters and digits.",
            Neon(), ["napi_"], "revoke the key in the Neon console (Account settings > API keys) and create a new one")
        { Validate = v => MixesLettersAndDigits(v.AsSpan(5)) },
        new("SG1143", "SupabaseSecretKey", "Supabase secret API key", "Supabase secret API keys: sb_secret_ and 24 to 64 characters (sb_publishable_ keys are public and not flagged).",
            SupabaseSecret(), ["sb_secret_"], "delete the secret key in the Supabase dashboard (Project settings > API keys) and create a new one")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(10)) },
        new("SG1144", "XenditKey", "Xendit live secret key", "Xendit live secret keys: xnd_production_ and 40 to 100 letters and digits (older keys are base64, with + / and = padding; xnd_development_ keys are test keys and not flagged).",
            Xendit(), ["xnd_production_"], "roll the key in the Xendit dashboard (Settings > API keys)"),
        new("SG1145", "MidtransServerKey", "Midtrans server key", "Midtrans production server keys: Mid-server- and 24 characters (SB-Mid-server- sandbox keys are not flagged).",
            Midtrans(), ["Mid-server-"], "regenerate the server key in the Midtrans dashboard (Settings > Access keys)"),
        new("SG1146", "PlaidAccessToken", "Plaid production access token", "Plaid production access tokens: access-production- and a UUID (sandbox tokens are not flagged).",
            Plaid(), ["ss-production-"], "remove the Item (/item/remove) or rotate the access token (/item/access_token/invalidate) through the Plaid API")
        { KeywordStartsToken = false },
        new("SG1147", "HubSpotPrivateAppToken", "HubSpot private app token", "HubSpot private app and personal access tokens: pat-, the region (na1, eu1, ap1, …) and a UUID.",
            HubSpot(), ["at-na", "at-eu", "at-ap"], "rotate the token in HubSpot (Settings > Integrations > Private apps > Auth > Rotate)")
        { KeywordStartsToken = false },
        new("SG1149", "TencentCloudSecretId", "Tencent Cloud SecretId", "Tencent Cloud API key SecretIds: AKID and 32 letters and digits (its SecretKey is usually beside it).",
            Tencent(), ["AKID"], "disable and delete the API key in the Tencent Cloud CAM console (API keys) and create a new one")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(4)) },
        new("SG1150", "AkamaiEdgeGridToken", "Akamai EdgeGrid token", "Akamai EdgeGrid client and access tokens: akab-, 16 and 16 small letters and digits, as .edgerc files hold them beside their client secret.",
            Akamai(), ["akab-"], "delete the API client's credential in Akamai Control Center (Identity & access > API clients) and create a new one"),
        new("SG1151", "ApifyToken", "Apify API token", "Apify API tokens: apify_api_ and 36 letters and digits.",
            Apify(), ["pify_api_"], "reset the token in the Apify console (Settings > Integrations)")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(10)), KeywordStartsToken = false },
        new("SG1152", "RootlyApiKey", "Rootly API key", "Rootly API keys: rootly_ and 64 hex digits.",
            Rootly(), ["otly_"], "revoke the key in Rootly (Organization settings > API keys) and create a new one")
        { KeywordStartsToken = false },
        new("SG1153", "VoiceflowApiKey", "Voiceflow API key", "Voiceflow API keys: VF., an optional DM. or WS., 24 hex digits, . and 16 letters and digits.",
            Voiceflow(), ["VF."], "regenerate the agent's API key in Voiceflow (Agent settings > API keys)"),
        new("SG1154", "NightfallApiKey", "Nightfall API key", "Nightfall API keys: NF- and 32 letters and digits.",
            Nightfall(), ["NF-"], "delete the key in the Nightfall dashboard and create a new one")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(3)) },
        new("SG1155", "MailerSendToken", "MailerSend API token", "MailerSend API tokens: mlsn. and 64 hex digits.",
            MailerSend(), ["lsn."], "delete the token in MailerSend (Integrations > API tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1156", "ElevenLabsApiKey", "ElevenLabs API key", "ElevenLabs API keys: sk_ and 48 hex digits.",
            ElevenLabs(), ["sk_"], "delete the key in ElevenLabs (Profile > API keys) and create a new one")
        { Validate = v => MixesLettersAndDigits(v.AsSpan(3)) },
        new("SG1157", "YandexIamToken", "Yandex Cloud IAM token", "Yandex Cloud IAM tokens: t1., a payload, . and 86 characters.",
            YandexIam(), ["t1."], "IAM tokens expire within 12 hours; revoke the key or the account they were issued for in the Yandex Cloud console"),
        new("SG1158", "SidekiqCredential", "Sidekiq Pro/Enterprise credential", "Sidekiq Pro and Enterprise gem server credentials (8 hex digits:8 hex digits) in BUNDLE_GEMS__CONTRIBSYS__COM / BUNDLE_ENTERPRISE__CONTRIBSYS__COM or in a gems.contribsys.com URL.",
            Sidekiq(), ["ribsys"], "ask Contributed Systems to rotate the license credentials, then update the Bundler configuration")
        { IgnoreCase = true, KeywordStartsToken = false },
        new("SG1159", "SendinblueSmtpKey", "Brevo SMTP key", "Brevo (Sendinblue) SMTP keys: xsmtpsib- and 64 hex digits, - and 16 letters and digits.",
            BrevoSmtp(), ["xsmtpsib-"], "delete the SMTP key in Brevo (SMTP & API > SMTP) and create a new one"),
        new("SG1160", "ScalewaySecretKey", "Scaleway API secret key", "Scaleway API keys: an access key (SCW and 17 capitals and digits) with its secret key (a UUID) on the same line or in the SCW_SECRET_KEY setting.",
            Scaleway(), ["scw"], "delete the API key in the Scaleway console (IAM > API keys) and create a new one")
        { IgnoreCase = true, KeywordStartsToken = false },
        new("SG1161", "AzureDevOpsPat", "Azure DevOps personal access token (legacy)", "Azure DevOps personal access tokens of the older kind (52 small letters and digits) in a URL's user info or an AZURE_DEVOPS_EXT_PAT / SYSTEM_ACCESSTOKEN setting.",
            AzureDevOpsLegacy(), ["AZURE_DEVOPS_EXT_PAT", "AZDO_PERSONAL_ACCESS_TOKEN", "@dev.azure.com"], "revoke the token in Azure DevOps (User settings > Personal access tokens) and create a new one")
        { IgnoreCase = true, Validate = v => MixesLettersAndDigits(v), KeywordStartsToken = false },

        // Established formats, moved here from classes of their own (ids, patterns, keywords and texts unchanged).
        new("SG1021", "DockerHubToken", "Docker Hub access token", "Docker Hub personal and organization access tokens (dckr_pat_, dckr_oat_).",
            DockerHubTokenPattern(), ["dckr_pat_", "dckr_oat_"], "delete it in Docker Hub (Account settings, Personal access tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1025", "PostmanKey", "Postman API key", "Postman API keys: PMAK-, 24 hex digits, a dash, 34 hex digits.",
            PostmanKeyPattern(), ["PMAK-"], "delete it in Postman (Settings, API keys) and generate a new one")
        { KeywordStartsToken = false },
        new("SG1032", "LinearKey", "Linear API key", "Linear personal API keys (lin_api_ and 40 characters).",
            LinearKeyPattern(), ["lin_api_"], "revoke it in Linear (Settings, API) and create a new one")
        { KeywordStartsToken = false },
        new("SG1033", "DopplerToken", "Doppler token", "Doppler personal, service, service account, CLI, SCIM and audit tokens (dp.pt., dp.st., …).",
            DopplerTokenPattern(), ["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."], "revoke it in Doppler (tokens of the project or workplace) and create a new one")
        { KeywordStartsToken = false },
        new("SG1037", "DatabricksToken", "Databricks access token", "Databricks personal access tokens (dapi and 32 hex digits).",
            DatabricksTokenPattern(), ["dapi"], "revoke it in Databricks (User settings, Access tokens) and generate a new one")
        { KeywordStartsToken = false },
        new("SG1040", "PulumiToken", "Pulumi access token", "Pulumi access tokens (pul- and 40 hex digits).",
            PulumiTokenPattern(), ["pul-"], "delete it in Pulumi Cloud (Access tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1041", "DynatraceToken", "Dynatrace API token", "Dynatrace API tokens (dt0c01., a 24-character id and a 64-character secret).",
            DynatraceTokenPattern(), ["dt0"], "revoke it in Dynatrace (Access tokens) and generate a new one")
        { KeywordStartsToken = false },
        new("SG1043", "HerokuKey", "Heroku API key", "Heroku API keys of the current format (HRKU-AA and 58 characters).",
            HerokuKeyPattern(), ["HRKU-AA"], "revoke it with heroku authorizations:revoke and create a new one")
        { KeywordStartsToken = false },
        new("SG1044", "ShippoToken", "Shippo live API token", "Shippo live API tokens (test tokens are not flagged).",
            ShippoTokenPattern(), ["shippo_live_"], "regenerate it in the Shippo dashboard (API)")
        { KeywordStartsToken = false },
        new("SG1045", "BuildkiteToken", "Buildkite API access token", "Buildkite user API access tokens (bkua_ and 40 hex digits).",
            BuildkiteTokenPattern(), ["bkua_"], "revoke it in Buildkite (Personal settings, API access tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1046", "PrefectKey", "Prefect API key", "Prefect Cloud API keys (pnu_ and 36 characters).",
            PrefectKeyPattern(), ["pnu_"], "delete it in Prefect Cloud (API keys) and create a new one")
        { KeywordStartsToken = false },
        new("SG1048", "SupabaseToken", "Supabase access token", "Supabase personal access tokens (sbp_ and 40 hex digits).",
            SupabaseTokenPattern(), ["sbp_"], "revoke it in Supabase (Account, Access tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1049", "NetlifyToken", "Netlify access token", "Netlify personal access tokens (nfp_ and 36 characters).",
            NetlifyTokenPattern(), ["nfp_"], "revoke it in Netlify (User settings, Applications) and create a new one")
        { KeywordStartsToken = false },
        new("SG1050", "RenderKey", "Render API key", "Render API keys (rnd_ and 32 characters).",
            RenderKeyPattern(), ["rnd_"], "revoke it in Render (Account settings, API keys) and create a new one")
        { KeywordStartsToken = false },
        new("SG1051", "RubyGemsKey", "RubyGems API key", "RubyGems.org API keys (rubygems_ and 48 hex digits).",
            RubyGemsKeyPattern(), ["rubygems_"], "remove it in RubyGems.org (Settings, API keys) and create a new one")
        { KeywordStartsToken = false },
        new("SG1065", "ClojarsToken", "Clojars deploy token", "Clojars deploy tokens (CLOJARS_ and 60 characters).",
            ClojarsTokenPattern(), ["CLOJARS_"], "delete it in Clojars (Dashboard, Deploy tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1067", "DuffelToken", "Duffel live access token", "Duffel live access tokens (duffel_live_ and 43 characters); test tokens are not reported.",
            DuffelTokenPattern(), ["duffel_live_"], "revoke it in the Duffel dashboard (Developers, Access tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1068", "EasyPostKey", "EasyPost production API key", "EasyPost production API keys (EZAK and 54 characters); test keys (EZTK) are not reported.",
            EasyPostKeyPattern(), ["EZAK"], "delete it in EasyPost (Account settings, API keys) and create a new one")
        { KeywordStartsToken = false },
        new("SG1072", "FrameIoToken", "Frame.io developer token", "Frame.io developer tokens (fio-u- and 64 characters).",
            FrameIoTokenPattern(), ["fio-u-"], "delete it in the Frame.io developer site (Tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1075", "Intra42Secret", "42 Intra client secret", "42 school Intra API client secrets (s-s4t2ud- or s-s4t2af- and 64 hex digits).",
            Intra42SecretPattern(), ["s-s4t2"], "replace the secret of the application in the 42 Intra (API, your application)")
        { KeywordStartsToken = false },
        new("SG1078", "OpenShiftToken", "OpenShift access token", "OpenShift OAuth access tokens (sha256~ and 43 characters).",
            OpenShiftTokenPattern(), ["sha256~"], "delete the token with 'oc delete oauthaccesstoken' and log in again")
        { KeywordStartsToken = false },
        new("SG1079", "PerplexityKey", "Perplexity API key", "Perplexity API keys (pplx- and 48 characters).",
            PerplexityKeyPattern(), ["pplx-"], "delete it in Perplexity (Settings, API) and create a new one")
        { KeywordStartsToken = false },
        new("SG1081", "ReadMeKey", "ReadMe API key", "ReadMe API keys (rdme_ and 70 characters).",
            ReadMeKeyPattern(), ["rdme_"], "delete it in ReadMe (Project settings, API keys) and create a new one")
        { KeywordStartsToken = false },
        new("SG1082", "ScalingoToken", "Scalingo API token", "Scalingo API tokens (tk-us- and 48 characters).",
            ScalingoTokenPattern(), ["tk-us-"], "delete it in the Scalingo dashboard (User settings, API tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1083", "BrevoKey", "Brevo (Sendinblue) API key", "Brevo (formerly Sendinblue) API keys (xkeysib-, 64 hex digits and 16 characters).",
            BrevoKeyPattern(), ["xkeysib-"], "delete it in Brevo (SMTP and API, API keys) and create a new one")
        { KeywordStartsToken = false },
        new("SG1086", "TypeformToken", "Typeform personal access token", "Typeform personal access tokens (tfp_ and 59 characters).",
            TypeformTokenPattern(), ["tfp_"], "delete it in Typeform (Account, Personal tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1087", "GroqKey", "Groq API key", "Groq API keys (gsk_ and 52 characters).",
            GroqKeyPattern(), ["gsk_"], "delete it in the Groq console (API keys) and create a new one")
        { KeywordStartsToken = false },
        new("SG1088", "XaiKey", "xAI API key", "xAI (Grok) API keys (xai- and 80 characters).",
            XaiKeyPattern(), ["xai-"], "delete it in the xAI console (API keys) and create a new one")
        { KeywordStartsToken = false },
        new("SG1092", "FigmaToken", "Figma personal access token", "Figma personal access tokens (figd_ and 40 characters).",
            FigmaTokenPattern(), ["figd_"], "revoke it in Figma (Settings, Security, Personal access tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1093", "ContentfulToken", "Contentful personal access token", "Contentful content management personal access tokens (CFPAT- and 43 characters).",
            ContentfulTokenPattern(), ["CFPAT-"], "revoke it in Contentful (Account settings, Tokens) and create a new one")
        { KeywordStartsToken = false },
        .. RecallFormats,
    ];

    // Token prefixes before, and characters of the token after, must not continue a longer word.
    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])(?<secret>xoxe\.xox[bp]-\d-[A-Za-z0-9]{163,166}|xoxe-\d-[A-Za-z0-9]{146})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex SlackConfiguration();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>api_org_[A-Za-z]{34})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex HuggingFaceOrganization();

    [GeneratedRegex(@"(?<![A-Za-z0-9_+/-])(?<secret>ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{60,300}={0,2}|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/]{60,4000}={0,2})(?![A-Za-z0-9+/=])", Options, TimeoutMs)]
    private static partial Regex AmazonBedrock();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex Sourcegraph();

    [GeneratedRegex(@"(?<secret>https://[A-Za-z0-9.-]+\.(?:environment\.api\.powerplatform\.com|logic\.azure\.com)(?::443)?(?:/[A-Za-z0-9._-]{1,40}){0,6}/workflows/[0-9a-f]{32}/triggers/[A-Za-z0-9_.-]+/paths/invoke/?\?[A-Za-z0-9%&=._~+-]{0,300}?(?<=[?&])sig=[A-Za-z0-9_%-]{40,})", Options, TimeoutMs)]
    private static partial Regex WorkflowTrigger();

    [GeneratedRegex(@"(?<secret>https://outlook\.office(?:365)?\.com/webhook/[0-9a-f-]{36}@[0-9a-f-]{36}/IncomingWebhook/[0-9a-f]{32}/[0-9a-f-]{36})", Options, TimeoutMs)]
    private static partial Regex TeamsLegacyWebhook();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>(?:eu01xx[a-f0-9]{26}|[a-f0-9]{32})(?:[a-f0-9]{4}|FFFF)NRAL|NRJS-[a-f0-9]{19}|AA[a-f0-9]{40}-NRMA)(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex NewRelicIngest();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])(?<secret>(?:api|sdk)-[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex LaunchDarkly();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>sec-c-[A-Za-z0-9+/]{48}|pub-c-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})(?![A-Za-z0-9_+/=-])", Options, TimeoutMs)]
    private static partial Regex PubNub();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>pcsk_[A-Za-z0-9]{4,10}_[A-Za-z0-9]{50,80})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex Pinecone();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>dd[pw]_[A-Za-z0-9]{36})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex DenoDeploy();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>CCIP(?:AT|RJ)_[A-Za-z0-9]{22}_[a-f0-9]{40})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex CircleCi();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.!])(?<secret>00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?![A-Za-z0-9_.]{80,140}|5Aep861[A-Za-z0-9._]{70,90}={0,2})(?![A-Za-z0-9_.!=])", Options, TimeoutMs)]
    private static partial Regex Salesforce();

    [GeneratedRegex(@"(?<secret>https://hooks\.zapier\.com/hooks/catch/[0-9]{4,12}/[A-Za-z0-9]{5,12}/?)(?![A-Za-z0-9])", Options, TimeoutMs)]
    private static partial Regex ZapierWebhook();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex OnePasswordSecretKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>(?:sc|ext|scauth|authress)_[A-Za-z0-9]{5,30}\.[A-Za-z0-9]{4,6}\.acc[_-][a-z0-9-]{10,32}\.[A-Za-z0-9+/_=-]{30,120})(?![A-Za-z0-9+/_=-])", Options, TimeoutMs)]
    private static partial Regex Authress();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>dnkey-[A-Za-z0-9=_-]{26}-[A-Za-z0-9=_-]{52})(?![A-Za-z0-9=_-])", Options, TimeoutMs)]
    private static partial Regex DefinedNetworking();

    [GeneratedRegex(@"_gitlab_session=(?<secret>[0-9a-z]{32})(?![A-Za-z0-9])", Options, TimeoutMs)]
    private static partial Regex GitLabSession();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>eyJrIjoi[A-Za-z0-9]{70,400}={0,3})(?![A-Za-z0-9_=])", Options, TimeoutMs)]
    private static partial Regex GrafanaApiKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>pk_[0-9]{6,10}_[A-Z0-9]{32})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex ClickUp();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex Langfuse();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>sk-or-v1-[a-f0-9]{64})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex OpenRouter();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>phx_[A-Za-z0-9]{43})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PostHog();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>napi_[a-z0-9]{64})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex Neon();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>sb_secret_[A-Za-z0-9_-]{24,64})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex SupabaseSecret();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>xnd_production_[A-Za-z0-9+/]{40,100}={0,2})(?![A-Za-z0-9_+/=])", Options, TimeoutMs)]
    private static partial Regex Xendit();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>Mid-server-[A-Za-z0-9_-]{24})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex Midtrans();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>access-production-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex Plaid();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>pat-(?:na|eu|ap)[0-9]-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex HubSpot();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>AKID[A-Za-z0-9]{32})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex Tencent();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>akab-[a-z0-9]{16}-[a-z0-9]{16})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex Akamai();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>apify_api_[A-Za-z0-9]{36})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex Apify();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>rootly_[a-f0-9]{64})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex Rootly();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?<secret>VF\.(?:(?:DM|WS)\.)?[a-fA-F0-9]{24}\.[A-Za-z0-9]{16})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex Voiceflow();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>NF-[A-Za-z0-9]{32})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex Nightfall();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?<secret>mlsn\.[a-f0-9]{64})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex MailerSend();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>sk_[a-f0-9]{48})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex ElevenLabs();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?<secret>t1\.[A-Za-z0-9_-]{8,300}={0,2}\.[A-Za-z0-9_-]{86}={0,2})(?![A-Za-z0-9_=-])", Options, TimeoutMs)]
    private static partial Regex YandexIam();

    [GeneratedRegex(@"(?i:BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM)[""']?[ \t]{0,3}(?:=|:)[ \t]{0,3}[""']?(?<secret>[a-f0-9]{8}:[a-f0-9]{8})(?![A-Za-z0-9])|https?://(?<secret>[a-f0-9]{8}:[a-f0-9]{8})@(?i:gems|enterprise)\.contribsys\.com", Options, TimeoutMs)]
    private static partial Regex Sidekiq();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>xsmtpsib-[a-f0-9]{64}-[A-Za-z0-9]{16})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex BrevoSmtp();

    [GeneratedRegex(@"(?i:SCW_SECRET_KEY)[""']?[ \t]{0,3}(?:=|:)[ \t]{0,3}[""']?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])|(?<![A-Za-z0-9_])SCW[A-Z0-9]{17}[""']?[ \t]{0,3}[:,;= \t][ \t]{0,3}[""']?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex Scaleway();

    [GeneratedRegex(@"(?i:AZURE_DEVOPS_EXT_PAT|AZDO_PERSONAL_ACCESS_TOKEN)[""']?[ \t]{0,3}(?:=|:)[ \t]{0,3}[""']?(?<secret>[a-z0-9]{52})(?![A-Za-z0-9_-])|https://[A-Za-z0-9_.-]{0,40}:(?<secret>[a-z0-9]{52})@dev\.azure\.com", Options, TimeoutMs)]
    private static partial Regex AzureDevOpsLegacy();

    private static bool MixedCase(ReadOnlySpan<char> body) =>
        body.ContainsAnyInRange('A', 'Z') && body.ContainsAnyInRange('a', 'z') && Entropy.BitsPerChar(body) >= 3.5;

    /// <summary>Capitals, small letters and digits all present, as random tokens of that alphabet have them.</summary>
    internal static bool MixesCaseAndDigits(ReadOnlySpan<char> body) =>
        body.ContainsAnyInRange('A', 'Z') && body.ContainsAnyInRange('a', 'z') && body.ContainsAnyInRange('0', '9');

    internal static bool MixesLettersAndDigits(ReadOnlySpan<char> body) =>
        (body.ContainsAnyInRange('A', 'Z') || body.ContainsAnyInRange('a', 'z')) && body.ContainsAnyInRange('0', '9');

    /// <summary>A long-term key's payload decodes to "BedrockAPIKey-…:…"; a short-term key's prefix already is the decoded service name.</summary>
    private static bool IsBedrockKey(string key)
    {
        if (!key.StartsWith("ABSK", StringComparison.Ordinal))
        {
            return true;
        }

        var decoded = DecodeBase64(key.AsSpan(4));
        return decoded is not null && decoded.StartsWith("BedrockAPIKey-", StringComparison.Ordinal) && decoded.Contains(':', StringComparison.Ordinal);
    }

    /// <summary>A PubNub secret key's body is the base64 of a UUID in its text form (36 characters).</summary>
    private static bool IsBase64OfUuid(ReadOnlySpan<char> body) =>
        DecodeBase64(body) is { Length: 36 } text && System.Guid.TryParseExact(text, "D", out _);

    /// <summary>The key decodes to {"k":"…","n":"…","id":…}.</summary>
    private static bool IsGrafanaApiKey(string key) =>
        DecodeBase64(key.AsSpan()) is { } json && json.StartsWith("{\"k\":\"", StringComparison.Ordinal) && json.Contains("\"n\":", StringComparison.Ordinal);

    private static string? DecodeBase64(ReadOnlySpan<char> text)
    {
        var trimmed = text.TrimEnd('=');
        var padded = trimmed.ToString().PadRight((trimmed.Length + 3) / 4 * 4, '=');
        var bytes = new byte[padded.Length / 4 * 3];
        return Convert.TryFromBase64String(padded, bytes, out var written) ? Encoding.Latin1.GetString(bytes, 0, written) : null;
    }
}
