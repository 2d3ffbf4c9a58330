using System.Text.RegularExpressions;
using SecretGuard.Detection.Catalogue;

namespace SecretGuard.Detection;

/// <summary>The text rules, run together over one piece of text.</summary>
internal sealed class RuleSet
{
    public RuleSet(IEnumerable<SecretRule> rules)
    {
        Rules = rules.ToArray();
        _keywords = new KeywordIndex(Rules);
        _unindexed = new bool[Rules.Count];
        foreach (var r in _keywords.Unindexed)
        {
            _unindexed[r] = true;
        }
    }

    private readonly KeywordIndex _keywords;

    /// <summary>The rules the keyword index cannot hold, by index: found on characters alone, each checks its keywords itself.</summary>
    private readonly bool[] _unindexed;

    /// <summary>
    /// Every rule, in the order of their ids: the catalogue's rows (<see cref="TokenFormats"/>,
    /// <see cref="ContextFormats"/>) and the structured rules, each a class of this assembly deriving from
    /// <see cref="SecretRule"/> with a parameterless constructor (<see cref="CreateStructuredRules"/>: a new
    /// class needs no list).
    /// </summary>
    public static RuleSet Default { get; } = new(
        TokenFormats.All.Select(SecretRule (f) => new TokenFormatRule(f))
            .Concat(ContextFormats.All.Select(f => new ContextFormatRule(f)))
            .Concat(CreateStructuredRules())
            .OrderBy(r => r.Id, StringComparer.Ordinal));

