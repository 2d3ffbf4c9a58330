using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>OpenAI API keys: every format embeds "T3BlbkFJ" (base64 of "OpenAI").</summary>
internal sealed partial class OpenAiKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,160}T3BlbkFJ[A-Za-z0-9_-]{20,160})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1015";

    public override string Title => "OpenAI API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in the OpenAI platform's API keys page";

    public override IReadOnlyList<string> Keywords { get; } = ["T3BlbkFJ"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
