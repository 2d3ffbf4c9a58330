using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>SonarQube user, project and global analysis tokens (squ_, sqp_, sqa_ and 40 hex digits).</summary>
internal sealed partial class SonarQubeTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>sq[upa]_[a-f0-9]{40})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1063";

    public override string Title => "SonarQube token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in SonarQube (My Account, Security) and generate a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["squ_", "sqp_", "sqa_"];

    public override IReadOnlyList<string> Formats { get; } = ["user token (squ_)", "project analysis token (sqp_)", "global analysis token (sqa_)"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
