using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Airtable personal access tokens (pat, a 14-character id, a dot and 64 hex digits).</summary>
public sealed partial class AirtableTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>pat[A-Za-z0-9]{14}\.[a-f0-9]{64})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1047";

    public override string Title => "Airtable personal access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in Airtable (Developer hub, Personal access tokens) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["pat"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
