using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Mailchimp API keys: 32 hex digits, -us and the data centre number.</summary>
public sealed partial class MailchimpKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>[0-9a-f]{32}-us[0-9]{1,2})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1036";

    public override string Title => "Mailchimp API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "disable it in Mailchimp (Account, Extras, API keys) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["-us"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
