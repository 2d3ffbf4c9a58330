namespace SecretGuard.Detection;

/// <summary>Offline checks that token formats with a built-in checksum use (GitHub, npm).</summary>
public static class Checksums
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
