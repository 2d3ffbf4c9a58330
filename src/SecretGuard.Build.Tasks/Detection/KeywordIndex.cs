using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SecretGuard.Detection;

/// <summary>
/// The keyword pre-check of every rule in one pass over the text. Each keyword is filed under its first
/// three characters (ASCII, case-folded): the pass keeps a rolling code of the last three characters and
/// tests it against a bit set of those prefixes, so most characters cost a shift, an or and one bit test,
/// with no chain of dependent loads as in a state machine. Where a prefix's bit is set, the keywords
/// filed under it are compared in place (exactly, for keywords whose case the format fixes).
/// Keywords shorter than three characters are searched for on their own.
/// </summary>
internal sealed class KeywordIndex
{
    private const int Alphabet = 128;
    private const int PrefixBits = 21; // three 7-bit characters
    private const int PrefixMask = (1 << PrefixBits) - 1;

    /// <summary>ASCII folded to lower case; 0 for anything else (no keyword holds it, so no prefix with it is filed).</summary>
    private static readonly byte[] Folded = CreateFolded();

    /// <summary><see cref="Folded"/> for every UTF-16 value, so the scan loop needs no range check.</summary>
    private static readonly byte[] FoldedWide = CreateFoldedWide();

    private readonly ulong[] _prefixes = new ulong[(1 << PrefixBits) / 64];
    private readonly Dictionary<int, Keyword[]> _byPrefix;
    private readonly Keyword[] _short;
    private readonly int _ruleCount;
    private readonly int[] _unindexed;

    private readonly record struct Keyword(int Rule, string Text, bool Exact);

    public KeywordIndex(IReadOnlyList<SecretRule> rules)
    {
        _ruleCount = rules.Count;
        var byPrefix = new Dictionary<int, List<Keyword>>();
        var shortKeywords = new List<Keyword>();
        var unindexed = new List<int>();
        for (var r = 0; r < rules.Count; r++)
        {
            var keywords = rules[r].Keywords;
            if (keywords.Count == 0 || keywords.Any(k => k.Length == 0 || k.Any(c => c == 0 || c >= Alphabet)))
            {
                unindexed.Add(r); // checked the slow way, rule by rule
                continue;
            }

            foreach (var k in keywords)
            {
                var keyword = new Keyword(r, k, rules[r].KeywordMatching == StringComparison.Ordinal);
                if (k.Length < 3)
                {
                    shortKeywords.Add(keyword);
                    continue;
                }

                var prefix = (Folded[k[0]] << 14) | (Folded[k[1]] << 7) | Folded[k[2]];
                _prefixes[prefix >> 6] |= 1UL << prefix;
                if (!byPrefix.TryGetValue(prefix, out var list))
                {
                    byPrefix[prefix] = list = [];
                }

                list.Add(keyword);
            }
        }

        _byPrefix = byPrefix.ToDictionary(p => p.Key, p => p.Value.ToArray());
        _short = [.. shortKeywords];
        _unindexed = [.. unindexed];
    }

    /// <summary>For each rule (by index), whether one of its keywords occurs in <paramref name="text"/>.</summary>
    public bool[] RulesPresent(string text, IReadOnlyList<SecretRule> rules) =>
        Find(text, rules).Select(s => s is not null).ToArray();

    /// <summary>
    /// For each rule (by index), where its keywords start in <paramref name="text"/> (ascending), or null
    /// when none does. Rules with keywords the index cannot hold get an empty list when they may match.
    /// </summary>
    public List<int>?[] Find(string text, IReadOnlyList<SecretRule> rules)
    {
        var starts = new List<int>?[_ruleCount];
        FindPrefixed(text, starts);

        foreach (var keyword in _short)
        {
            var comparison = keyword.Exact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            for (var i = text.IndexOf(keyword.Text, comparison); i >= 0; i = text.IndexOf(keyword.Text, i + 1, comparison))
            {
                Add(text, i, keyword, starts);
            }
        }

        foreach (var list in starts)
        {
            list?.Sort();
        }

        foreach (var r in _unindexed)
        {
            starts[r] = rules[r].MayMatch(text) ? [] : null;
        }

        return starts;
    }

    /// <summary>Tests the three characters ending at every position against the prefix bit set.</summary>
    private void FindPrefixed(string text, List<int>?[] starts)
    {
        // No bounds checks in the loop: it is most of the scan's time. The folded table covers every
        // UTF-16 value (non-ASCII to 0), and a code holding a 0 is never a prefix, so the first two
        // positions need no special case.
        ref var chars = ref MemoryMarshal.GetReference(text.AsSpan());
        ref var folded = ref MemoryMarshal.GetArrayDataReference(FoldedWide);
        ref var prefixes = ref MemoryMarshal.GetArrayDataReference(_prefixes);
        var code = 0;
        for (nint i = 0; i < text.Length; i++)
        {
            code = ((code << 7) | Unsafe.Add(ref folded, Unsafe.Add(ref chars, i))) & PrefixMask;
            if ((Unsafe.Add(ref prefixes, code >> 6) & (1UL << code)) != 0)
            {
                foreach (var keyword in _byPrefix[code])
                {
                    Add(text, (int)i - 2, keyword, starts);
                }
            }
        }
    }

    private static void Add(string text, int start, Keyword keyword, List<int>?[] starts)
    {
        var k = keyword.Text;
        if (start + k.Length > text.Length)
        {
            return;
        }

        for (var j = 0; j < k.Length; j++)
        {
            var c = text[start + j];
            if (keyword.Exact ? c != k[j] : (c >= Alphabet || Folded[c] != Folded[k[j]]))
            {
                return;
            }
        }

        var list = starts[keyword.Rule] ??= [];
        if (list.Count == 0 || list[^1] != start)
        {
            list.Add(start);
        }
    }

    private static byte[] CreateFoldedWide()
    {
        var wide = new byte[char.MaxValue + 1];
        Folded.CopyTo(wide, 0);
        return wide;
    }

    private static byte[] CreateFolded()
    {
        var folded = new byte[Alphabet];
        for (var c = 1; c < Alphabet; c++)
        {
            folded[c] = (byte)(c is >= 'A' and <= 'Z' ? c | 0x20 : c);
        }

        return folded;
    }
}
