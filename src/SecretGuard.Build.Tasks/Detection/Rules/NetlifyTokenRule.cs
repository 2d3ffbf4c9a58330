using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Netlify personal access tokens (nfp_ and 36 characters).</summary>
public sealed partial class NetlifyTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>nfp_[A-Za-z0-9]{36})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1049";

    public override string Title => "Netlify access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in Netlify (User settings, Applications) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["nfp_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
