using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection;

/// <summary>Where a text comes from, for rules whose judgement depends on it.</summary>
internal enum TextOrigin
{
    /// <summary>A file's content (config, docs, code), or literals of an assembly.</summary>
    File,

    /// <summary>One image config entry: an ENV NAME=VALUE, a label, a command line. Every value there is literal.</summary>
    ConfigEntry,

    /// <summary>A program's source file (Python, JavaScript, Java, Perl, ...): an unquoted value there is an expression, never a literal.</summary>
    SourceCode,
}

/// <summary>
/// A detector for one kind of credential. Rules only see text; where the text came from
/// (ENV, a label, a file in a layer) is the scanner's business.
/// </summary>
/// <summary>A look at the text around one keyword start (text, index), on its characters.</summary>
internal delegate bool KeywordTest(ReadOnlySpan<char> text, int index);

internal abstract class SecretRule
{
    /// <summary>Regexes never get more than this on one piece of text; a timeout is reported, not swallowed.</summary>
    protected const int TimeoutMs = 2000;

    /// <summary>Options of every rule regex (source-generated, so no compile cost when a build loads the task).</summary>
    protected const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>The diagnostic code, e.g. SG1001.</summary>
    public abstract string Id { get; }

    /// <summary>A short name of what the rule finds.</summary>
    public abstract string Title { get; }

    /// <summary>The rule's name in reports (SARIF): its class name without "Rule" unless it says otherwise.</summary>
    public virtual string Name => GetType().Name.Replace("Rule", "", StringComparison.Ordinal);

    /// <summary>The credential formats the rule knows (one, its title, unless it says more), for the docs and the catalogue's count.</summary>
    public virtual IReadOnlyList<string> Formats => [Title];

    public abstract Confidence Confidence { get; }

    /// <summary>Rules that name a specific format win over generic ones when both match the same text.</summary>
    public virtual bool IsGeneric => false;

    /// <summary>
    /// True when this rule's finding is the one kept where another specific rule matches the same place:
    /// a checksum over the whole value proves it, where the other sees only a setting's value (a key in a
    /// connection string). Otherwise the rule with the lower id keeps it.
    /// </summary>
    public virtual bool WinsTies => false;

    /// <summary>
    /// Key material (private keys): still reported, as a warning, in documentation folders, where
    /// everything else is taken for published example material.
    /// </summary>
    public virtual bool IsKeyMaterial => false;

    /// <summary>How to revoke this kind of credential, when there is something specific to say; empty otherwise.</summary>
    public virtual string RotationHint => "";

    /// <summary>
    /// Cheap case-insensitive substrings; the rule's regex runs only on text containing one of them.
    /// </summary>
    public abstract IReadOnlyList<string> Keywords { get; }

    /// <summary>Finds the credentials in <paramref name="text"/>.</summary>
    public abstract IEnumerable<SecretMatch> Find(string text);

    /// <summary>Finds the credentials in <paramref name="text"/>, knowing where it comes from.</summary>
    public virtual IEnumerable<SecretMatch> Find(string text, TextOrigin origin) => Find(text);

    /// <summary>
    /// Finds the credentials in <paramref name="text"/>, knowing where the rule's keywords start in it
    /// (ascending; from the one-pass <see cref="KeywordIndex"/>), so that a rule that looks only near its
    /// keywords need not search for them again. An empty list means "not known": search.
    /// </summary>
    public virtual IEnumerable<SecretMatch> Find(string text, TextOrigin origin, IReadOnlyList<int> keywordStarts) => Find(text, origin);

    /// <summary>Ordinal for keywords whose case is fixed by the format (token prefixes), which is much faster.</summary>
    protected virtual StringComparison KeywordComparison => StringComparison.OrdinalIgnoreCase;

    /// <summary>How the keyword pre-check compares (for the one-pass <see cref="KeywordIndex"/>).</summary>
    internal StringComparison KeywordMatching => KeywordComparison;

    /// <summary>
    /// False only where <see cref="Find(string, TextOrigin, IReadOnlyList{int})"/> would find nothing in
    /// <paramref name="text"/> with these keyword starts: decided on the characters alone, so that a window
    /// of text in which no rule can match never becomes a string (a fresh one for every text file that merely
    /// holds a keyword: a third of a base image check's new memory, see docs/performance.md). A rule that says
    /// false must be as sure as its <c>Find</c>: it checks what <c>Find</c> requires first, over the same
    /// places. True unless the rule knows better, and always for starts not known (an empty list). The tests
    /// run every scan with this checked against what <c>Find</c> found (<see cref="RuleSet.VerifyMayFind"/>).
    /// </summary>
    public virtual bool MayFind(ReadOnlySpan<char> text, TextOrigin origin, IReadOnlyList<int> keywordStarts) => true;

