using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>PlanetScale service tokens (pscale_tkn_), passwords (pscale_pw_) and OAuth tokens (pscale_oauth_).</summary>
internal sealed partial class PlanetScaleTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_=.\-]{32,64})(?![A-Za-z0-9_=.\-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1080";

    public override string Title => "PlanetScale credential";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete the service token or password in PlanetScale and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["pscale_"];

    public override IReadOnlyList<string> Formats { get; } = ["service token (pscale_tkn_)", "database password (pscale_pw_)", "OAuth token (pscale_oauth_)"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
