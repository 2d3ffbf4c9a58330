using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SecretGuard.Detection;

/// <summary>
/// The keyword pre-check of every rule in one pass over the text. Each keyword is filed under the rarest
/// three characters it holds (ASCII, case-folded; see <see cref="CommonTrigrams"/>), with their offset in
/// it. The text is first folded into bytes (vector code: ASCII to lower case, anything else to 0), then
/// every position's three bytes form a code that is tested against a bit set of the filed runs: eight
/// positions at a time with AVX2 gathers where the processor has them, otherwise one at a time, each
/// position on its own so that no position waits for the one before. Where a run's bit is set, the
/// keywords filed under it are compared in place from where each would start (exactly, for keywords whose
/// case the format fixes). Keywords shorter than three characters are searched for on their own.
/// </summary>
/// <remarks>
/// Filing by the rarest run, not the first, keeps the candidates few as the catalogue grows: a keyword
/// such as <c>intercom_</c> filed under "int" made every "interface" and "into" of English text a
/// candidate (the ASP.NET Core reference pack's 42 million characters gave 770,000 candidates by first
/// runs, 264,000 by rarest).
/// </remarks>
internal sealed partial class KeywordIndex
{
    private const int Alphabet = 128;
    private const int PrefixBits = 21; // three 7-bit characters

    /// <summary>Zero bytes after the folded text, so that the last positions' codes and vector loads need no special case.</summary>
    private const int Padding = 32;

    /// <summary>ASCII folded to lower case; 0 for anything else (no keyword holds it, so no prefix with it is filed).</summary>
    private static readonly byte[] Folded = CreateFolded();

    /// <summary>Bit <c>code</c> is set when a keyword starts with the three characters of that code (see <see cref="Code"/>).</summary>
    private readonly int[] _prefixes = new int[(1 << PrefixBits) / 32];

    // The keywords by prefix, in an open-addressed table: slot -> (code, first keyword, count) into _keywords.
    private readonly int[] _slotCodes;
    private readonly int[] _slotFirst;
    private readonly int[] _slotCount;
    private readonly int _slotShift;
    private readonly Keyword[] _keywords;

    private readonly Keyword[] _short;
    private readonly int _ruleCount;
    private readonly int[] _unindexed;
    private readonly bool _useGather;

    /// <summary>True when some keyword is filed under a run after its start: its starts can then arrive out of order.</summary>
    private readonly bool _anyOffset;

#if NET9_0_OR_GREATER
    /// <summary>
    /// For an index of a few keywords (the documentation scan's key material rules): the text is searched
    /// for them directly, many characters a step, instead of coding every position. (.NET 9 and later;
    /// the .NET 8 build of the task always codes every position.)
    /// </summary>
    private readonly SearchValues<string>? _few;
#endif

    /// <summary>The most keywords for which the text is searched for them directly (.NET 9 and later).</summary>
    private const int FewKeywords = 8;

    /// <param name="Folded">The keyword's characters as the folded text holds them, for keywords compared ignoring case.</param>
    /// <param name="Offset">Where the run the keyword is filed under starts in it.</param>
    private sealed record Keyword(int Rule, string Text, bool Exact, byte[] Folded, int Offset = 0);

    /// <summary>The rank of each common run (0 the most common); a run not listed is rarer than all of them.</summary>
    /// <remarks>Made on first use: static initializers in two files of a partial class run in no set order.</remarks>
    private static Dictionary<int, int> TrigramRank => s_trigramRank ??= CreateTrigramRank();

    private static Dictionary<int, int>? s_trigramRank;

    private static Dictionary<int, int> CreateTrigramRank()
    {
        var rank = new Dictionary<int, int>();
        for (var i = 0; i < CommonTrigrams.Length; i++)
        {
            var t = CommonTrigrams[i];
            rank.TryAdd(Code(Folded[t[0]], Folded[t[1]], Folded[t[2]]), i);
        }

        return rank;
    }

    /// <summary>Where in <paramref name="keyword"/> (ASCII) the run it is filed under starts.</summary>
    internal static int RarestRunOf(string keyword) => RarestRun(keyword.Select(c => Folded[c]).ToArray());

    /// <summary>The offset of the keyword's rarest run of three (the first of equally rare ones).</summary>
    private static int RarestRun(byte[] folded)
    {
        var best = 0;
        var bestRank = -1;
        for (var j = 0; j + 3 <= folded.Length; j++)
        {
            var rank = TrigramRank.TryGetValue(Code(folded[j], folded[j + 1], folded[j + 2]), out var r) ? r : int.MaxValue;
            if (rank > bestRank)
            {
                best = j;
                bestRank = rank;
            }
        }

        return best;
    }

