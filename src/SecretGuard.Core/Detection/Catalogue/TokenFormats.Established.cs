using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Catalogue;

/// <summary>The patterns of the established formats that were rules of their own before the catalogue was a table.</summary>
internal static partial class TokenFormats
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>lin_api_[A-Za-z0-9]{40})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex LinearKeyPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>shippo_live_[a-f0-9]{40})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex ShippoTokenPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>dapi[a-f0-9]{32}(?:-[0-9]+)?)(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex DatabricksTokenPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>tk-us-[A-Za-z0-9_\-]{48})(?![A-Za-z0-9_\-])", Options, TimeoutMs)]
    private static partial Regex ScalingoTokenPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex BrevoKeyPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,64})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex DockerHubTokenPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>gsk_[A-Za-z0-9]{52})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex GroqKeyPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>pul-[a-f0-9]{40})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PulumiTokenPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>rdme_[a-z0-9]{70})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex ReadMeKeyPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>sha256~[A-Za-z0-9_\-]{43})(?![A-Za-z0-9_\-])", Options, TimeoutMs)]
    private static partial Regex OpenShiftTokenPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>rubygems_[a-f0-9]{48})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex RubyGemsKeyPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>CLOJARS_[a-z0-9]{60})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex ClojarsTokenPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>nfp_[A-Za-z0-9]{36})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex NetlifyTokenPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>pnu_[A-Za-z0-9]{36})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PrefectKeyPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>sbp_[a-f0-9]{40})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex SupabaseTokenPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>CFPAT-[A-Za-z0-9_\-]{43})(?![A-Za-z0-9_\-])", Options, TimeoutMs)]
    private static partial Regex ContentfulTokenPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>bkua_[a-f0-9]{40})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex BuildkiteTokenPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>xai-[A-Za-z0-9]{80})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex XaiKeyPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>s-s4t2(?:ud|af)-[a-f0-9]{64})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex Intra42SecretPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>pplx-[A-Za-z0-9]{48})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PerplexityKeyPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>EZAK[A-Za-z0-9]{54})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex EasyPostKeyPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?<secret>dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex DopplerTokenPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>PMAK-[a-f0-9]{24}-[a-f0-9]{34})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PostmanKeyPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>fio-u-[A-Za-z0-9_=\-]{64})(?![A-Za-z0-9_=\-])", Options, TimeoutMs)]
    private static partial Regex FrameIoTokenPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>rnd_[A-Za-z0-9]{32})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex RenderKeyPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>figd_[A-Za-z0-9_\-]{40})(?![A-Za-z0-9_\-])", Options, TimeoutMs)]
    private static partial Regex FigmaTokenPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>HRKU-AA[0-9A-Za-z_-]{58})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex HerokuKeyPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>dt0[a-z][0-9]{2}\.[A-Z0-9]{24}\.[A-Z0-9]{64})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex DynatraceTokenPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>duffel_live_[A-Za-z0-9_=\-]{43})(?![A-Za-z0-9_=\-])", Options, TimeoutMs)]
    private static partial Regex DuffelTokenPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>tfp_[A-Za-z0-9_.=\-]{59})(?![A-Za-z0-9_.=\-])", Options, TimeoutMs)]
    private static partial Regex TypeformTokenPattern();
}
