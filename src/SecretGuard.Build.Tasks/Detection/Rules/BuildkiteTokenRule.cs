using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Buildkite user API access tokens (bkua_ and 40 hex digits).</summary>
public sealed partial class BuildkiteTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>bkua_[a-f0-9]{40})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1045";

    public override string Title => "Buildkite API access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in Buildkite (Personal settings, API access tokens) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["bkua_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
