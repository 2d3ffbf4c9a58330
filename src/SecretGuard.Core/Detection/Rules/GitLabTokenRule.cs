using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// GitLab personal, project and group access tokens (glpat-), deploy tokens (gldt-), runner tokens (glrt-),
/// pipeline trigger tokens (glptt-), runner registration tokens (GR1348941), CI/CD job tokens (glcbt-),
/// SCIM, feed, feature-flag, incoming-mail, Kubernetes agent and OAuth application secrets.
/// </summary>
internal sealed partial class GitLabTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>gl(?:pat|dt|rt|soat|ffct|ft)-[A-Za-z0-9_-]{20,64}|glptt-[a-f0-9]{40}|glcbt-[A-Za-z0-9]{1,5}_[A-Za-z0-9_-]{20}|glimt-[A-Za-z0-9_-]{25}|glagent-[A-Za-z0-9_-]{50}|gloas-[A-Za-z0-9_-]{64}|GR1348941[A-Za-z0-9_-]{20})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1020";

    public override string Title => "GitLab access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in GitLab (Access tokens, or the deploy or runner settings) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["glpat-", "gldt-", "glrt-", "glptt-", "glsoat-", "glffct-", "glft-", "glcbt-", "glimt-", "glagent-", "gloas-", "GR1348941"];

    public override IReadOnlyList<string> Formats { get; } =
    [
        "personal, project or group access token (glpat-)", "deploy token (gldt-)", "runner authentication token (glrt-)", "pipeline trigger token (glptt-)",
        "runner registration token (GR1348941)", "CI/CD job token (glcbt-)", "SCIM token (glsoat-)", "feed token (glft-)",
        "feature flag client token (glffct-)", "incoming mail token (glimt-)", "Kubernetes agent token (glagent-)", "OAuth application secret (gloas-)",
    ];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
