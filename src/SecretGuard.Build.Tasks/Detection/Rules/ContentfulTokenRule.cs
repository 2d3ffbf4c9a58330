using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Contentful content management personal access tokens (CFPAT- and 43 characters).</summary>
public sealed partial class ContentfulTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>CFPAT-[A-Za-z0-9_\-]{43})(?![A-Za-z0-9_\-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1093";

    public override string Title => "Contentful personal access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in Contentful (Account settings, Tokens) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["CFPAT-"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
