using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Alibaba Cloud AccessKey IDs (LTAI and 12 to 20 characters); the secret is usually beside them.</summary>
internal sealed partial class AlibabaAccessKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<secret>LTAI[A-Za-z0-9]{12,20})(?![A-Za-z0-9])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1034";

    public override string Title => "Alibaba Cloud AccessKey ID";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "disable and delete the AccessKey in the Alibaba Cloud RAM console and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["LTAI"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    // Real ids mix upper case, lower case and digits; words that happen to start with LTAI do not.
    protected override bool Accept(string candidate, Match match, string text) =>
        candidate.Skip(4).Any(char.IsUpper) && candidate.Skip(4).Any(char.IsLower) && candidate.Skip(4).Any(char.IsAsciiDigit) && !Placeholders.IsPlaceholder(candidate);
}