    /// <summary>
    /// True when every <c>Find</c> of this rule is <paramref name="declaring"/>'s (or its bases'): only then may
    /// that class's <see cref="MayFind"/> answer for a rule deriving from it.
    /// </summary>
    protected bool FindsAs(Type declaring) => _findsAs ??=
        GetType().GetMethods().Where(m => m.Name == nameof(Find)).All(m => m.DeclaringType is { } type && declaring.IsAssignableTo(type));

    private bool? _findsAs;

    /// <summary>
    /// True when <paramref name="test"/> holds at any of <paramref name="keywordStarts"/>, or when they are not
    /// known (an empty list): the <see cref="MayFind"/> of a rule whose every match needs one keyword start
    /// to pass a look of its own.
    /// </summary>
    protected static bool AtAnyKeyword(ReadOnlySpan<char> text, IReadOnlyList<int> keywordStarts, KeywordTest test)
    {
        foreach (var k in keywordStarts)
        {
            if (test(text, k))
            {
                return true;
            }
        }

        return keywordStarts.Count == 0;
    }

    /// <summary>The keyword starts at which <paramref name="test"/> holds, in order: where a rule's regexes need to run.</summary>
    protected static List<int> StartsWhere(ReadOnlySpan<char> text, IReadOnlyList<int> keywordStarts, KeywordTest test)
    {
        var kept = new List<int>();
        foreach (var k in keywordStarts)
        {
            if (test(text, k))
            {
                kept.Add(k);
            }
        }

        return kept;
    }

