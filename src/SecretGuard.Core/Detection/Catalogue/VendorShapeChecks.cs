namespace SecretGuard.Detection.Catalogue;

/// <summary>
/// Offline checks of vendors' own token structure, beyond what a pattern can say: GitLab's routable tokens
/// (payload length and CRC-32 in base 36) and bech32 checksums (age identities).
/// </summary>
internal static class VendorShapeChecks
{
    private const string Base36Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
    private const string Bech32Alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    /// <summary>
    /// A GitLab routable token (GitLab 17.x and later): the prefix, the base64url payload, ".", the token
    /// version in two base-36 digits and "." (since April 2025; the design's first form had neither), the
    /// payload's length in two base-36 digits, and the CRC-32 (zlib) of everything before it in seven
    /// base-36 digits, as GitLab's RoutableToken generator writes them and its decoder checks them. False for
    /// a classic token (no suffix) and for one whose length or checksum does not hold.
    /// </summary>
    public static bool IsRoutableGitLabToken(ReadOnlySpan<char> token)
    {
        var dot = token.LastIndexOf('.');
        if (dot < 0 || token.Length - dot - 1 != 9)
        {
            return false;
        }

        // ".01." before the length and checksum: the token's version.
        var payloadEnd = dot >= 3 && token[dot - 3] == '.' && TryBase36(token.Slice(dot - 2, 2), out _) ? dot - 3 : dot;
        // The payload leaves at least the "gl" of a prefix before it (in ints: a short text must not wrap round).
        if (!TryBase36(token.Slice(dot + 1, 2), out var payloadLength) || (long)payloadLength > payloadEnd - "gl".Length)
        {
            return false;
        }

        // The payload is the run just before the dots; what precedes it is the prefix (glpat-, glrt-t1_, ...).
        var prefix = token[..(payloadEnd - (int)payloadLength)];
        if (!prefix.StartsWith("gl", StringComparison.Ordinal) || prefix.IndexOf('-') < 0 || prefix.IndexOf('.') >= 0)
        {
            return false;
        }

        return TryBase36(token[^7..], out var crc) && crc == Checksums.Crc32(token[..^7]);
    }

    /// <summary>
    /// True when the text is bech32 (BIP 173) with a checksum that holds (or bech32m's), read case-insensitively:
    /// the human-readable part up to the last "1", then data characters and six of checksum.
    /// </summary>
    public static bool HasValidBech32Checksum(ReadOnlySpan<char> text)
    {
        var separator = text.LastIndexOf('1');
        if (separator < 1 || text.Length - separator - 1 < 6)
        {
            return false;
        }

        var chk = 1u;
        var hrp = text[..separator];
        foreach (var c in hrp)
        {
            chk = Polymod(chk, (uint)char.ToLowerInvariant(c) >> 5);
        }

        chk = Polymod(chk, 0);
        foreach (var c in hrp)
        {
            chk = Polymod(chk, (uint)char.ToLowerInvariant(c) & 31);
        }

        foreach (var c in text[(separator + 1)..])
        {
            var value = Bech32Alphabet.IndexOf(char.ToLowerInvariant(c));
            if (value < 0)
            {
                return false;
            }

            chk = Polymod(chk, (uint)value);
        }

        return chk is 1 or 0x2bc830a3;
    }

    private static uint Polymod(uint chk, uint value)
    {
        var top = chk >> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ value;
        ReadOnlySpan<uint> generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
        for (var i = 0; i < 5; i++)
        {
            if (((top >> i) & 1) != 0)
            {
                chk ^= generator[i];
            }
        }

        return chk;
    }

    /// <summary>The number, written in small letters and digits (base 36), as Ruby's Integer#to_s(36) writes it.</summary>
    internal static string Base36(uint value, int width)
    {
        var digits = string.Empty;
        do
        {
            digits = Base36Alphabet[(int)(value % 36)] + digits;
            value /= 36;
        }
        while (value > 0);

        return digits.PadLeft(width, '0');
    }

    private static bool TryBase36(ReadOnlySpan<char> digits, out ulong value)
    {
        value = 0;
        foreach (var c in digits)
        {
            var d = Base36Alphabet.IndexOf(c);
            if (d < 0 || value > uint.MaxValue)
            {
                return false;
            }

            value = (value * 36) + (ulong)d;
        }

        return value <= uint.MaxValue;
    }
}