    /// <param name="allowVectors">False to use the one-position-at-a-time loop even where AVX2 is there (for tests).</param>
    public KeywordIndex(IReadOnlyList<SecretRule> rules, bool allowVectors = true)
    {
        _ruleCount = rules.Count;
        _useGather = allowVectors && GatherIsSupported();
        var byPrefix = new Dictionary<int, List<Keyword>>();
        var shortKeywords = new List<Keyword>();
        var unindexed = new List<int>();
        for (var r = 0; r < rules.Count; r++)
        {
            var keywords = rules[r].Keywords;
            if (keywords.Count == 0 || !AllIndexable(keywords))
            {
                unindexed.Add(r); // checked the slow way, rule by rule
                continue;
            }

            foreach (var k in keywords)
            {
                var folded = new byte[k.Length];
                for (var i = 0; i < k.Length; i++)
                {
                    folded[i] = Folded[k[i]];
                }

                var keyword = new Keyword(r, k, rules[r].KeywordMatching == StringComparison.Ordinal, folded);
                if (k.Length < 3)
                {
                    shortKeywords.Add(keyword);
                    continue;
                }

                var offset = RarestRun(folded);
                keyword = keyword with { Offset = offset };
                _anyOffset |= offset > 0;
                var code = Code(folded[offset], folded[offset + 1], folded[offset + 2]);
                _prefixes[code >> 5] |= 1 << code;
                if (!byPrefix.TryGetValue(code, out var list))
                {
                    byPrefix[code] = list = [];
                }

                list.Add(keyword);
            }
        }

        // At most a quarter of the slots used, so a lookup rarely probes more than one.
        var slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, byPrefix.Count * 4));
        _slotShift = 32 - BitOperations.Log2((uint)slots);
        _slotCodes = new int[slots];
        _slotCodes.AsSpan().Fill(-1);
        _slotFirst = new int[slots];
        _slotCount = new int[slots];
        var all = new List<Keyword>();
        foreach (var (code, list) in byPrefix)
        {
            var slot = Slot(code);
            while (_slotCodes[slot] >= 0)
            {
                slot = (slot + 1) & (slots - 1);
            }

            _slotCodes[slot] = code;
            _slotFirst[slot] = all.Count;
            _slotCount[slot] = list.Count;
            all.AddRange(list);
        }

        _keywords = [.. all];
        _short = [.. shortKeywords];
        _unindexed = [.. unindexed];
#if NET9_0_OR_GREATER
        if (allowVectors && _keywords.Length is > 0 and <= FewKeywords)
        {
            // One search ignoring case finds every place any of them starts (exact-case keywords too);
            // each place is then compared as the prefix path compares it, to know which keywords are there.
            _few = SearchValues.Create(_keywords.Select(k => k.Text).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(), StringComparison.OrdinalIgnoreCase);
        }
