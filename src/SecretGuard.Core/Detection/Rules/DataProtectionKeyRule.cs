using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// An ASP.NET Core Data Protection key (a key-*.xml file of the key ring) whose master key is stored in
/// clear: whoever has it can forge authentication cookies and antiforgery tokens and read whatever the
/// app protected with it. A key ring protected at rest (ProtectKeysWithAzureKeyVault, a certificate,
/// DPAPI) holds an encryptedSecret instead, and is not reported.
/// </summary>
internal sealed partial class DataProtectionKeyRule : RegexRule
{
    [GeneratedRegex(@"<masterKey\b[^>]{0,512}>\s{0,64}(?:<!--[^>]{0,256}-->\s{0,64})?<value>\s{0,16}(?<secret>[A-Za-z0-9+/]{32,512}={0,2})\s{0,16}</value>", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1117";

    public override string Title => "ASP.NET Core Data Protection key in clear";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in the key ring (IKeyManager.RevokeAllKeys, or delete the key file so that a new key is made), which signs users out and invalidates what it protected; then keep the key ring out of the image, in a mounted volume, Azure Blob Storage or Redis, protected at rest (ProtectKeysWithAzureKeyVault or ProtectKeysWithCertificate)";

    public override IReadOnlyList<string> Keywords { get; } = ["<masterKey"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
