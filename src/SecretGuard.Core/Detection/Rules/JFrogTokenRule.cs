using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>JFrog Artifactory API keys (AKCp) and reference tokens (cmVmdGtu, base64 of reftkn).</summary>
internal sealed partial class JFrogTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>AKCp[A-Za-z0-9]{69}|cmVmdGtu[A-Za-z0-9]{56})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1039";

    public override string Title => "JFrog API key or reference token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in the JFrog Platform (Identity and access) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["AKCp", "cmVmdGtu"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
