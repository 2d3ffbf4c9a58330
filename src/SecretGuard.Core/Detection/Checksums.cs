using System.Buffers.Binary;
using System.Numerics;

namespace SecretGuard.Detection;

/// <summary>Offline checks that token formats with a built-in checksum use (GitHub, npm, Azure).</summary>
internal static class Checksums
{
    private const string Base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static readonly uint[] Crc32Table = BuildCrc32Table();

    /// <summary>CRC-32 (IEEE 802.3, as zlib computes it) of the ASCII text.</summary>
    public static uint Crc32(ReadOnlySpan<char> ascii)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in ascii)
        {
            crc = Crc32Table[(crc ^ (byte)c) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    /// <summary>The number in base 62 (0-9A-Za-z), left-padded with '0' to <paramref name="width"/>.</summary>
    public static string Base62(uint value, int width)
    {
        Span<char> buffer = stackalloc char[16];
        var pos = buffer.Length;
        do
        {
            buffer[--pos] = Base62Alphabet[(int)(value % 62)];
            value /= 62;
        }
        while (value > 0);

        var digits = new string(buffer[pos..]);
        return digits.Length >= width ? digits : new string('0', width - digits.Length) + digits;
    }

    /// <summary>
    /// True when the last six characters of <paramref name="body"/> are the base-62 CRC-32 of the rest
    /// (the scheme of GitHub's ghp_/gho_/ghu_/ghs_/ghr_ tokens and npm's npm_ tokens).
    /// </summary>
    public static bool HasValidCrc32Suffix(ReadOnlySpan<char> body)
    {
        if (body.Length <= 6)
        {
            return false;
        }

        var payload = body[..^6];
        var expected = Base62(Crc32(payload), 6);
        return body[^6..].SequenceEqual(expected);
    }

    /// <summary>The seed of Entra ID client secrets' checksum ("AadPwd00").</summary>
    private const ulong EntraClientSecretSeed = 0x4161645077643030;

    /// <summary>The alphabet of Entra ID client secrets, in the order their checksum's digits use.</summary>
    private const string EntraSecretAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890.-_~";

    /// <summary>The seed of common annotated security keys' checksum (the JQQJ99 format; "Default0").</summary>
    private const ulong AnnotatedKeySeed = 0x44656661756C7430;

    /// <summary>
    /// True when an Entra ID client secret of the current format (40 characters, "8Q~" at offset 3) ends
    /// with its checksum: the first three digits of the Marvin32 hash of the rest under the "AadPwd00"
    /// seed, written as six base-66 digits in the secret's own alphabet (leading zero digits kept).
    /// </summary>
    public static bool HasValidEntraClientSecretChecksum(ReadOnlySpan<char> secret)
    {
        if (secret.Length != 40 || !secret.Slice(3, 3).SequenceEqual("8Q~"))
        {
            return false;
        }

        Span<byte> latin1 = stackalloc byte[secret.Length - 3];
        for (var i = 0; i < latin1.Length; i++)
        {
            if (secret[i] > 0xFF)
            {
                return false;
            }

            latin1[i] = (byte)secret[i];
        }

        var checksum = Marvin32(latin1, EntraClientSecretSeed);
        Span<char> digits = stackalloc char[6];
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            digits[i] = EntraSecretAlphabet[(int)(checksum % 66)];
            checksum /= 66;
        }

        return secret[^3..].SequenceEqual(digits[..3]);
    }

    /// <summary>
    /// True when an 84-character common annotated security key (JQQJ99 at offset 52) ends with its
    /// checksum: its last four characters are the first three bytes of the Marvin32 hash of its first
    /// 60 bytes (80 characters) under the "Default0" seed, base64-encoded.
    /// </summary>
    public static bool HasValidAnnotatedKeyChecksum(ReadOnlySpan<char> key)
    {
        if (key.Length != 84)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[63];
        if (!Convert.TryFromBase64Chars(key, bytes, out var written) || written != 63)
        {
            return false;
        }

        var checksum = Marvin32(bytes[..60], AnnotatedKeySeed);
        return bytes[60] == (byte)checksum && bytes[61] == (byte)(checksum >> 8) && bytes[62] == (byte)(checksum >> 16);
    }

    /// <summary>
    /// Marvin32 (the hash .NET uses for strings) of <paramref name="data"/> with a 64-bit seed: Azure's
    /// identifiable keys end with it, seeded per service and key kind.
    /// </summary>
    public static uint Marvin32(ReadOnlySpan<byte> data, ulong seed)
    {
        var p0 = (uint)seed;
        var p1 = (uint)(seed >> 32);
        var blocks = data.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            p0 += BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i * 4, 4));
            MarvinBlock(ref p0, ref p1);
        }

        // The 0 to 3 bytes left, then a 0x80 end marker, fill the last block.
        var tail = data[(blocks * 4)..];
        var last = 0x80u;
        for (var i = tail.Length - 1; i >= 0; i--)
        {
            last = (last << 8) | tail[i];
        }

        p0 += last;
        MarvinBlock(ref p0, ref p1);
        MarvinBlock(ref p0, ref p1);
        return p0 ^ p1;
    }

    private static void MarvinBlock(ref uint p0, ref uint p1)
    {
        p1 ^= p0;
        p0 = BitOperations.RotateLeft(p0, 20);
        p0 += p1;
        p1 = BitOperations.RotateLeft(p1, 9);
        p1 ^= p0;
        p0 = BitOperations.RotateLeft(p0, 27);
        p0 += p1;
        p1 = BitOperations.RotateLeft(p1, 19);
    }

    private static uint[] BuildCrc32Table()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
