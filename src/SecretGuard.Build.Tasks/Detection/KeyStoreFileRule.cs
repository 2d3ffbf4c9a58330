namespace SecretGuard.Detection;

/// <summary>
/// PKCS#12 key stores (.pfx/.p12): binary files that hold a private key, so a text rule never sees them.
/// Recognised by name and by their DER structure (a SEQUENCE whose first element is version 3).
/// </summary>
public static class KeyStoreFileRule
{
    public const string Id = "SG1011";

    public const string Title = "PKCS#12 key store (.pfx/.p12)";

    public const string RotationHint = "revoke the certificate, issue a new one and mount the .pfx at runtime (or load it from a key vault)";

    public static bool IsCandidateName(string path) =>
        path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the leading bytes are a PKCS#12 PFX: SEQUENCE { INTEGER 3, ... }.</summary>
    public static bool LooksLikePkcs12(ReadOnlySpan<byte> head)
    {
        if (head.Length < 8 || head[0] != 0x30)
        {
            return false;
        }

        // Skip the SEQUENCE length (short or long form), then expect INTEGER 1 byte = 3.
        var i = 1;
        if ((head[i] & 0x80) == 0)
        {
            i++;
        }
        else
        {
            var lengthBytes = head[i] & 0x7F;
            if (lengthBytes is 0 or > 4)
            {
                return false;
            }

            i += 1 + lengthBytes;
        }

        return head.Length >= i + 3 && head[i] == 0x02 && head[i + 1] == 0x01 && head[i + 2] == 0x03;
    }
}
