using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Catalogue;

internal static partial class TokenFormats
{
    /// <summary>Source hosting, CI/CD, package registries and infrastructure tooling: GitHub, GitLab, Atlassian, npm, NuGet, PyPI, Docker Hub, CircleCI, HashiCorp, Doppler and the like.</summary>
    private static TokenFormat[] DeveloperTools =>
    [
        new("SG1004", "GitHubToken", "GitHub token", "GitHub token (classic, OAuth, app, refresh: CRC-32 checksum checked offline; fine-grained).",
            GitHubToken, ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"], "revoke it in GitHub's developer settings and create a new one")
        {
            Formats = ["personal access token, classic (ghp_)", "OAuth access token (gho_)", "user-to-server token (ghu_)", "server-to-server / app installation token (ghs_)", "refresh token (ghr_)", "fine-grained personal access token (github_pat_)"],
            Validate = IsGitHubToken,
            ChecksPlaceholders = false,
            KeywordStartsToken = false,
            Details = "GitHub tokens. Classic, OAuth, user-to-server, server-to-server and refresh tokens end in a base-62 CRC-32 of their body, checked here offline; fine-grained tokens have a fixed shape.",
            NotFlagged = "and keys vendors publish as documentation examples",
        },
        new("SG1012", "NpmToken", "npm access token", "npm access token (CRC-32 checksum checked offline).",
            NpmToken, ["npm_"], "revoke it on the npm website (Access Tokens) or with npm token revoke")
        {
            Validate = v => Checksums.HasValidCrc32Suffix(v.AsSpan("npm_".Length)),
            ChecksPlaceholders = false,
            KeywordStartsToken = false,
            Details = "npm access tokens: npm_ + 36 characters ending in a base-62 CRC-32 of the rest, checked offline.",
            NotFlagged = "and keys vendors publish as documentation examples",
        },
        new("SG1019", "NuGetApiKey", "NuGet API key", "NuGet API key.",
            NuGetApiKey, ["oy2"], "delete or regenerate it in the NuGet gallery's API keys page")
        {
            Validate = v => v.Skip(3).Any(char.IsAsciiDigit) && Entropy.BitsPerChar(v.AsSpan(3)) >= 4.0,
            ChecksPlaceholders = false,
            KeywordStartsToken = false,
            Details = "NuGet gallery API keys: oy2 + 43 lower-case letters and digits.",
            NotFlagged = "and keys vendors publish as documentation examples",
        },
        new("SG1020", "GitLabToken", "GitLab access token", "GitLab tokens of every kind that carries a prefix.",
            GitLabToken, ["glpat-", "gldt-", "glrt-", "glptt-", "glsoat-", "glffct-", "glft-", "glcbt-", "glimt-", "glagent-", "gloas-", "GR1348941"], "revoke it in GitLab (Access tokens, or the deploy or runner settings) and create a new one")
        {
            Formats = ["personal, project or group access token (glpat-)", "deploy token (gldt-)", "runner authentication token (glrt-)", "pipeline trigger token (glptt-)", "runner registration token (GR1348941)", "CI/CD job token (glcbt-)", "SCIM token (glsoat-)", "feed token (glft-)", "feature flag client token (glffct-)", "incoming mail token (glimt-)", "Kubernetes agent token (glagent-)", "OAuth application secret (gloas-)", "routable token (glpat-…, glrt-t1_…: payload, version, length and CRC-32)"],
            Describe = DescribeGitLabToken,
            KeywordStartsToken = false,
            Details = """
            GitLab's routable tokens (GitLab 17 and later, on GitLab.com since 2025) carry a base64url payload that
            names the cell, organization and user, then `.`, the token's version and `.` (`01.`, since April 2025),
            the payload's length in two base-36 digits and the CRC-32 of everything before it in seven:
            `glpat-<payload>.01.<2><7>`. SecretGuard recomputes the checksum offline; a routable-shaped value whose
            checksum does not hold was made up or damaged, and is reported as a warning.
            """,
        },
        new("SG1021", "DockerHubToken", "Docker Hub access token", "Docker Hub personal and organization access tokens (dckr_pat_, dckr_oat_).",
            DockerHubToken, ["dckr_pat_", "dckr_oat_"], "delete it in Docker Hub (Account settings, Personal access tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1022", "PyPiToken", "PyPI API token", "PyPI API tokens: pypi- followed by a macaroon whose first bytes name pypi.org.",
            PyPiToken, ["pypi-AgEIcHlwaS5vcmc"], "remove it in PyPI (Account settings, API tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1024", "HashiCorpToken", "HashiCorp Vault or Terraform Cloud token", "HashiCorp Vault service and batch tokens (hvs., hvb.) and Terraform Cloud/Enterprise API tokens (.atlasv1.).",
            HashiCorpToken, ["hvs.", "hvb.", ".atlasv1."], "revoke it (vault token revoke, or Terraform Cloud user settings) and issue a new one")
        {
            Formats = ["Vault service token (hvs.)", "Vault batch token (hvb.)", "Terraform Cloud / Enterprise API token (.atlasv1.)"],
            KeywordStartsToken = false,
        },
        new("SG1025", "PostmanKey", "Postman API key", "Postman API keys: PMAK-, 24 hex digits, a dash, 34 hex digits.",
            PostmanKey, ["PMAK-"], "delete it in Postman (Settings, API keys) and generate a new one")
        { KeywordStartsToken = false },
        new("SG1026", "AtlassianToken", "Atlassian API token", "Atlassian (Jira, Confluence, Bitbucket) API tokens: ATATT3 and about 186 more characters; Bitbucket Cloud repository, project and workspace access tokens: ATCTT3xFfGN0 and about 170 more.",
            AtlassianToken, ["ATATT3", "ATCTT3"], "revoke it in your Atlassian account (Security, API tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1032", "LinearKey", "Linear API key", "Linear personal API keys (lin_api_ and 40 characters).",
            LinearKey, ["lin_api_"], "revoke it in Linear (Settings, API) and create a new one")
        { KeywordStartsToken = false },
        new("SG1033", "DopplerToken", "Doppler token", "Doppler personal, service, service account, CLI, SCIM and audit tokens (dp.pt., dp.st., …, then 40 to 44 letters and digits; a service token may name its config first: dp.st.prd.…).",
            DopplerToken, ["dp.pt.", "dp.st.", "dp.sa.", "dp.said.", "dp.ct.", "dp.scim.", "dp.audit."], "revoke it in Doppler (tokens of the project or workplace) and create a new one")
        { Validate = v => MixesLettersAndDigits(v.AsSpan(v.LastIndexOf('.') + 1)), KeywordStartsToken = false },
        new("SG1038", "OnePasswordToken", "1Password service account token", "1Password service account tokens (ops_ and a long base64 JSON).",
            OnePasswordToken, ["ops_eyJ"], "revoke it in 1Password (Developer, service accounts) and create a new one")
        { KeywordStartsToken = false },
        new("SG1039", "JFrogToken", "JFrog API key or reference token", "JFrog Artifactory API keys (AKCp) and reference tokens (cmVmdGtu, base64 of reftkn).",
            JFrogToken, ["AKCp", "cmVmdGtu"], "revoke it in the JFrog Platform (Identity and access) and create a new one")
        { KeywordStartsToken = false },
        new("SG1040", "PulumiToken", "Pulumi access token", "Pulumi access tokens (pul- and 40 hex digits).",
            PulumiToken, ["pul-"], "delete it in Pulumi Cloud (Access tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1045", "BuildkiteToken", "Buildkite API access token", "Buildkite user API access tokens: bkua_ and 40 small letters and digits, or, as Buildkite now issues them, bkua_, a short base64 region id (MTA), . and 40 hex digits.",
            BuildkiteToken, ["bkua_"], "revoke it in Buildkite (Personal settings, API access tokens) and create a new one")
        { Validate = v => MixesLettersAndDigits(v.AsSpan(v.Length - 40)), KeywordStartsToken = false },
        new("SG1046", "PrefectKey", "Prefect API key", "Prefect Cloud API keys (pnu_ and 36 characters).",
            PrefectKey, ["pnu_"], "delete it in Prefect Cloud (API keys) and create a new one")
        { KeywordStartsToken = false },
        new("SG1051", "RubyGemsKey", "RubyGems API key", "RubyGems.org API keys (rubygems_ and 48 hex digits).",
            RubyGemsKey, ["rubygems_"], "remove it in RubyGems.org (Settings, API keys) and create a new one")
        { KeywordStartsToken = false },
        new("SG1062", "BitbucketAppPassword", "Bitbucket app password", "Bitbucket app passwords and API tokens (ATBB and 32 or more characters).",
            BitbucketAppPassword, ["ATBB"], "revoke it in Bitbucket (Personal settings, App passwords) and create a new one")
        { Validate = v => MixesCaseAndDigits(v), KeywordStartsToken = false },
        new("SG1063", "SonarQubeToken", "SonarQube token", "SonarQube user, project and global analysis tokens (squ_, sqp_, sqa_ and 40 hex digits).",
            SonarQubeToken, ["squ_", "sqp_", "sqa_"], "revoke it in SonarQube (My Account, Security) and generate a new one")
        { Formats = ["user token (squ_)", "project analysis token (sqp_)", "global analysis token (sqa_)"], KeywordStartsToken = false },
        new("SG1065", "ClojarsToken", "Clojars deploy token", "Clojars deploy tokens (CLOJARS_ and 60 characters).",
            ClojarsToken, ["CLOJARS_"], "delete it in Clojars (Dashboard, Deploy tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1073", "HarnessToken", "Harness access token", "Harness personal and service account tokens (pat. or sat., account id, token id and secret).",
            HarnessToken, ["pat.", "sat."], "delete the token in Harness (My Profile or the service account, API keys) and create a new one")
        { Formats = ["personal access token (pat.)", "service account token (sat.)"], KeywordStartsToken = false },
        new("SG1074", "InfracostToken", "Infracost API key", "Infracost API keys (ico- and 32 characters).",
            InfracostToken, ["ico-"], "rotate it in Infracost Cloud (Org settings, API keys)")
        { Validate = v => MixesCaseAndDigits(v), KeywordStartsToken = false },
        new("SG1077", "OctopusDeployKey", "Octopus Deploy API key", "Octopus Deploy API keys (API- and 26 capital letters and digits).",
            OctopusDeployKey, ["API-"], "revoke it in Octopus Deploy (your profile, API keys) and create a new one")
        { Validate = v => v.Skip(4).Any(char.IsAsciiDigit) && v.Skip(4).Any(char.IsAsciiLetter), KeywordStartsToken = false },
        new("SG1081", "ReadMeKey", "ReadMe API key", "ReadMe API keys (rdme_ and 70 characters).",
            ReadMeKey, ["rdme_"], "delete it in ReadMe (Project settings, API keys) and create a new one")
        { KeywordStartsToken = false },
        new("SG1122", "SourcegraphAccessToken", "Sourcegraph access token", "Sourcegraph access tokens: sgp_, an optional instance id (16 hex digits, or local) and 40 hex digits.",
            SourcegraphAccessToken, ["sgp_"], "delete it in Sourcegraph (Settings > Access tokens) and create a new one"),
        new("SG1130", "CircleCiToken", "CircleCI API token", "CircleCI personal (CCIPAT_) and project (CCIPRJ_) API tokens: 22 letters and digits, _ and 40 hex digits.",
            CircleCiToken, ["CCIPAT_", "CCIPRJ_"], "delete the token in CircleCI (User settings or Project settings > API tokens) and create a new one")
        { Formats = ["CircleCI personal API token", "CircleCI project API token"] },
        new("SG1133", "OnePasswordSecretKey", "1Password account secret key", "1Password account secret keys: A3-, then groups of capitals and digits (A3-XXXXXX-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXX).",
            OnePasswordSecretKey, ["A3-"], "regenerate the Secret Key in the 1Password account (My Profile > Regenerate Secret Key) and change the account password")
        { Validate = v => v.Skip(3).Any(char.IsAsciiDigit) && v.Skip(3).Any(char.IsAsciiLetter) },
        new("SG1136", "GitLabSessionCookie", "GitLab session cookie", "GitLab session cookies: _gitlab_session= and 32 letters and digits.",
            GitLabSessionCookie, ["_gitlab_session="], "sign the session out in GitLab (Profile > Active sessions > Revoke)")
        { Validate = v => v.Any(char.IsAsciiDigit) && v.Any(char.IsAsciiLetter) },
        new("SG1158", "SidekiqCredential", "Sidekiq Pro/Enterprise credential", "Sidekiq Pro and Enterprise gem server credentials (8 hex digits:8 hex digits) in BUNDLE_GEMS__CONTRIBSYS__COM / BUNDLE_ENTERPRISE__CONTRIBSYS__COM or in a gems.contribsys.com URL.",
            SidekiqCredential, ["contribsys"], "ask Contributed Systems to rotate the license credentials, then update the Bundler configuration")
        { IgnoreCase = true, KeywordStartsToken = false },
        new("SG1260", "DockerSwarmJoinToken", "Docker Swarm join token", "Docker Swarm join tokens: SWMTKN-1-, 50 base-36 characters (the digest of the swarm's root CA) and - and 25 (the secret), as `docker swarm init` and `docker swarm join-token` print them.",
            DockerSwarmJoinToken, ["SWMTKN-1-"], "run 'docker swarm join-token --rotate worker' (or manager); nodes already joined are not affected")
        {
            Validate = v => MixesLettersAndDigits(v.AsSpan(v.Length - 25)),
            Details = "Whoever holds a join token and reaches a manager joins the swarm as a worker (and runs its services' tasks, with their secrets) or as a manager (and controls the swarm).",
        },
        new("SG1261", "DockerSwarmUnlockKey", "Docker Swarm unlock key", "Docker Swarm unlock keys: SWMKEY-1- and 43 base64 characters (32 bytes), as `docker swarm init --autolock` and `docker swarm unlock-key` print them.",
            DockerSwarmUnlockKey, ["SWMKEY-1-"], "run 'docker swarm unlock-key --rotate' and keep the new key in a password manager")
        {
            Validate = v => MixesCaseAndDigits(v.AsSpan(9)),
            Details = "The unlock key decrypts a locked manager's Raft logs, which hold the swarm's secrets and TLS keys.",
        },
        new("SG1262", "BuildkiteAgentToken", "Buildkite agent access token", "Buildkite agent session (access) tokens: bkaa_, a short base64 region id (MTA), . and about 77 letters and digits.",
            BuildkiteAgentToken, ["bkaa_"], "stop the agent and revoke the agent token it registered with in Buildkite (Agents > cluster > Agent Tokens), then create a new one")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(v.IndexOf('.') + 1)) },
        new("SG1161", "AzureDevOpsPat", "Azure DevOps personal access token (legacy)", "Azure DevOps personal access tokens of the older kind (52 small letters and digits) in a URL's user info or an AZURE_DEVOPS_EXT_PAT / SYSTEM_ACCESSTOKEN setting.",
            AzureDevOpsPat, ["AZURE_DEVOPS_EXT_PAT", "AZDO_PERSONAL_ACCESS_TOKEN", "@dev.azure.com"], "revoke the token in Azure DevOps (User settings > Personal access tokens) and create a new one")
        { IgnoreCase = true, Validate = v => MixesLettersAndDigits(v), KeywordStartsToken = false },
        new("SG1288", "LaravelAppKey", "Laravel application key", "A Laravel app's `APP_KEY` as `php artisan key:generate` writes it into `.env`: `base64:` and 32 random bytes in base64. The framework encrypts cookies, sessions and everything passed to `Crypt` with it, and signs URLs; whoever has it reads and forges them (and, with an older Laravel, runs code through a forged cookie).",
            LaravelAppKey, ["APP_KEY"], "generate a new key (php artisan key:generate, with APP_PREVIOUS_KEYS for a graceful change), which signs everyone out, and set it at runtime from a secret store")
        { KeywordStartsToken = false, ConfidenceReason = "the setting is the framework's own, and the value has the exact length and alphabet the framework generates" },
        new("SG1289", "RailsSecretKeyBase", "Rails secret_key_base", "A Rails app's `secret_key_base` (`SECRET_KEY_BASE`, `config/secrets.yml`): 128 hex digits, as `bin/rails secret` prints them. Rails derives the keys of its signed and encrypted cookies and messages from it; whoever has it forges sessions.",
            RailsSecretKeyBase, ["secret_key_base"], "generate a new one (bin/rails secret), which signs everyone out, and set SECRET_KEY_BASE at runtime from a secret store")
        { IgnoreCase = true, KeywordStartsToken = false, ConfidenceReason = "the setting is the framework's own, and the value has the exact length and alphabet the framework generates" },
    ];

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>gh[pousr]_(?<body>[A-Za-z0-9]{36})|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>npm_(?<body>[A-Za-z0-9]{36}))(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex NpmToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>oy2[a-z0-9]{43})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex NuGetApiKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>gl(?:pat|dt|rt|soat|ffct|ft|cbt|imt|agent|oas|ptt)-[A-Za-z0-9_-]{27,300}\.(?:[0-9a-z]{2}\.)?[0-9a-z]{9}|gl(?:pat|dt|rt|soat|ffct|ft)-[A-Za-z0-9_-]{20,64}|glptt-[a-f0-9]{40}|glcbt-[A-Za-z0-9]{1,5}_[A-Za-z0-9_-]{20}|glimt-[A-Za-z0-9_-]{25}|glagent-[A-Za-z0-9_-]{50}|gloas-[A-Za-z0-9_-]{64}|GR1348941[A-Za-z0-9_-]{20})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex GitLabToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,64})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex DockerHubToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PyPiToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?<secret>hv[sb]\.[A-Za-z0-9_-]{90,}|[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?![A-Za-z0-9_=-])", Options, TimeoutMs)]
    private static partial Regex HashiCorpToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>PMAK-[a-f0-9]{24}-[a-f0-9]{34})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PostmanKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>ATATT3[A-Za-z0-9_=-]{180,}|ATCTT3xFfGN0[A-Za-z0-9_=-]{150,})(?![A-Za-z0-9_=-])", Options, TimeoutMs)]
    private static partial Regex AtlassianToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>lin_api_[A-Za-z0-9]{40})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex LinearKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?<secret>dp\.(?:pt|sa|said|ct|scim|audit)\.[A-Za-z0-9]{40,44}|dp\.st\.(?:[a-z0-9_-]{2,35}\.)?[A-Za-z0-9]{40,44})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex DopplerToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>ops_eyJ[A-Za-z0-9+/=_-]{250,})(?![A-Za-z0-9+/=_-])", Options, TimeoutMs)]
    private static partial Regex OnePasswordToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>AKCp[A-Za-z0-9]{69}|cmVmdGtu[A-Za-z0-9]{56})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex JFrogToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>pul-[a-f0-9]{40})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PulumiToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>bkua_(?:[A-Za-z0-9_-]{2,16}\.[a-f0-9]{40}|[a-z0-9]{40}))(?![A-Za-z0-9_.-])", Options, TimeoutMs)]
    private static partial Regex BuildkiteToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>pnu_[A-Za-z0-9]{36})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PrefectKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>rubygems_[a-f0-9]{48})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex RubyGemsKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>ATBB[A-Za-z0-9_=.\-]{32,64})(?![A-Za-z0-9_=.\-])", Options, TimeoutMs)]
    private static partial Regex BitbucketAppPassword();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>sq[upa]_[a-f0-9]{40})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex SonarQubeToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>CLOJARS_[a-z0-9]{60})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex ClojarsToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?<secret>(?:pat|sat)\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20})(?![A-Za-z0-9_.])", Options, TimeoutMs)]
    private static partial Regex HarnessToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>ico-[A-Za-z0-9]{32})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex InfracostToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>API-[A-Z0-9]{26})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex OctopusDeployKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>rdme_[a-z0-9]{70})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex ReadMeKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex SourcegraphAccessToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>CCIP(?:AT|RJ)_[A-Za-z0-9]{22}_[a-f0-9]{40})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex CircleCiToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex OnePasswordSecretKey();

    [GeneratedRegex(@"_gitlab_session=(?<secret>[0-9a-z]{32})(?![A-Za-z0-9])", Options, TimeoutMs)]
    private static partial Regex GitLabSessionCookie();

    [GeneratedRegex(@"(?i:BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM)[""']?[ \t]{0,3}(?:=|:)[ \t]{0,3}[""']?(?<secret>[a-f0-9]{8}:[a-f0-9]{8})(?![A-Za-z0-9])|https?://(?<secret>[a-f0-9]{8}:[a-f0-9]{8})@(?i:gems|enterprise)\.contribsys\.com", Options, TimeoutMs)]
    private static partial Regex SidekiqCredential();

    [GeneratedRegex(@"(?i:AZURE_DEVOPS_EXT_PAT|AZDO_PERSONAL_ACCESS_TOKEN)[""']?[ \t]{0,3}(?:=|:)[ \t]{0,3}[""']?(?<secret>[a-z0-9]{52})(?![A-Za-z0-9_-])|https://[A-Za-z0-9_.-]{0,40}:(?<secret>[a-z0-9]{52})@dev\.azure\.com", Options, TimeoutMs)]
    private static partial Regex AzureDevOpsPat();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex DockerSwarmJoinToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>SWMKEY-1-[A-Za-z0-9+/]{43})(?![A-Za-z0-9+/=_-])", Options, TimeoutMs)]
    private static partial Regex DockerSwarmUnlockKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>bkaa_[A-Za-z0-9_-]{2,16}\.[A-Za-z0-9]{60,100})(?![A-Za-z0-9_.-])", Options, TimeoutMs)]
    private static partial Regex BuildkiteAgentToken();

    /// <summary>A routable GitLab token says whether its checksum holds; a classic one has none.</summary>
    private static (string Label, Confidence? Confidence) DescribeGitLabToken(string token)
    {
        const string Title = "GitLab access token";
        if (!token.Contains('.', StringComparison.Ordinal))
        {
            return (Title, null);
        }

        return VendorShapeChecks.IsRoutableGitLabToken(token)
            ? (Title + " (routable, its checksum holds)", null)
            : (Title + " of the routable shape whose checksum does not hold (made up or damaged?)", Confidence.Medium);
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9_])APP_KEY[""']?[ \t]*[=:][ \t]*[""']?(?<secret>base64:[A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])", Options, TimeoutMs)]
    private static partial Regex LaravelAppKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?i:secret_key_base)[""']?[ \t]*[=:][ \t]*[""']?(?<secret>[0-9a-f]{128})(?![0-9A-Za-z])", Options, TimeoutMs)]
    private static partial Regex RailsSecretKeyBase();
}
