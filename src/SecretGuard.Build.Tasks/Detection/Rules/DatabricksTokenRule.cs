using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Databricks personal access tokens (dapi and 32 hex digits).</summary>
public sealed partial class DatabricksTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>dapi[a-f0-9]{32}(?:-[0-9]+)?)(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1037";

    public override string Title => "Databricks access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in Databricks (User settings, Access tokens) and generate a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["dapi"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
