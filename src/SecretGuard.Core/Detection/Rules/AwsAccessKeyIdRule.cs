using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>AWS access key ids (long-term AKIA, temporary ASIA and the other documented prefixes).</summary>
internal sealed partial class AwsAccessKeyIdRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Z0-9])(?<secret>(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z2-7]{16})(?![A-Za-z0-9])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1002";

    public override string Title => "AWS access key id";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "deactivate and delete the access key in AWS IAM and issue a new one (prefer an IAM role)";

    public override IReadOnlyList<string> Keywords { get; } = ["AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "APKA"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
