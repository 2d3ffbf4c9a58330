using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Tailscale auth keys, API access tokens, OAuth client secrets, SCIM and webhook keys (tskey-…).</summary>
internal sealed partial class TailscaleKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>tskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{6,}-[A-Za-z0-9]{16,})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1091";

    public override string Title => "Tailscale key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in the Tailscale admin console (Settings, Keys) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["tskey-"];

    public override IReadOnlyList<string> Formats { get; } = ["auth key (tskey-auth-)", "API access token (tskey-api-)", "OAuth client secret (tskey-client-)", "SCIM key (tskey-scim-)", "webhook secret (tskey-webhook-)"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
