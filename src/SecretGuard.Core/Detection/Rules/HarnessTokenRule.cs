using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Harness personal and service account tokens (pat. or sat., account id, token id and secret).</summary>
internal sealed partial class HarnessTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?<secret>(?:pat|sat)\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20})(?![A-Za-z0-9_.])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1073";

    public override string Title => "Harness access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete the token in Harness (My Profile or the service account, API keys) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["pat.", "sat."];

    public override IReadOnlyList<string> Formats { get; } = ["personal access token (pat.)", "service account token (sat.)"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
