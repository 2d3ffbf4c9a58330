using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>ClickHouse Cloud API key secrets (4b1d and 38 characters).</summary>
internal sealed partial class ClickHouseSecretRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>4b1d[A-Za-z0-9]{38})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1096";

    public override string Title => "ClickHouse Cloud API secret";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete the API key in the ClickHouse Cloud console and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["4b1d"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    // Real secrets mix capitals and small letters; hex digests that happen to start with 4b1d do not.
    protected override bool Accept(string candidate, Match match, string text) =>
        candidate.Any(char.IsAsciiLetterUpper) && candidate.Any(char.IsAsciiLetterLower) && base.Accept(candidate, match, text);
}