#endif
    }

    /// <summary>
    /// Whether the processor has AVX2. Asked in a method of its own: the ahead-of-time code of a method
    /// that asks is set aside where the answer may differ (every x64 machine), and the constructor would
    /// then be compiled on the spot, unoptimised, in every build.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool GatherIsSupported() => Avx2.IsSupported;

    /// <summary>Whether every keyword can be filed in the index: not empty, and only characters of its alphabet (no NUL).</summary>
    private static bool AllIndexable(IReadOnlyList<string> keywords)
    {
        foreach (var keyword in keywords)
        {
            if (keyword.Length == 0)
            {
                return false;
            }

            foreach (var c in keyword)
            {
                if (c == 0 || c >= Alphabet)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The rules (by index) with keywords the index cannot hold: their own check decides, on a string.</summary>
    public IReadOnlyList<int> Unindexed => _unindexed;

    /// <summary>For each rule (by index), whether one of its keywords occurs in <paramref name="text"/>.</summary>
    public bool[] RulesPresent(string text, IReadOnlyList<SecretRule> rules) =>
        Find(text, rules).Select(s => s is not null).ToArray();

    /// <summary>
    /// For each rule (by index), where its keywords start in <paramref name="text"/> (ascending), or null
    /// when none does. Rules with keywords the index cannot hold get an empty list when they may match.
    /// </summary>
    public List<int>?[] Find(string text, IReadOnlyList<SecretRule> rules) => Find(text, rules, text);

    /// <summary>
    /// As <see cref="Find(string, IReadOnlyList{SecretRule})"/>, on characters that need not be a string
    /// yet; <paramref name="whole"/> is the same text as a string, when there is one, for rules with
    /// keywords the index cannot hold (without it they are taken to be present).
    /// </summary>
    public List<int>?[] Find(ReadOnlySpan<char> text, IReadOnlyList<SecretRule> rules, string? whole)
    {
        var starts = new List<int>?[_ruleCount];
#if NET9_0_OR_GREATER
        if (_few is not null)
        {
            FindFew(text, _few, starts);
        }
        else
#endif
        {
            var folded = ArrayPool<byte>.Shared.Rent(text.Length + Padding);
            try
            {
                Fold(text, folded);
                if (_useGather)
                {
                    FindPrefixedEightAtATime(text, folded, starts);
                }
                else
                {
                    FindPrefixed(text, folded, starts);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(folded);
            }
        }

        foreach (var keyword in _short)
        {
            var comparison = keyword.Exact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            for (int at = 0, found; at < text.Length && (found = text[at..].IndexOf(keyword.Text, comparison)) >= 0; at += found + 1)
            {
                Add(at + found, keyword, starts);
            }
        }

        if (_short.Length > 0 || _anyOffset)
        {
            // A rule's keywords filed at one offset come in ascending order; short ones and those filed at
            // other offsets can arrive out of it, and two keywords of a rule can start at the same place.
            foreach (var list in starts)
            {
                if (list is { Count: > 1 })
                {
                    SortDistinct(list);
                }
            }
        }

        foreach (var r in _unindexed)
        {
            starts[r] = whole is null || rules[r].MayMatch(whole) ? [] : null;
        }

        return starts;
    }

#if NET9_0_OR_GREATER
    /// <summary>Every place one of the few keywords occurs, compared as <see cref="Candidate"/> compares them.</summary>
    private void FindFew(ReadOnlySpan<char> text, SearchValues<string> few, List<int>?[] starts)
    {
        var at = 0;
        while (at < text.Length && text[at..].IndexOfAny(few) is var found and >= 0)
        {
            var start = at + found;
            foreach (var keyword in _keywords)
            {
                var length = keyword.Text.Length;
                if (start + length <= text.Length
                    && (keyword.Exact ? text.Slice(start, length).SequenceEqual(keyword.Text) : System.Text.Ascii.EqualsIgnoreCase(text.Slice(start, length), keyword.Text)))
                {
                    Add(start, keyword, starts);
                }
            }

            at = start + 1;
        }
    }
#endif

    /// <summary>The prefix code of three folded characters, seven bits each, the first in the lowest bits.</summary>
    private static int Code(int first, int second, int third) => first | (second << 7) | (third << 14);

    private int Slot(int code) => (int)((uint)code * 0x9E3779B1u >> _slotShift);

    /// <summary>One position at a time; each position's code is read on its own, so the processor can overlap them.</summary>
    private void FindPrefixed(ReadOnlySpan<char> text, byte[] folded, List<int>?[] starts)
    {
        ref var bytes = ref MemoryMarshal.GetArrayDataReference(folded);
        ref var prefixes = ref MemoryMarshal.GetArrayDataReference(_prefixes);
        for (nint i = 0; i < text.Length; i++)
        {
            var code = Code(Unsafe.Add(ref bytes, i), Unsafe.Add(ref bytes, i + 1), Unsafe.Add(ref bytes, i + 2));
            if ((Unsafe.Add(ref prefixes, code >> 5) & (1 << code)) != 0)
            {
                Candidate(text, folded, (int)i, code, starts);
            }
        }
    }

    /// <summary>
    /// Eight positions at a time: their codes are built from three widened loads and their bits fetched
    /// with one gather. Optimised from the first call: the scan runs once per build, before tiering would
    /// reach this loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void FindPrefixedEightAtATime(ReadOnlySpan<char> text, byte[] folded, List<int>?[] starts)
    {
        var low5 = Vector256.Create(31);
        fixed (byte* bytes = folded)
        fixed (int* prefixes = _prefixes)
        {
            for (nint i = 0; i < text.Length; i += 8)
            {
                var code = Avx2.ConvertToVector256Int32(bytes + i)
                    | Avx2.ShiftLeftLogical(Avx2.ConvertToVector256Int32(bytes + i + 1), 7)
                    | Avx2.ShiftLeftLogical(Avx2.ConvertToVector256Int32(bytes + i + 2), 14);
                var words = Avx2.GatherVector256(prefixes, Avx2.ShiftRightLogical(code, 5), 4);
                var bits = Avx2.ShiftLeftLogicalVariable(words, Vector256.AsUInt32(low5 - (code & low5)));
                var hits = (uint)Avx.MoveMask(bits.AsSingle()); // the prefix's bit, now in each lane's sign
                while (hits != 0)
                {
                    var lane = BitOperations.TrailingZeroCount(hits);
                    hits &= hits - 1;
                    Candidate(text, folded, (int)i + lane, code.GetElement(lane), starts);
                }
            }
        }
    }

    /// <summary>Compares the keywords filed under <paramref name="code"/>, found at <paramref name="at"/>, with the text where each would start.</summary>
    /// <remarks>Inlined into the vector loop, which is compiled optimised at its first call, so that it is not a call into ahead-of-time code for every candidate.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Candidate(ReadOnlySpan<char> text, byte[] folded, int at, int code, List<int>?[] starts)
    {
        var slot = Slot(code);
        while (_slotCodes[slot] != code)
        {
            slot = (slot + 1) & (_slotCodes.Length - 1);
        }

        var end = _slotFirst[slot] + _slotCount[slot];
        for (var k = _slotFirst[slot]; k < end; k++)
        {
            var keyword = _keywords[k];
            var start = at - keyword.Offset;
            var length = keyword.Text.Length;
            if (start >= 0 && start + length <= text.Length
                && (keyword.Exact ? SameChars(text, start, keyword.Text) : SameFoldedBytes(folded, start, keyword.Folded, keyword.Offset)))
            {
                Add(start, keyword, starts);
            }
        }
    }

    // Keywords are short and most candidates differ within a character or two: plain loops, compiled
    // into this assembly's ahead-of-time code. A call to the runtime library's SequenceEqual from there
    // runs the library's own precompiled copy, which was most of the keyword pass in a build's single
    // pass over text dense in candidates (dpkg's lists: 12% of all the scan's time, against 3% once
    // the JIT has optimised it).
    private static bool SameChars(ReadOnlySpan<char> text, int start, string keyword)
    {
        for (var j = 0; j < keyword.Length; j++)
        {
            if (text[start + j] != keyword[j])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The three bytes at <paramref name="skip"/> are the run the candidate was found by, so they are not compared again.</summary>
    private static bool SameFoldedBytes(byte[] folded, int start, byte[] keyword, int skip)
    {
        for (var j = 0; j < keyword.Length; j++)
        {
            if ((uint)(j - skip) >= 3 && folded[start + j] != keyword[j])
            {
                return false;
            }
        }

        return true;
    }

    private static void SortDistinct(List<int> list)
    {
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i] <= list[i - 1])
            {
                list.Sort();
                var kept = 1;
                for (var j = 1; j < list.Count; j++)
                {
                    if (list[j] != list[kept - 1])
                    {
                        list[kept++] = list[j];
                    }
                }

                list.RemoveRange(kept, list.Count - kept);
                return;
            }
        }
    }

    private static void Add(int start, Keyword keyword, List<int>?[] starts)
    {
        var list = starts[keyword.Rule] ??= [];
        if (list.Count == 0 || list[^1] != start)
        {
            list.Add(start);
        }
    }

    /// <summary>
    /// Writes the text's characters as bytes: ASCII folded to lower case, anything else 0, then
    /// <see cref="Padding"/> zeros. Sixteen characters at a time where the processor has vectors.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Fold(ReadOnlySpan<char> text, byte[] folded)
    {
        ref var chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        ref var bytes = ref MemoryMarshal.GetArrayDataReference(folded);
        var length = text.Length;
        nint i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var nonAscii = Vector128.Create((ushort)Alphabet);
            var upperA = Vector128.Create((byte)'A');
            var letters = Vector128.Create((byte)26);
            var caseBit = Vector128.Create((byte)0x20);
            for (; i + 16 <= length; i += 16)
            {
                // Anything from 128 up becomes 128, so that narrowing keeps it apart; then 128 -> 0, A-Z -> a-z.
                var low = Vector128.Min(Vector128.LoadUnsafe(ref chars, (nuint)i), nonAscii);
                var high = Vector128.Min(Vector128.LoadUnsafe(ref chars, (nuint)i + 8), nonAscii);
                var narrow = Vector128.Narrow(low, high);
                var upper = Vector128.LessThan(narrow - upperA, letters);
                var result = (narrow | (upper & caseBit)) & ~Vector128.Equals(narrow, Vector128.Create((byte)Alphabet));
                result.StoreUnsafe(ref bytes, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            var c = Unsafe.Add(ref chars, i);
            Unsafe.Add(ref bytes, i) = c < Alphabet ? Folded[c] : (byte)0;
        }

        folded.AsSpan(length, Padding).Clear();
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
