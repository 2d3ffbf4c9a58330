namespace SecretGuard.Detection;

/// <summary>
/// The keyword pre-check of every rule in one pass over the text: an Aho–Corasick automaton over all
/// rules' keywords (ASCII, case-folded; keywords a rule wants matched exactly are verified where they
/// are found). Which rules may match is then known without one search per keyword per rule.
/// </summary>
internal sealed class KeywordIndex
{
    private const int Alphabet = 128;

    private readonly int[] _next;
    private readonly (int Rule, string Keyword, bool Exact)[][] _outputs;
    private readonly int _ruleCount;
    private readonly int[] _unindexed;

    public KeywordIndex(IReadOnlyList<SecretRule> rules)
    {
        _ruleCount = rules.Count;
        var indexed = new List<(int Rule, string Keyword, bool Exact)>();
        var unindexed = new List<int>();
        for (var r = 0; r < rules.Count; r++)
        {
            var keywords = rules[r].Keywords;
            if (keywords.Count == 0 || keywords.Any(k => k.Length == 0 || k.Any(c => c >= Alphabet)))
            {
                unindexed.Add(r); // checked the slow way, rule by rule
                continue;
            }

            foreach (var k in keywords)
            {
                indexed.Add((r, k, rules[r].KeywordMatching == StringComparison.Ordinal));
            }
        }

        _unindexed = unindexed.ToArray();

        // The trie of folded keywords.
        var children = new List<int[]> { NewRow() };
        var outputs = new List<List<(int, string, bool)>> { new() };
        foreach (var entry in indexed)
        {
            var state = 0;
            foreach (var ch in entry.Keyword)
            {
                var c = Fold(ch);
                if (children[state][c] < 0)
                {
                    children[state][c] = children.Count;
                    children.Add(NewRow());
                    outputs.Add([]);
                }

                state = children[state][c];
            }

            outputs[state].Add(entry);
        }

        // Failure links, breadth first, turning the trie into a full transition table.
        var fail = new int[children.Count];
        var queue = new Queue<int>();
        for (var c = 0; c < Alphabet; c++)
        {
            if (children[0][c] < 0)
            {
                children[0][c] = 0;
            }
            else
            {
                fail[children[0][c]] = 0;
                queue.Enqueue(children[0][c]);
            }
        }

        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            outputs[state].AddRange(outputs[fail[state]]);
            for (var c = 0; c < Alphabet; c++)
            {
                var child = children[state][c];
                if (child < 0)
                {
                    children[state][c] = children[fail[state]][c];
                }
                else
                {
                    fail[child] = children[fail[state]][c];
                    queue.Enqueue(child);
                }
            }
        }

        _next = new int[children.Count * Alphabet];
        for (var s = 0; s < children.Count; s++)
        {
            Array.Copy(children[s], 0, _next, s * Alphabet, Alphabet);
        }

        _outputs = outputs.Select(o => o.Count == 0 ? null! : o.ToArray()).ToArray();
    }

    /// <summary>For each rule (by index), whether one of its keywords occurs in <paramref name="text"/>.</summary>
    public bool[] RulesPresent(string text, IReadOnlyList<SecretRule> rules)
    {
        var present = new bool[_ruleCount];
        var next = _next;
        var outputs = _outputs;
        var state = 0;
        for (var i = 0; i < text.Length; i++)
        {
            int c = text[i];
            if (c >= Alphabet)
            {
                state = 0;
                continue;
            }

            state = next[(state * Alphabet) + Fold((char)c)];
            if (outputs[state] is not { } found)
            {
                continue;
            }

            foreach (var (rule, keyword, exact) in found)
            {
                if (!present[rule] && (!exact || string.CompareOrdinal(text, i - keyword.Length + 1, keyword, 0, keyword.Length) == 0))
                {
                    present[rule] = true;
                }
            }
        }

        foreach (var r in _unindexed)
        {
            present[r] = rules[r].MayMatch(text);
        }

        return present;
    }

    private static int[] NewRow()
    {
        var row = new int[Alphabet];
        Array.Fill(row, -1);
        return row;
    }

    private static int Fold(char c) => c is >= 'A' and <= 'Z' ? c | 0x20 : c;
}
