using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// Azure AD (Entra ID) app registration client secrets: three characters, a digit, Q~ and 31 to 34 more,
/// all from the 66-character alphabet Entra ID draws them from. The current format (8Q~, 40 characters)
/// ends with a checksum that is checked offline: a value whose checksum does not hold was made up or
/// damaged, and is a warning, not an error. The legacy format (7Q~) has no checksum.
/// </summary>
internal sealed partial class AzureAdClientSecretRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_~.-])(?<secret>[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1028";

    public override string Title => "Azure AD (Entra ID) client secret";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete the secret in the app registration (Certificates and secrets) and add a new one, or move to a managed identity or certificate";

    // The digit with it: three-character keywords are found in the one pass over the text's prefixes,
    // where a two-character one would cost a search of its own over every text.
    public override IReadOnlyList<string> Keywords { get; } = ["0Q~", "1Q~", "2Q~", "3Q~", "4Q~", "5Q~", "6Q~", "7Q~", "8Q~", "9Q~"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    protected override (string Label, Confidence? Confidence) Describe(string candidate)
    {
        if (candidate.Length != 40 || candidate[3] != '8')
        {
            return (Title, null);
        }

        return Checksums.HasValidEntraClientSecretChecksum(candidate)
            ? (Title + " (its checksum holds)", null)
            : (Title + " whose checksum does not hold (made up or damaged?)", Confidence.Medium);
    }
}
