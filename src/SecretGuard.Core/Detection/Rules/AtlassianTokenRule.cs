using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Atlassian (Jira, Confluence, Bitbucket) API tokens: ATATT3 and about 186 more characters.</summary>
internal sealed partial class AtlassianTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>ATATT3[A-Za-z0-9_=-]{180,}|ATCTT3xFfGN0[A-Za-z0-9_=-]{150,})(?![A-Za-z0-9_=-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1026";

    public override string Title => "Atlassian API token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in your Atlassian account (Security, API tokens) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["ATATT3", "ATCTT3"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
