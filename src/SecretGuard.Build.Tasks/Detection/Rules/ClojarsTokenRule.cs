using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Clojars deploy tokens (CLOJARS_ and 60 characters).</summary>
public sealed partial class ClojarsTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>CLOJARS_[a-z0-9]{60})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1065";

    public override string Title => "Clojars deploy token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in Clojars (Dashboard, Deploy tokens) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["CLOJARS_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
