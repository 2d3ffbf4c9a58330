using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Azure AD (Entra ID) app registration client secrets of the current format: three characters, a digit, Q~ and 31 to 34 more.</summary>
public sealed partial class AzureAdClientSecretRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_~.-])(?<secret>[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1028";

    public override string Title => "Azure AD (Entra ID) client secret";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete the secret in the app registration (Certificates and secrets) and add a new one, or move to a managed identity or certificate";

    public override IReadOnlyList<string> Keywords { get; } = ["Q~"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
