using System.Security.Cryptography;
using SecretGuard.Detection;

namespace SecretGuard.Tests;

/// <summary>
/// Credential-shaped test values, assembled at run time so that no literal credential sits in the
/// repository (and this repository does not trip secret scanners itself).
/// </summary>
public static class TestSecrets
{
    public const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    public const string Lower = "abcdefghijklmnopqrstuvwxyz";
    public const string Digits = "0123456789";
    public const string Alnum = Upper + Lower + Digits;
    public const string Url64 = Alnum + "_-";
    public const string Base64Chars = Alnum + "+/";

    public static string Random(int length, string alphabet = Alnum, int seed = 1)
    {
        var rng = new System.Random(seed);
        return new string(Enumerable.Range(0, length).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
    }

    public static string GitHubToken(string prefix = "ghp", int seed = 1)
    {
        var body = Random(30, seed: seed);
        return prefix + "_" + body + Checksums.Base62(Checksums.Crc32(body), 6);
    }

    public static string GitHubTokenWithBadChecksum() => "gh" + "p_" + Random(36, seed: 7);

    /// <summary>An npm token with a valid CRC-32 checksum (the scheme GitHub tokens use).</summary>
    public static string NpmToken(int seed = 1)
    {
        var body = Random(30, seed: seed);
        return "np" + "m_" + body + Checksums.Base62(Checksums.Crc32(body), 6);
    }

    /// <summary>
    /// An Azure identifiable key: <paramref name="keyBytes"/> random bytes whose encoding carries
    /// <paramref name="signature"/> ten characters from its end, the last four bytes being the Marvin32
    /// checksum of the others under <paramref name="checksumSeed"/>.
    /// </summary>
    public static string AzureIdentifiableKey(string signature, int keyBytes, ulong checksumSeed, bool urlSafe = false, int seed = 1)
    {
        var key = new byte[keyBytes];
        new System.Random(seed).NextBytes(key);
        var text = Convert.ToBase64String(key).TrimEnd('=').ToCharArray();
        signature.CopyTo(0, text, text.Length - 10, 4);
        var unpadded = new string(text);
        key = Convert.FromBase64String(unpadded.PadRight((unpadded.Length + 3) / 4 * 4, '='));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(key.AsSpan(keyBytes - 4), Checksums.Marvin32(key.AsSpan(0, keyBytes - 4), checksumSeed));
        var encoded = Convert.ToBase64String(key);
        if (encoded.TrimEnd('=')[^10..^6] != signature)
        {
            throw new InvalidOperationException("the checksum overwrote the signature");
        }

        return urlSafe ? encoded.Replace('+', '-').Replace('/', '_') : encoded;
    }

    /// <summary>The alphabet Entra ID draws client secrets from, in the order their checksum's digits use.</summary>
    public const string EntraSecretAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890.-_~";

    /// <summary>
    /// An Entra ID client secret of the current format: three random characters, 8Q~, 31 more, and the
    /// first three of the six base-66 digits of the Marvin32 checksum of all that ("AadPwd00" seed).
    /// </summary>
    /// <param name="start">The first three characters; random by default.</param>
    public static string EntraClientSecret(int seed = 1, string? start = null)
    {
        var body = (start ?? Random(3, EntraSecretAlphabet, seed)) + "8" + "Q~" + Random(31, EntraSecretAlphabet, seed + 1);
        var checksum = Checksums.Marvin32(System.Text.Encoding.Latin1.GetBytes(body), 0x4161645077643030);
        var digits = new char[6];
        for (var i = 5; i >= 0; i--)
        {
            digits[i] = EntraSecretAlphabet[(int)(checksum % 66)];
            checksum /= 66;
        }

        return body + new string(digits, 0, 3);
    }

    /// <summary>
    /// An 84-character common annotated security key (JQQJ99) of <paramref name="service"/> whose last
    /// three bytes are the first three of the Marvin32 checksum of its first 60 under the "Default0" seed.
    /// The layout was checked against keys Azure issued (none of them is kept here).
    /// </summary>
    public static string AnnotatedKey(string service, int seed = 1)
    {
        var text = Random(52, seed: seed) + "JQQ" + "J99" + "BBAC" + Random(5, seed: seed + 1) + "XJ3w3" + "AAAY" + service + "AAAA";
        var bytes = Convert.FromBase64String(text);
        var checksum = Checksums.Marvin32(bytes.AsSpan(0, 60), 0x44656661756C7430);
        bytes[60] = (byte)checksum;
        bytes[61] = (byte)(checksum >> 8);
        bytes[62] = (byte)(checksum >> 16);
        var key = Convert.ToBase64String(bytes);
        return key[..80] == text[..80] ? key : throw new InvalidOperationException("the checksum overwrote the key's signatures");
    }

    public static string StripeLiveKey(int seed = 2) => "sk" + "_live_" + Random(32, seed: seed);

    public static string AwsKeyId(int seed = 3) => "AK" + "IA" + Random(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", seed);

    public static string AwsSecret(int seed = 4) => Random(40, Alnum + "/+", seed);

    public static string SlackBotToken(int seed = 5) => "xo" + "xb-" + Random(12, "0123456789", seed) + "-" + Random(13, "0123456789", seed + 1) + "-" + Random(24, seed: seed + 2);

    public static string SendGridKey(int seed = 6) => "S" + "G." + Random(22, Alnum + "_-", seed) + "." + Random(43, Alnum + "_-", seed + 1);

    /// <summary>A real RSA private key in PEM form, generated fresh.</summary>
    public static string PemPrivateKey()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportRSAPrivateKeyPem();
    }

    public static string PemPkcs8PrivateKey()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ec.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>A public certificate (never a finding).</summary>
    public static string PemCertificate()
    {
        using var rsa = RSA.Create(2048);
        var req = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = req.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        return cert.ExportCertificatePem();
    }

    /// <summary>A .pfx holding a private key.</summary>
    public static byte[] Pfx()
    {
        using var rsa = RSA.Create(2048);
        var req = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = req.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        return cert.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "pw");
    }
}
