using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection;

/// <summary>
/// A rule whose credential is the named group "secret" of one regex, with an optional check
/// (checksum, placeholder vocabulary) that a candidate must pass.
/// </summary>
internal abstract class RegexRule : SecretRule
{
    protected abstract Regex Pattern { get; }

    protected virtual string Label => Title;

    /// <summary>What a match is and how sure the rule is of it, when that depends on the candidate; the rule's label and confidence by default.</summary>
    protected virtual (string Label, Confidence? Confidence) Describe(string candidate) => (Label, null);

    /// <summary>How many of the match's characters are the credential: fewer when what ends it is not the pattern's to see (a shell expansion's closing brace).</summary>
    protected virtual int CredentialLength(Group secret, string text) => secret.Length;

    /// <summary>Returns false for candidates that are not real credentials (bad checksum, documentation example).</summary>
    protected virtual bool Accept(string candidate, Match match, string text) => !Placeholders.IsPlaceholder(candidate);

    /// <summary>
    /// True for credentials that never span lines: the regex then runs only on the lines holding a
    /// keyword, not over the whole text. By default, true when the pattern cannot match a line break
    /// (see <see cref="CanMatchLineBreak"/>); a rule whose pattern can but whose credential never does says so.
    /// </summary>
    protected virtual bool SingleLine => !(_canMatchLineBreak ??= CanMatchLineBreak(Pattern.ToString()));

    private bool? _canMatchLineBreak;

    /// <summary>
    /// True unless every part of the pattern excludes line breaks: no \s, \S, \W, \D, negated class,
    /// escaped line break or single-line mode ('.' without it never matches a line break). Errs towards true.
    /// </summary>
    internal static bool CanMatchLineBreak(string pattern) =>
        pattern.Contains(@"\s", StringComparison.Ordinal) || pattern.Contains(@"\S", StringComparison.Ordinal)
        || pattern.Contains(@"\W", StringComparison.Ordinal) || pattern.Contains(@"\D", StringComparison.Ordinal)
        || pattern.Contains("[^", StringComparison.Ordinal) || pattern.Contains(@"\n", StringComparison.Ordinal)
        || pattern.Contains(@"\r", StringComparison.Ordinal) || pattern.Contains("(?s", StringComparison.Ordinal)
        || pattern.Contains(@"\x0", StringComparison.Ordinal) || pattern.Contains(@"\p", StringComparison.Ordinal);

    /// <summary>For tests: whether the rule runs its regex on keyword lines only.</summary>
    internal bool RunsOnKeywordLines => SingleLine;

    public override IEnumerable<SecretMatch> Find(string text) =>
        SingleLine ? FindOnLines(text, KeywordLines(text, Keywords)) : Collect(text, Pattern.Match(text));

    public override IEnumerable<SecretMatch> Find(string text, TextOrigin origin, IReadOnlyList<int> keywordStarts) =>
        SingleLine && keywordStarts.Count > 0 ? FindOnLines(text, KeywordLines(text, keywordStarts)) : Find(text, origin);

    /// <summary>
    /// Whether the pattern matches where <see cref="Find(string, TextOrigin, IReadOnlyList{int})"/> looks (the
    /// keyword lines, or the whole text): nothing else can give a match. Taken as the rule's own answer only
    /// when <c>Find</c> is this class's: a rule that finds otherwise says for itself, from
    /// <see cref="PatternMayMatch"/> and what its <c>Find</c> requires.
    /// </summary>
    public override bool MayFind(ReadOnlySpan<char> text, TextOrigin origin, IReadOnlyList<int> keywordStarts) =>
        !FindsAs(typeof(RegexRule)) || PatternMayMatch(text, keywordStarts);

    /// <summary>Whether the pattern matches where this class's <c>Find</c> runs it, for <paramref name="keywordStarts"/> (empty: not known, so true).</summary>
    protected bool PatternMayMatch(ReadOnlySpan<char> text, IReadOnlyList<int> keywordStarts) =>
        keywordStarts.Count == 0 || (SingleLine ? AnyMatchIn(Pattern, text, KeywordLines(text, keywordStarts)) : Pattern.IsMatch(text));

    private List<SecretMatch> FindOnLines(string text, List<(int Start, int Length)> lines)
    {
        var found = new List<SecretMatch>();
        foreach (var (start, length) in lines)
        {
            found.AddRange(Collect(text, Pattern.Match(text, start, length)));
        }

        return found;
    }

    private List<SecretMatch> Collect(string text, Match match)
    {
        var found = new List<SecretMatch>();
        for (; match.Success; match = match.NextMatch())
        {
            var group = match.Groups["secret"];
            var secret = group.Success ? group : match;
            var length = CredentialLength(secret, text);
            var candidate = length == secret.Length ? secret.Value : text.Substring(secret.Index, length);
            if (length > 0 && Accept(candidate, match, text))
            {
                var (label, confidence) = Describe(candidate);
                found.Add(new SecretMatch(secret.Index, length, label, confidence));
            }
        }

        return found;
    }
}
