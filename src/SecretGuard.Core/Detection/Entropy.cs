namespace SecretGuard.Detection;

/// <summary>Shannon entropy in bits per character: random keys score high, words and identifiers lower.</summary>
internal static class Entropy
{
    public static double BitsPerChar(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        Span<int> counts = stackalloc int[128];
        var other = new Dictionary<char, int>();
        foreach (var c in value)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                other[c] = other.GetValueOrDefault(c) + 1;
            }
        }

        double bits = 0;
        double n = value.Length;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = count / n;
                bits -= p * Math.Log2(p);
            }
        }

        foreach (var count in other.Values)
        {
            var p = count / n;
            bits -= p * Math.Log2(p);
        }

        return bits;
    }
}
