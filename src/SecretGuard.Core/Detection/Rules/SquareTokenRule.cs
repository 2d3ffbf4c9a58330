using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Square OAuth access tokens (sq0atp-) and application secrets (sq0csp-).</summary>
internal sealed partial class SquareTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>sq0atp-[0-9A-Za-z_-]{22}|sq0csp-[0-9A-Za-z_-]{43})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1035";

    public override string Title => "Square access token or secret";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in the Square Developer Dashboard and create a new one";

    public override IReadOnlyList<string> Formats { get; } =
    [
        "OAuth access token (sq0atp-)",
        "application secret (sq0csp-)",
    ];

    public override IReadOnlyList<string> Keywords { get; } = ["sq0atp-", "sq0csp-"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
