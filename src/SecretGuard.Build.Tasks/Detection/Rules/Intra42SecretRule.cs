using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>42 school Intra API client secrets (s-s4t2ud- or s-s4t2af- and 64 hex digits).</summary>
public sealed partial class Intra42SecretRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>s-s4t2(?:ud|af)-[a-f0-9]{64})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1075";

    public override string Title => "42 Intra client secret";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "replace the secret of the application in the 42 Intra (API, your application)";

    public override IReadOnlyList<string> Keywords { get; } = ["s-s4t2"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
