using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SecretGuard.Detection.KeyStores;

/// <summary>
/// Reads Java's own key store formats, JKS (magic 0xFEEDFEED) and JCEKS (0xCECECECE): their entries are
/// listed in the clear, so private key entries (tag 1) and secret key entries (tag 3) are seen without a
/// password, and trust stores (only tag 2, certificates, like the JDK's cacerts) are told apart. The
/// store's integrity digest, SHA-1 over the password, "Mighty Aphrodite" and the content, shows whether a
/// well-known password opens it.
/// </summary>
internal static class JavaKeyStoreInspector
{
    private const uint JksMagic = 0xFEEDFEED;
    private const uint JceksMagic = 0xCECECECE;
    private const int PrivateKeyEntry = 1;
    private const int TrustedCertificateEntry = 2;
    private const int SecretKeyEntry = 3;
    private const int DigestLength = 20;

    public static bool LooksLikeJavaKeyStore(ReadOnlySpan<byte> head) =>
        head.Length >= 8
        && BinaryPrimitives.ReadUInt32BigEndian(head) is JksMagic or JceksMagic
        && BinaryPrimitives.ReadUInt32BigEndian(head[4..]) is 1 or 2;

    /// <summary>Reads the store, and tries well-known passwords on it within a budget of its own.</summary>
    public static KeyStoreInspection Inspect(byte[] data) => Inspect(data, new KeyDerivationBudget(Pkcs12Inspector.MaxIterationsPerStore));

    /// <summary>
    /// Reads the store, and tries well-known passwords on it as far as <paramref name="budget"/> allows. A try
    /// hashes the whole store once; it is charged as one iteration per 64-byte SHA-1 block, about what an
    /// iteration of PKCS#12's key derivation costs, so the two formats share one budget.
    /// </summary>
    public static KeyStoreInspection Inspect(byte[] data, KeyDerivationBudget budget)
    {
        var format = data.Length >= 4 && BinaryPrimitives.ReadUInt32BigEndian(data) == JceksMagic ? "JCEKS key store" : "Java KeyStore (JKS)";
        int keys;
        try
        {
            keys = CountKeys(data);
        }
        catch (InvalidDataException ex)
        {
            return new KeyStoreInspection(format, 0, 0, null, ex.Message);
        }

        var inspection = new KeyStoreInspection(format, keys, 0, null);
        if (keys == 0)
        {
            return inspection;
        }

        var perTry = (data.Length / 64) + 1;
        var tries = 0;
        foreach (var password in WeakPasswords.All)
        {
            if ((long)(tries + 1) * perTry > Pkcs12Inspector.MaxIterationsPerStore || !budget.TrySpend(perTry))
            {
                break;
            }

            tries++;
            if (DigestMatches(data, password))
            {
                return inspection with { WeakPassword = WeakPasswords.Describe(password) };
            }
        }

        return tries switch
        {
            0 => inspection with { PasswordsNotTried = (long)perTry > Pkcs12Inspector.MaxIterationsPerStore ? $"at {data.Length:N0} bytes, a try would cost more than a store may" : "the check's budget for trying passwords on key stores was spent" },
            _ when tries < WeakPasswords.All.Count => inspection with { PasswordsNotTried = $"only the {tries} most common of {WeakPasswords.All.Count} well-known passwords were tried, the store being {data.Length:N0} bytes" },
            _ => inspection,
        };
    }

    /// <summary>Private and secret key entries. Stops at the first secret key entry, whose body is a serialized Java object.</summary>
    private static int CountKeys(byte[] data)
    {
        var reader = new Reader(data, data.Length - DigestLength);
        reader.Skip(4); // magic
        var version = reader.UInt32();
        var count = reader.UInt32();
        var keys = 0;
        for (var entry = 0u; entry < count; entry++)
        {
            var tag = reader.UInt32();
            reader.SkipUtf(); // alias
            reader.Skip(8); // creation time
            switch (tag)
            {
                case PrivateKeyEntry:
                    keys++;
                    reader.Skip(reader.UInt32()); // the encrypted key
                    var chain = reader.UInt32();
                    for (var i = 0u; i < chain; i++)
                    {
                        SkipCertificate(ref reader, version);
                    }

                    break;
                case TrustedCertificateEntry:
                    SkipCertificate(ref reader, version);
                    break;
                case SecretKeyEntry:
                    return keys + 1;
                default:
                    throw new InvalidDataException($"entry {entry + 1} has the unknown tag {tag}");
            }
        }

        return keys;
    }

    private static void SkipCertificate(ref Reader reader, uint version)
    {
        if (version == 2)
        {
            reader.SkipUtf(); // certificate type, "X.509"
        }

        reader.Skip(reader.UInt32());
    }

    /// <summary>True when the store's integrity digest was made with <paramref name="password"/>.</summary>
    private static bool DigestMatches(byte[] data, string password)
    {
        if (data.Length < DigestLength + 12)
        {
            return false;
        }

        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha1.AppendData(Encoding.BigEndianUnicode.GetBytes(password));
        sha1.AppendData("Mighty Aphrodite"u8);
        sha1.AppendData(data, 0, data.Length - DigestLength);
        return sha1.GetHashAndReset().AsSpan().SequenceEqual(data.AsSpan(data.Length - DigestLength));
    }

    /// <summary>Big-endian reads that never pass <c>end</c>.</summary>
    private struct Reader(byte[] data, int end)
    {
        private int _position;

        public uint UInt32()
        {
            Need(4);
            var value = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(_position));
            _position += 4;
            return value;
        }

        public void SkipUtf()
        {
            Need(2);
            var length = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(_position));
            _position += 2;
            Skip(length);
        }

        public void Skip(long count)
        {
            Need(count);
            _position += (int)count;
        }

        private readonly void Need(long count)
        {
            if (count > end - _position)
            {
                throw new InvalidDataException("the store ends inside an entry");
            }
        }
    }
}
