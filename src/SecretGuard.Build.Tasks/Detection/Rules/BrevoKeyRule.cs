using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Brevo (formerly Sendinblue) API keys (xkeysib-, 64 hex digits and 16 characters).</summary>
public sealed partial class BrevoKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1083";

    public override string Title => "Brevo (Sendinblue) API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in Brevo (SMTP and API, API keys) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["xkeysib-"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
