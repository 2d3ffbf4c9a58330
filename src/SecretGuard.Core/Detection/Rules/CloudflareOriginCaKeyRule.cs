using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Cloudflare Origin CA keys (v1.0-, 24 and 146 hex digits).</summary>
internal sealed partial class CloudflareOriginCaKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])(?<secret>v1\.0-[a-f0-9]{24}-[a-f0-9]{146})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1066";

    public override string Title => "Cloudflare Origin CA key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke the Origin CA key in the Cloudflare dashboard (My Profile, API Tokens)";

    public override IReadOnlyList<string> Keywords { get; } = ["v1.0-"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
