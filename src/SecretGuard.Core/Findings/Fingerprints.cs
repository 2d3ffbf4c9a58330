using System.Security.Cryptography;
using System.Text;

namespace SecretGuard.Findings;

/// <summary>
/// Stable, one-way identities for findings, for suppressions and baselines. A fingerprint depends on
/// the rule, where the secret is in the image (the ENV name, the label key, the file path; never a line
/// number or a layer digest, which change with every edit or rebuild) and the secret itself, hashed.
/// Like any hash of a secret, a fingerprint of a short password can be guessed offline: rotate the secret.
/// </summary>
internal static class Fingerprints
{
    public const string Prefix = "sg1:";

    /// <summary>SHA-256 of the secret as hex: what leaves the scanner instead of the secret.</summary>
    public static string HashSecret(ReadOnlySpan<char> secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret.ToArray());
        return Convert.ToHexString(SHA256.HashData(bytes));
    }

    public static string Compute(string ruleId, ImageLocation location, string secretHash)
    {
        var input = Encoding.UTF8.GetBytes($"{ruleId}\0{location.StableKey}\0{secretHash}");
        return Prefix + Convert.ToHexString(SHA256.HashData(input))[..20].ToLowerInvariant();
    }

    /// <summary>An identity of the secret alone, to tell the places of one credential apart from another's.</summary>
    public static string SecretKey(string secretHash) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"secret\0{secretHash}")))[..20].ToLowerInvariant();

    /// <summary>
    /// A fingerprint as a person may write it ("SG1:3F9C…"), in the lower case it is printed in; any other
    /// text as it is. Suppressions are read through this, so that a fingerprint copied in upper case still matches.
    /// </summary>
    public static string Normalize(string value) =>
        value.Length == Prefix.Length + 20 && value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && value[Prefix.Length..].All(char.IsAsciiHexDigit)
            ? value.ToLowerInvariant()
            : value;

    public static bool IsFingerprint(string value) =>
        value.StartsWith(Prefix, StringComparison.Ordinal) && value.Length == Prefix.Length + 20 && value[Prefix.Length..].All(char.IsAsciiHexDigitLower);
}
