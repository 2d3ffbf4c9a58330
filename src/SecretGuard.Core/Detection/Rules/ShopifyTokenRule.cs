using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Shopify access tokens and shared secrets: shpat_/shpca_/shppa_/shpss_ + 32 hex.</summary>
internal sealed partial class ShopifyTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1018";

    public override string Title => "Shopify access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "uninstall and reinstall the app or rotate the secret in the Shopify Partners dashboard";

    public override IReadOnlyList<string> Formats { get; } =
    [
        "Admin API access token (shpat_)",
        "custom app access token (shpca_)",
        "private app password (shppa_)",
        "app shared secret (shpss_)",
    ];

    public override IReadOnlyList<string> Keywords { get; } = ["shpat_", "shpca_", "shppa_", "shpss_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
