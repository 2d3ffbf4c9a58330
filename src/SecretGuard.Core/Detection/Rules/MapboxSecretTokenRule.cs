using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Mapbox secret access tokens (sk.eyJ…); public tokens (pk.) are meant to be public and are not reported.</summary>
internal sealed partial class MapboxSecretTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?<secret>sk\.eyJ[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{20,})(?![A-Za-z0-9_\-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1095";

    public override string Title => "Mapbox secret access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in Mapbox (Account, Access tokens) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["sk.eyJ"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
