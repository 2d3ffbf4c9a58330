using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>age encryption identities (AGE-SECRET-KEY-1 and 58 bech32 characters).</summary>
internal sealed partial class AgeSecretKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1042";

    public override string Title => "age secret key";

    public override Confidence Confidence => Confidence.High;

    public override bool IsKeyMaterial => true;

    public override string RotationHint => "generate a new age identity and re-encrypt what the old one protects";

    public override IReadOnlyList<string> Keywords { get; } = ["AGE-SECRET-KEY-1"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
