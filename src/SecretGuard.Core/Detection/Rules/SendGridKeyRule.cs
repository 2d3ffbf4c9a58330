using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>SendGrid API keys: SG.{22}.{43}.</summary>
internal sealed partial class SendGridKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1007";

    public override string Title => "SendGrid API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete the key in SendGrid (Settings > API Keys) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["SG."];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
