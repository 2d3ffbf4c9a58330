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
    }

    private readonly KeywordIndex _keywords;

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
                foreach (var match in rule.Find(text, origin, starts))
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
