using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Fly.io tokens: organisation and personal (fo1_), and macaroon tokens (fm1a_, fm1r_, fm2_).</summary>
internal sealed partial class FlyIoTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>fo1_[A-Za-z0-9_\-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,}={0,3}|fm2_[A-Za-z0-9+/]{100,}={0,3})(?![A-Za-z0-9_+/=\-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1071";

    public override string Title => "Fly.io access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it with 'flyctl tokens revoke' or in the Fly.io dashboard (Tokens)";

    public override IReadOnlyList<string> Keywords { get; } = ["fo1_", "fm1a_", "fm1r_", "fm2_"];

    public override IReadOnlyList<string> Formats { get; } = ["personal or organisation token (fo1_)", "macaroon token (fm1a_, fm1r_)", "macaroon token (fm2_)"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