    /// <summary>True when <paramref name="regex"/> matches in any of <paramref name="spans"/>, each read as <see cref="MatchesIn"/> reads it (as the whole input).</summary>
    protected static bool AnyMatchIn(Regex regex, ReadOnlySpan<char> text, List<(int Start, int Length)> spans)
    {
        foreach (var (start, length) in spans)
        {
            if (regex.IsMatch(text.Slice(start, length)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when any keyword occurs in the text.</summary>
    public bool MayMatch(ReadOnlySpan<char> text)
    {
        foreach (var keyword in Keywords)
        {
            if (text.Contains(keyword, KeywordComparison))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The lines of <paramref name="text"/> that contain a keyword, as (start, length) ranges in order,
    /// each capped around the keyword. Rules whose credentials sit on one line run their regex only here.
    /// </summary>
    protected static List<(int Start, int Length)> KeywordLines(string text, IReadOnlyList<string> keywords, int reach = 1024) =>
        KeywordLines(text, KeywordStarts(text, keywords), reach);

    /// <summary>Where this rule's keywords start in <paramref name="text"/>: as the one-pass index found them, or searched for here when the rule runs alone.</summary>
    protected IReadOnlyList<int> StartsIn(string text, IReadOnlyList<int> keywordStarts) =>
        keywordStarts.Count > 0 ? keywordStarts : KeywordStarts(text, Keywords, KeywordComparison);

    /// <summary>Every match of <paramref name="regex"/> in each of <paramref name="spans"/>, in order.</summary>
    protected static IEnumerable<Match> MatchesIn(Regex regex, string text, IEnumerable<(int Start, int Length)> spans)
    {
        foreach (var (start, length) in spans)
        {
            for (var match = regex.Match(text, start, length); match.Success; match = match.NextMatch())
            {
                yield return match;
            }
        }
    }

    /// <summary>The "secret" group of each successful match that <paramref name="accept"/> takes, once per place, as this rule's finds.</summary>
    protected List<SecretMatch> Secrets(IEnumerable<Match?> matches, Func<Match, bool>? accept = null)
    {
        var found = new List<SecretMatch>();
        var reported = new HashSet<int>();
        foreach (var match in matches)
        {
            if (match is { Success: true } && (accept is null || accept(match)) && match.Groups["secret"] is var secret && reported.Add(secret.Index))
            {
                found.Add(new SecretMatch(secret.Index, secret.Length, Title));
            }
        }

        return found;
    }

    /// <summary>Where the keywords start in <paramref name="text"/> (case-insensitive unless told, ascending), for rules run without the one-pass index.</summary>
    protected static List<int> KeywordStarts(string text, IReadOnlyList<string> keywords, StringComparison comparison = StringComparison.OrdinalIgnoreCase)
    {
        var starts = new List<int>();
        foreach (var keyword in keywords)
        {
            for (var i = text.IndexOf(keyword, comparison); i >= 0; i = text.IndexOf(keyword, i + keyword.Length, comparison))
            {
                starts.Add(i);
            }
        }

        starts.Sort();
        return starts;
    }

    /// <summary>
    /// For a name that opens a section (a JSON object's key, found at each of <paramref name="starts"/>,
    /// ascending): from the start of its line (at most 256 characters back) to <paramref name="after"/>
    /// characters past it, as far as the section's entries can be; overlapping ranges joined.
    /// </summary>
    protected static List<(int Start, int Length)> SectionSpans(ReadOnlySpan<char> text, IReadOnlyList<int> starts, int after)
    {
        const int Before = 256;
        var spans = new List<(int Start, int Length)>();
        foreach (var k in starts)
        {
            var floor = Math.Max(0, k - Before);
            var start = Math.Max(floor, LastLineBreak(text, floor, k) + 1);
            var end = (int)Math.Min(text.Length, (long)k + after);
            if (spans.Count > 0 && start <= spans[^1].Start + spans[^1].Length)
            {
                spans[^1] = (spans[^1].Start, end - spans[^1].Start);
            }
            else
            {
                spans.Add((start, end - start));
            }
        }

        return spans;
    }

    /// <summary>
    /// For each of <paramref name="starts"/> (ascending; a member name's place), the JSON object holding it:
    /// from its '{' to its '}', each within <paramref name="reach"/> characters, passing over the objects
    /// inside it (IdentityServer's tempkey.jwk has "additionalData":{}); null where there is none. One pass
    /// over the text, however many starts: a text of nothing but names costs no more than any other.
    /// </summary>
    private static (int Start, int Length)?[] ObjectsAround(string text, IReadOnlyList<int> starts, int reach)
    {
        var objects = new (int Start, int Length)?[starts.Count];
        if (starts.Count == 0)
        {
            return objects;
        }

        var open = new List<int>(); // a stack (Stack<int> would be compiled on the spot in every build)
        var waiting = new Dictionary<int, List<int>>();
        var next = 0;
        for (var i = Math.Max(0, starts[0] - reach); i < Math.Min(text.Length, starts[^1] + reach); i++)
        {
            for (; next < starts.Count && starts[next] <= i; next++)
            {
                if (open.Count > 0 && starts[next] - open[^1] <= reach)
                {
                    if (!waiting.TryGetValue(open[^1], out var list))
                    {
                        waiting[open[^1]] = list = [];
                    }

                    list.Add(next);
                }
            }

            if (text[i] == '{')
            {
                open.Add(i);
            }
            else if (text[i] == '}' && open.Count > 0)
            {
                var o = open[^1];
                open.RemoveAt(open.Count - 1);
                if (waiting.Remove(o, out var inside))
                {
                    foreach (var k in inside)
                    {
                        if (i - starts[k] <= reach)
                        {
                            objects[k] = (o, i - o + 1);
                        }
                    }
                }
            }
        }

        return objects;
    }

    /// <summary>
    /// The JSON objects around the keywords at <paramref name="starts"/> (see <see cref="ObjectsAround"/>),
    /// each once, in the order of the first keyword inside it. Loops rather than LINQ: its generic code over
    /// nullable tuples is compiled on the spot in every build.
    /// </summary>
    protected static List<(int Start, int Length)> DistinctObjectsAround(string text, IReadOnlyList<int> starts, int reach)
    {
        var distinct = new List<(int Start, int Length)>();
        var seen = new HashSet<int>(); // an object is known by its opening brace
        foreach (var found in ObjectsAround(text, starts, reach))
        {
            if (found is { } o && seen.Add(o.Start))
            {
                distinct.Add(o);
            }
        }

        return distinct;
    }

    /// <summary>The last line break in <paramref name="text"/> from <paramref name="from"/> to <paramref name="to"/> (both included), or -1.</summary>
    private static int LastLineBreak(ReadOnlySpan<char> text, int from, int to) =>
        text[from..(to + 1)].LastIndexOf('\n') is var found and >= 0 ? from + found : -1;

    /// <summary>The lines holding the keywords that start at <paramref name="starts"/> (ascending), as <see cref="KeywordLines(string, IReadOnlyList{string}, int)"/> gives them.</summary>
    protected static List<(int Start, int Length)> KeywordLines(ReadOnlySpan<char> text, IReadOnlyList<int> starts, int reach = 1024)
    {
        var spans = new List<(int Start, int Length)>();
        var wholeLineEnd = -1; // the end of the last span when it is a whole line: keywords before it are on it
        foreach (var i in starts)
        {
            if (i < wholeLineEnd)
            {
                continue;
            }

            var floor = Math.Max(0, i - reach);
            var start = LastLineBreak(text, floor, i) + 1;
            var lineStart = start > 0 || floor == 0;
            if (start == 0)
            {
                start = floor;
            }

            // The reach is counted from the keyword's start; the longest keyword is well under 64 characters.
            var ceiling = Math.Min(text.Length, i + 64 + reach);
            var end = text[i..ceiling].IndexOf('\n') is var found and >= 0 ? i + found : -1;
            var lineEnd = end >= 0 || ceiling == text.Length;
            if (end < 0)
            {
                end = ceiling;
            }

            spans.Add((start, end - start));
            wholeLineEnd = lineStart && lineEnd ? end : -1;
        }

        spans.Sort();
        var merged = new List<(int Start, int Length)>(spans.Count);
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.Start <= merged[^1].Start + merged[^1].Length)
            {
                var last = merged[^1];
                merged[^1] = (last.Start, Math.Max(last.Start + last.Length, span.Start + span.Length) - last.Start);
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }
}
