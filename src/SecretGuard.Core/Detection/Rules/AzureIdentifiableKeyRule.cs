using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// Microsoft's identifiable keys: 84 characters carrying the JQQJ99 signature after 52 random ones, and
/// the issuing service's signature at characters 77 to 80 (ACOG: Azure AI services and Azure OpenAI;
/// AZDO: Azure DevOps personal access tokens). The signatures prove the format, so every match is an error.
/// Its last four characters are a checksum that is checked offline where its scheme is public (Azure AI
/// services keys and others: Marvin32 under the "Default0" seed); the message says when it holds. Azure
/// DevOps tokens use a scheme that is not published, and a key whose checksum does not hold may come
/// from a service with its own scheme, so neither is played down.
/// </summary>
internal sealed partial class AzureIdentifiableKeyRule : SecretRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9+/_-])(?<secret>[A-Za-z0-9]{52}JQQJ99[A-Za-z0-9]{18}(?<service>[A-Za-z0-9]{4})[A-Za-z0-9]{4})(?![A-Za-z0-9+/_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1061";

    public override string Title => "Azure identifiable key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "regenerate it where it was issued: the resource's Keys and Endpoint page in the Azure portal, or Azure DevOps (User settings, Personal access tokens)";

    public override IReadOnlyList<string> Formats { get; } = ["Azure AI services / Azure OpenAI key (ACOG)", "Azure DevOps personal access token (AZDO)", "other Azure identifiable keys (JQQJ99)"];

    public override IReadOnlyList<string> Keywords { get; } = ["JQQJ99"];

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    public override IEnumerable<SecretMatch> Find(string text)
    {
        for (var match = PatternRegex().Match(text); match.Success; match = match.NextMatch())
        {
            var secret = match.Groups["secret"];
            if (Placeholders.IsPlaceholder(secret.Value))
            {
                continue;
            }

            var label = match.Groups["service"].Value switch
            {
                "ACOG" => "Azure AI services key",
                "AZDO" => "Azure DevOps personal access token",
                _ => Title,
            };
            if (Checksums.HasValidAnnotatedKeyChecksum(secret.ValueSpan))
            {
                label += " (its checksum holds)";
            }

            yield return new SecretMatch(secret.Index, secret.Length, label);
        }
    }
}
