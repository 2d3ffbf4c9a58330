using SecretGuard.Detection.KeyStores;

namespace SecretGuard.Detection;

/// <summary>
/// Key stores: binary files that hold private or secret keys, so a text rule never sees them. PKCS#12
/// (.pfx/.p12, also Java's default store type) and Java's JKS and JCEKS, recognised by their structure
/// whatever their name, and read far enough to tell a store with a key from a trust store of certificates.
/// </summary>
internal static class KeyStoreFileRule
{
    public const string Id = "SG1011";

    public const string Title = "Key store with a private key (.pfx/.p12, JKS, JCEKS)";

    public const string RotationHint = "revoke the certificate (or rotate the secret key), issue a new one and mount the key store at runtime (or load it from a key vault)";

    public static readonly IReadOnlyList<string> Formats =
    [
        "PKCS#12 key store (.pfx/.p12)",
        "Java KeyStore (JKS)",
        "JCEKS key store (secret keys)",
    ];

    /// <summary>Key stores are kilobytes; the JDK's cacerts, the largest common one, is about 160 KB.</summary>
    public const int MaxBytes = 4 << 20;

    /// <summary>Names that promise a key store, so that one that cannot be read is still reported.</summary>
    public static bool IsCandidateName(string path) =>
        path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".jks", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jceks", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".keystore", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the leading bytes are those of a key store format this rule reads.</summary>
    public static bool LooksLikeKeyStore(ReadOnlySpan<byte> head) =>
        Pkcs12Inspector.LooksLikePkcs12(head) || JavaKeyStoreInspector.LooksLikeJavaKeyStore(head);

    /// <summary>Reads a key store recognised by <see cref="LooksLikeKeyStore"/>.</summary>
    public static KeyStoreInspection Inspect(byte[] data) =>
        JavaKeyStoreInspector.LooksLikeJavaKeyStore(data) ? JavaKeyStoreInspector.Inspect(data) : Pkcs12Inspector.Inspect(data);

    /// <summary>Reads a key store, trying passwords on it within <paramref name="keyDerivation"/>, the budget shared by the check's stores.</summary>
    public static KeyStoreInspection Inspect(byte[] data, KeyDerivationBudget keyDerivation) =>
        JavaKeyStoreInspector.LooksLikeJavaKeyStore(data) ? JavaKeyStoreInspector.Inspect(data, keyDerivation) : Pkcs12Inspector.Inspect(data, keyDerivation);
}
