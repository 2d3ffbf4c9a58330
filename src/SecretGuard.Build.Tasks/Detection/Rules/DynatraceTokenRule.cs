using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Dynatrace API tokens (dt0c01., a 24-character id and a 64-character secret).</summary>
public sealed partial class DynatraceTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>dt0[a-z][0-9]{2}\.[A-Z0-9]{24}\.[A-Z0-9]{64})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1041";

    public override string Title => "Dynatrace API token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in Dynatrace (Access tokens) and generate a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["dt0"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
