using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SecretGuard.Detection.KeyStores;

/// <summary>
/// Reads a PKCS#12 file's outline (RFC 7292) without its password: which safe bags are in the clear
/// and which parts are encrypted. Writers usually leave the shrouded key bag outside the encrypted part,
/// so a key is seen without any password; when everything is encrypted, well-known passwords are tried.
/// </summary>
internal static class Pkcs12Inspector
{
    public const string Format = "PKCS#12 key store";

    // 1.2.840.113549.1.7.x (PKCS#7 content types) and 1.2.840.113549.1.12.10.1.x (PKCS#12 bag types).
    private static readonly byte[] Pkcs7Data = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01];
    private static readonly byte[] BagTypePrefix = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x0A, 0x01];
    private const byte KeyBag = 1;
    private const byte ShroudedKeyBag = 2;
    private const byte SafeContentsBag = 6;
    private const int MaxNesting = 4;

    /// <summary>
    /// Tools use 2,000 to 10,000 key-derivation iterations (.NET 2,000, OpenSSL 2,048, Java 10,000): every
    /// well-known password is tried on such a store. The passwords tried on one store cost at most this many
    /// iterations together, the most common first, so a store asking for more gets fewer tries, and one
    /// asking for more than this none: a crafted file cannot make its tries cost seconds.
    /// </summary>
    public const int MaxIterationsPerStore = 250_000;

    /// <summary>
    /// The most one try may cost: twice the highest default of common tools. A store asking for more is not
    /// tried with passwords at all (reported as not opened), so hundreds of crafted stores cost nothing.
    /// </summary>
    public const int MaxIterationsTried = 20_000;

    /// <summary>True when the leading bytes are a PKCS#12 PFX: SEQUENCE { INTEGER 3, ... }.</summary>
    public static bool LooksLikePkcs12(ReadOnlySpan<byte> head)
    {
        if (head.Length < 8 || head[0] != Der.Sequence)
        {
            return false;
        }

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

        return head.Length >= i + 3 && head[i] == Der.Integer && head[i + 1] == 0x01 && head[i + 2] == 0x03;
    }

    /// <summary>Reads the store's outline, and tries well-known passwords within a budget of its own (see <see cref="MaxIterationsPerStore"/>).</summary>
    public static KeyStoreInspection Inspect(byte[] data) => Inspect(data, new KeyDerivationBudget(MaxIterationsPerStore));

    /// <summary>Reads the store's outline, and tries well-known passwords as far as <paramref name="budget"/> (shared by a check's stores) allows.</summary>
    public static KeyStoreInspection Inspect(byte[] data, KeyDerivationBudget budget)
    {
        int keys, sealedParts;
        long iterations;
        try
        {
            (keys, sealedParts, iterations) = Outline(data);
        }
        catch (InvalidDataException ex)
        {
            return new KeyStoreInspection(Format, 0, 0, null, ex.Message);
        }

        if (keys == 0 && sealedParts == 0)
        {
            return new KeyStoreInspection(Format, 0, 0, null); // certificates only, in the clear
        }

        var notOpened = new KeyStoreInspection(Format, keys, keys > 0 ? 0 : sealedParts, null);
        if (iterations > MaxIterationsTried)
        {
            return notOpened with { PasswordsNotTried = $"its key derivation asks for {iterations:N0} iterations, more than the {MaxIterationsTried:N0} a try may cost" };
        }

        // Each try derives the MAC key once (the empty password twice: as empty and as absent).
        var perTry = Math.Max(iterations, 1);
        var tries = 0;
        long spent = 0;
        foreach (var password in WeakPasswords.All)
        {
            var cost = password.Length == 0 ? 2 * perTry : perTry;
            if (spent + cost > MaxIterationsPerStore || !budget.TrySpend(cost))
            {
                break;
            }

            spent += cost;
            tries++;
            var opened = TryOpen(data, password);
            if (opened == CannotTry)
            {
                return notOpened; // this platform cannot open a store without touching a key store of its own
            }

            if (opened is { } keysInside)
            {
                // Opened: everything is known now, sealed parts included.
                return new KeyStoreInspection(Format, Math.Max(keys, keysInside), 0, WeakPasswords.Describe(password));
            }
        }

        return tries switch
        {
            0 => notOpened with { PasswordsNotTried = "the check's budget for trying passwords on key stores was spent" },
            _ when tries < WeakPasswords.All.Count => notOpened with { PasswordsNotTried = $"only the {tries} most common of {WeakPasswords.All.Count} well-known passwords were tried, at {iterations:N0} iterations each" },
            _ => notOpened,
        };
    }

    /// <summary>The largest iteration count a password try on <paramref name="data"/> would cost (for tests).</summary>
    internal static long IterationsToTry(byte[] data) => Outline(data).Iterations;

    /// <summary>
    /// Counts the key bags in the clear and the encrypted parts, from the DER structure alone, and finds
    /// the largest iteration count a password try would cost (the MAC's, the encrypted parts' and keys').
    /// </summary>
    private static (int Keys, int SealedParts, long Iterations) Outline(ReadOnlyMemory<byte> data)
    {
        var (pfx, _) = Der.Expect(data, Der.Sequence, "the PFX");
        var (version, afterVersion) = Der.Expect(pfx, Der.Integer, "the PFX version");
        if (version.Length != 1 || version.Span[0] != 3)
        {
            throw new InvalidDataException("the PFX version is not 3");
        }

        var (authSafe, macData) = Der.Expect(afterVersion, Der.Sequence, "the authenticated safe");
        var iterations = LargestInteger(macData, 0);
        var (type, content) = ContentInfo(authSafe);
        if (!type.Span.SequenceEqual(Pkcs7Data))
        {
            return (0, 1, iterations); // public-key integrity mode (signedData): nothing readable without the key
        }

        var (keys, sealedParts) = (0, 0);
        var (safes, _) = Der.Expect(content, Der.Sequence, "the list of safe contents");
        foreach (var (tag, safe) in Der.Elements(safes))
        {
            if (tag != Der.Sequence)
            {
                throw new InvalidDataException("a safe content is not a ContentInfo");
            }

            var (safeType, safeContent) = ContentInfo(safe);
            if (safeType.Span.SequenceEqual(Pkcs7Data))
            {
                var (bags, _) = Der.Expect(safeContent, Der.Sequence, "a SafeContents");
                keys += CountKeyBags(bags, 0);

                // A shrouded key's parameters sit in its bag, certificates inside OCTET STRINGs (not entered).
                iterations = Math.Max(iterations, LargestInteger(bags, 0));
            }
            else
            {
                sealedParts++; // encryptedData or envelopedData: needs the password (or a key)
                iterations = Math.Max(iterations, LargestInteger(safeContent, 0));
            }
        }

        return (keys, sealedParts, iterations);
    }

    /// <summary>A ContentInfo's type, and for data its OCTET STRING's bytes (for other types, the raw [0] content).</summary>
    private static (ReadOnlyMemory<byte> Type, ReadOnlyMemory<byte> Content) ContentInfo(ReadOnlyMemory<byte> contentInfo)
    {
        var (type, rest) = Der.Expect(contentInfo, Der.ObjectIdentifier, "a content type");
        if (rest.IsEmpty)
        {
            return (type, ReadOnlyMemory<byte>.Empty);
        }

        var (explicitContent, _) = Der.Expect(rest, Der.ContextZero, "a content");
        if (!type.Span.SequenceEqual(Pkcs7Data))
        {
            return (type, explicitContent);
        }

        var (tag, octets, _) = Der.Read(explicitContent);
        return (type, Der.OctetStringValue(tag, octets));
    }

    private static int CountKeyBags(ReadOnlyMemory<byte> safeContents, int depth)
    {
        var keys = 0;
        foreach (var (tag, bag) in Der.Elements(safeContents))
        {
            if (tag != Der.Sequence)
            {
                throw new InvalidDataException("a safe bag is not a SEQUENCE");
            }

            var (bagId, rest) = Der.Expect(bag, Der.ObjectIdentifier, "a bag type");
            var id = bagId.Span;
            if (id.Length != BagTypePrefix.Length + 1 || !id.StartsWith(BagTypePrefix))
            {
                continue; // not a PKCS#12 bag type: nothing the standard defines
            }

            switch (id[^1])
            {
                case KeyBag or ShroudedKeyBag:
                    keys++;
                    break;
                case SafeContentsBag when depth < MaxNesting:
                    var (value, _) = Der.Expect(rest, Der.ContextZero, "a nested safe contents");
                    var (nested, _) = Der.Expect(value, Der.Sequence, "a nested SafeContents");
                    keys += CountKeyBags(nested, depth + 1);
                    break;
            }
        }

        return keys;
    }

    /// <summary>
    /// The largest INTEGER in constructed elements, not entering OCTET STRINGs (a certificate's serial number
    /// is in one): in a MAC, an encrypted part or a shrouded key bag, the iteration counts are the only
    /// large ones. An INTEGER too long to hold in a long counts as the largest there is.
    /// </summary>
    private static long LargestInteger(ReadOnlyMemory<byte> data, int depth)
    {
        long largest = 0;
        try
        {
            foreach (var (tag, content) in Der.Elements(data))
            {
                if (tag == Der.Integer)
                {
                    largest = Math.Max(largest, content.Length > 7 ? long.MaxValue : content.Span.ToArray().Aggregate(0L, (value, b) => (value << 8) | b));
                }
                else if ((tag & 0x20) != 0 && depth < 16)
                {
                    largest = Math.Max(largest, LargestInteger(content, depth + 1)); // constructed: SEQUENCE, SET, [n]
                }
            }
        }
        catch (InvalidDataException)
        {
            return long.MaxValue; // never try passwords on what cannot be read
        }

        return largest;
    }

    /// <summary>The number of certificates with a private key when <paramref name="password"/> opens the store; null when it does not.</summary>
    private const int CannotTry = -1;

    /// <returns>The keys inside when <paramref name="password"/> opens the store, null when it does not, <see cref="CannotTry"/> where keys cannot be loaded ephemerally (macOS).</returns>
    private static int? TryOpen(byte[] data, string password)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            // Ephemeral: the keys never reach a key store of the machine's (a build must leave no trace).
            // Import, not .NET 9's X509CertificateLoader: the net8.0 and net10.0 builds then judge a store
            // alike (the loader's default limits would refuse some stores that Import opens).
#pragma warning disable SYSLIB0057
            certificates.Import(data, password, X509KeyStorageFlags.EphemeralKeySet);
#pragma warning restore SYSLIB0057
            return certificates.Count(c => c.HasPrivateKey);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (PlatformNotSupportedException)
        {
            return CannotTry;
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }
}
