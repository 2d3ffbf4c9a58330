using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Scalingo API tokens (tk-us- and 48 characters).</summary>
public sealed partial class ScalingoTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>tk-us-[A-Za-z0-9_\-]{48})(?![A-Za-z0-9_\-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1082";

    public override string Title => "Scalingo API token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in the Scalingo dashboard (User settings, API tokens) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["tk-us-"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
