using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// Azure account keys in connection strings: storage AccountKey (64 bytes, base64) and the
/// SharedAccessKey of Service Bus, Event Hubs and IoT Hub (32 bytes, base64).
/// </summary>
internal sealed partial class AzureStorageKeyRule : RegexRule
{
    [GeneratedRegex(@"(?i:AccountKey|SharedAccessKey)\s*=\s*(?<secret>[A-Za-z0-9+/]{86}==|[A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1013";

    public override string Title => "Azure account key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "regenerate the key in the Azure portal (Access keys / Shared access policies); prefer managed identity";

    public override IReadOnlyList<string> Keywords { get; } = ["AccountKey", "SharedAccessKey"];

    protected override Regex Pattern => PatternRegex();

    protected override bool SingleLine => true;

    // The storage emulator's published key is in the placeholder vocabulary.
    protected override bool Accept(string candidate, Match match, string text) => !Placeholders.IsPlaceholder(candidate) && Entropy.BitsPerChar(candidate) >= 4.0;
}
