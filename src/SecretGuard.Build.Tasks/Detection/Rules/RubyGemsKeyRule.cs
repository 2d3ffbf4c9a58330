using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>RubyGems.org API keys (rubygems_ and 48 hex digits).</summary>
public sealed partial class RubyGemsKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>rubygems_[a-f0-9]{48})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1051";

    public override string Title => "RubyGems API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "remove it in RubyGems.org (Settings, API keys) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["rubygems_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
