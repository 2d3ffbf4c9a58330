using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Duffel live access tokens (duffel_live_ and 43 characters); test tokens are not reported.</summary>
public sealed partial class DuffelTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>duffel_live_[A-Za-z0-9_=\-]{43})(?![A-Za-z0-9_=\-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1067";

    public override string Title => "Duffel live access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in the Duffel dashboard (Developers, Access tokens) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["duffel_live_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
