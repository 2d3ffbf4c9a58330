using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>DigitalOcean personal access, OAuth and refresh tokens (dop_v1_, doo_v1_, dor_v1_ and 64 hex digits).</summary>
internal sealed partial class DigitalOceanTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>do[opr]_v1_[a-f0-9]{64})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1023";

    public override string Title => "DigitalOcean token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in the DigitalOcean control panel (API, Tokens) and generate a new one";

    public override IReadOnlyList<string> Formats { get; } =
    [
        "personal access token (dop_v1_)",
        "OAuth access token (doo_v1_)",
        "OAuth refresh token (dor_v1_)",
    ];

    public override IReadOnlyList<string> Keywords { get; } = ["dop_v1_", "doo_v1_", "dor_v1_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
