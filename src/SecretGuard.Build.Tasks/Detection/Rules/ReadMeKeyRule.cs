using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>ReadMe API keys (rdme_ and 70 characters).</summary>
public sealed partial class ReadMeKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>rdme_[a-z0-9]{70})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1081";

    public override string Title => "ReadMe API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in ReadMe (Project settings, API keys) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["rdme_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
