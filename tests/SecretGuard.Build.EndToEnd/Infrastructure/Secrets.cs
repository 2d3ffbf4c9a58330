namespace SecretGuard.EndToEnd.Infrastructure;

/// <summary>Credential-shaped values assembled at run time, so that none is a literal in the repository.</summary>
public static class Secrets
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Random(int length, string alphabet = Alnum, int seed = 1)
    {
        var rng = new System.Random(seed);
        return new string(Enumerable.Range(0, length).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
    }

    public static string StripeLiveKey(int seed = 2) => "sk" + "_live_" + Random(32, seed: seed);

    /// <summary>A classic GitHub token with a valid CRC-32 checksum.</summary>
    public static string GitHubToken(int seed = 1)
    {
        var body = Random(30, seed: seed);
        return "gh" + "p_" + body + Base62(Crc32(body));
    }

    /// <summary>An npm token with a valid CRC-32 checksum.</summary>
    public static string NpmToken(int seed = 1)
    {
        var body = Random(30, seed: seed);
        return "np" + "m_" + body + Base62(Crc32(body));
    }

    public static string AwsKeyId(int seed = 3) => "AK" + "IA" + Random(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", seed);

    public static string AwsSecret(int seed = 4) => Random(40, Alnum + "/+", seed);

    /// <summary>A freshly made EC private key in PKCS#8 PEM: key material no test run shares.</summary>
    public static string PemPrivateKey()
    {
        using var ec = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        return ec.ExportPkcs8PrivateKeyPem();
    }

    private static uint Crc32(string s)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in s)
        {
            crc ^= (byte)c;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private static string Base62(uint v)
    {
        const string digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var s = "";
        do
        {
            s = digits[(int)(v % 62)] + s;
            v /= 62;
        }
        while (v > 0);
        return s.PadLeft(6, '0');
    }
}
