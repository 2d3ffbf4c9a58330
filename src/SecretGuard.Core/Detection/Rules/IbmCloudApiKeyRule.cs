using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>IBM Cloud API keys (44 letters, digits, - and _) in IBMCLOUD_API_KEY/IC_API_KEY or near the names IBM and bluemix (service credentials JSON).</summary>
internal sealed partial class IbmCloudApiKeyRule : ServiceContextRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_.:-])(?<name>[A-Za-z0-9_.:-]{1,60})" + Separator + @"(?<secret>[A-Za-z0-9_-]{44})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex AssignmentRegex();

    public override string Id => "SG1110";

    public override string Title => "IBM Cloud API key";

    public override string RotationHint => "delete it in IBM Cloud (Manage > Access (IAM) > API keys) and create a new one";

    // Service credentials name the service's CRN ("crn:v1:bluemix:...") a few lines below the "apikey".
    public override IReadOnlyList<string> Keywords { get; } = ["ibm", "bluemix", "IC_API_KEY"];

    protected override int ReachBefore => 400;

    protected override Regex Assignment => AssignmentRegex();

    protected override IReadOnlyList<string> NameWords { get; } = ["apikey", "api_key", "api-key"];

    protected override string? Classify(string name, string secret) =>
        Names(name, [.. NameWords]) && secret.Any(char.IsAsciiDigit) && secret.Any(char.IsAsciiLetterUpper) && secret.Any(char.IsAsciiLetterLower) ? Title : null;
}
