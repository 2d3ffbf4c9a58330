using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// Azure account keys in connection strings: storage AccountKey (64 bytes, base64) and the
/// SharedAccessKey of Service Bus, Event Hubs and IoT Hub (32 bytes, base64); and storage account keys
/// outside one, beside account_key, AZURE_STORAGE_ACCOUNT_KEY, azurestorageaccountkey or -storagekey.
/// </summary>
internal sealed partial class AzureStorageKeyRule : RegexRule
{
    // In a connection string (Key=value), or beside a name or option that says it is a storage account's key
    // (account_key, AZURE_STORAGE_KEY, "AccountKey": …, --account-key, -storagekey), where only the 88-character key counts.
    [GeneratedRegex(@"(?:(?i:AccountKey|SharedAccessKey)\s*=\s*(?<secret>[A-Za-z0-9+/]{86}==|[A-Za-z0-9+/]{43}=)|(?i:account[_-]?key|storage[_-]?(?:account[_-]?)?key)[""']?[ \t]*(?:[:=][ \t]*)?[""']?(?<secret>[A-Za-z0-9+/]{86}==))(?![A-Za-z0-9+/=])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1013";

    public override string Title => "Azure account key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "regenerate the key in the Azure portal (Access keys / Shared access policies); prefer managed identity";

    public override IReadOnlyList<string> Keywords { get; } = ["AccountKey", "SharedAccessKey", "account_key", "account-key", "storage_key", "storage-key", "storagekey"];

    protected override Regex Pattern => PatternRegex();

    protected override bool SingleLine => true;

    // The storage emulator's published key is in the placeholder vocabulary.
    protected override bool Accept(string candidate, Match match, string text) => !Placeholders.IsPlaceholder(candidate) && Entropy.BitsPerChar(candidate) >= 4.0;
}