    /// <summary>
    /// One instance of every concrete, non-generic class of this assembly that derives from
    /// <see cref="SecretRule"/> and has a parameterless constructor, in no particular order.
    /// </summary>
    internal static List<SecretRule> CreateStructuredRules() =>
        [.. typeof(SecretRule).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(SecretRule)) && !t.IsAbstract && !t.ContainsGenericParameters)
            .Select(t => t.GetConstructor(Type.EmptyTypes)?.Invoke(null))
            .OfType<SecretRule>()];

    public IReadOnlyList<SecretRule> Rules { get; }

    /// <summary>
    /// All credentials in <paramref name="text"/>, ordered by position. Where a generic rule and a
    /// specific one match overlapping text, only the specific one is kept; one span is reported once.
    /// </summary>
    /// <exception cref="RuleTimeoutException">A rule's regex exceeded its time budget.</exception>
    public IReadOnlyList<RuleHit> Scan(string text, TextOrigin origin = TextOrigin.File) => Scan(text, origin, _keywords.Find(text, Rules));

    /// <summary>
    /// Where each rule's keywords start in <paramref name="text"/> (for <see cref="Scan(string, TextOrigin, List{int}?[])"/>),
    /// or null when no rule's keyword occurs in it: then no rule can match, and the text need never be
    /// made a string (most of a documentation folder's text, where only key material is looked for).
    /// </summary>
    public List<int>?[]? FindKeywords(ReadOnlySpan<char> text)
    {
        var starts = _keywords.Find(text, Rules, whole: null);
        foreach (var found in starts)
        {
            if (found is not null)
            {
                return starts;
            }
        }

        return null;
    }

    /// <summary>
    /// Drops from <paramref name="keywordStarts"/> (as <see cref="FindKeywords"/> found them in
    /// <paramref name="text"/>) every rule that cannot find anything there (<see cref="SecretRule.MayFind"/>),
    /// and tells whether any is left: when none is, the text need not become a string, and when some are,
    /// <see cref="Scan(string, TextOrigin, List{int}?[])"/> runs only those. Most text that holds a keyword
    /// holds no credential (a documentation folder's "password", every "path" for a rule keyed on "pat"),
    /// and each rule's own first look, or its regex run over the span, settles it.
    /// </summary>
    /// <exception cref="RuleTimeoutException">A rule's regex exceeded its time budget.</exception>
    public bool DropRulesThatCannotFind(ReadOnlySpan<char> text, TextOrigin origin, List<int>?[] keywordStarts)
    {
        var any = false;
        for (var r = 0; r < Rules.Count; r++)
        {
            if (keywordStarts[r] is not { } starts)
            {
                continue;
            }

            try
            {
                if ((_unindexed[r] && !Rules[r].MayMatch(text)) || !Rules[r].MayFind(text, origin, starts))
                {
                    keywordStarts[r] = null;
                    continue;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                throw new RuleTimeoutException(Rules[r].Id);
            }

            any = true;
        }

        return any;
    }

    /// <summary>
    /// For the tests: every <see cref="Scan(string, TextOrigin, List{int}?[])"/> checks that each rule that
    /// found something would have been let through by <see cref="SecretRule.MayFind"/>, and throws where it
    /// would not, so that every text the tests scan checks every rule's pre-check against its <c>Find</c>.
    /// </summary>
    internal static bool VerifyMayFind { get; set; }

    /// <summary>As <see cref="Scan(string, TextOrigin)"/>, with the keyword starts <see cref="FindKeywords"/> found in the same text.</summary>
    public IReadOnlyList<RuleHit> Scan(string text, TextOrigin origin, List<int>?[] keywordStarts)
    {
        // Found on characters alone, rules the index cannot hold were taken to be present: their own check now.
        foreach (var r in _keywords.Unindexed)
        {
            if (keywordStarts[r] is not null && !Rules[r].MayMatch(text))
            {
                keywordStarts[r] = null;
            }
        }

        List<RuleHit>? hits = null;
        for (var r = 0; r < Rules.Count; r++)
        {
            var rule = Rules[r];
            if (keywordStarts[r] is not { } starts)
            {
                continue;
            }

            try
            {
                var matches = rule.Find(text, origin, starts);
                if (VerifyMayFind)
                {
                    var found = matches.ToList();
                    if (found.Count > 0 && !rule.MayFind(text, origin, starts))
                    {
                        throw new InvalidOperationException($"rule {rule.Id}'s MayFind says it can find nothing in a text where its Find finds something ({text.Length} characters, keyword starts {string.Join(",", starts)})");
                    }

                    matches = found;
                }

                foreach (var match in matches)
                {
                    // Whatever the rule: a value no credential generator makes, or the shown part of a masked
                    // one, never fails a build (key material is parsed, and its base64 legitimately holds runs
                    // of one character).
                    if (rule.IsKeyMaterial || !(Placeholders.IsNotReal(text.AsSpan(match.Index, match.Length)) || Placeholders.IsMaskedAround(text, match.Index, match.Length)))
                    {
                        (hits ??= []).Add(new RuleHit(rule, match));
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
                throw new RuleTimeoutException(rule.Id);
            }
        }

        return hits is null ? [] : RemoveOverlaps(hits);
    }

    private static List<RuleHit> RemoveOverlaps(List<RuleHit> hits)
    {
        // Specific before generic, then by position, then a rule that wins ties, then by id (hits come in id
        // order and the sort is stable): the first claim on a span wins.
        var kept = new List<RuleHit>(hits.Count);
        foreach (var hit in hits.OrderBy(h => h.Rule.IsGeneric).ThenBy(h => h.Match.Index).ThenBy(h => !h.Rule.WinsTies))
        {
            if (!kept.Any(k => k.Match.Index < hit.Match.End && hit.Match.Index < k.Match.End))
            {
                kept.Add(hit);
            }
        }

        kept.Sort((a, b) => a.Match.Index.CompareTo(b.Match.Index));
        return kept;
    }
}

/// <summary>A rule's regex ran out of time: the text could not be fully checked.</summary>
internal sealed class RuleTimeoutException(string ruleId) : Exception($"rule {ruleId} exceeded its time budget")
{
    public string RuleId { get; } = ruleId;
}
