using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>LangSmith personal access tokens and service keys (lsv2_pt_ or lsv2_sk_, 32 and 10 hex digits).</summary>
internal sealed partial class LangSmithKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1090";

    public override string Title => "LangSmith API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in LangSmith (Settings, API keys) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["lsv2_"];

    public override IReadOnlyList<string> Formats { get; } = ["personal access token (lsv2_pt_)", "service key (lsv2_sk_)"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
