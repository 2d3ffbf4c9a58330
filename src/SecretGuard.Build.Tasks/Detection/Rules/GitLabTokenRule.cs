using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>GitLab personal, project and group access tokens (glpat-), deploy tokens (gldt-), runner tokens (glrt-) and pipeline trigger tokens (glptt-).</summary>
public sealed partial class GitLabTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>gl(?:pat|dt|rt)-[A-Za-z0-9_-]{20,64}|glptt-[a-f0-9]{40})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1020";

    public override string Title => "GitLab access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in GitLab (Access tokens, or the deploy or runner settings) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["glpat-", "gldt-", "glrt-", "glptt-"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
