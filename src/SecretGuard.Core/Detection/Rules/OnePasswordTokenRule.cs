using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>1Password service account tokens (ops_ and a long base64 JSON).</summary>
internal sealed partial class OnePasswordTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>ops_eyJ[A-Za-z0-9+/=_-]{250,})(?![A-Za-z0-9+/=_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1038";

    public override string Title => "1Password service account token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in 1Password (Developer, service accounts) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["ops_eyJ"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
