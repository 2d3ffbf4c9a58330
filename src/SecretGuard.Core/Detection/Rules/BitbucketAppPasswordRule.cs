using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Bitbucket app passwords and API tokens (ATBB and 32 or more characters).</summary>
internal sealed partial class BitbucketAppPasswordRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>ATBB[A-Za-z0-9_=.\-]{32,64})(?![A-Za-z0-9_=.\-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1062";

    public override string Title => "Bitbucket app password";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in Bitbucket (Personal settings, App passwords) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["ATBB"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    // Real ones mix capitals, small letters and digits; words and sample strings do not.
    protected override bool Accept(string candidate, Match match, string text) =>
        MixesCaseAndDigits(candidate) && base.Accept(candidate, match, text);
}
