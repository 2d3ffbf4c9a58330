using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection;

/// <summary>
/// Credentials with no prefix of their own (32 or 40 hex digits, ...): only the service's name nearby
/// tells them apart from any hash. The name must come before the value, in its key
/// (<c>TWILIO_AUTH_TOKEN=</c>) or in the section above it (<c>"Twilio": { "AuthToken": … }</c>), and the
/// value must have the service's exact format and be assigned to a key the service uses for it.
/// </summary>
internal abstract class ServiceContextRule : SecretRule
{
    /// <summary>
    /// What stands between a key and its value, for <see cref="Assignment"/> patterns: the key's closing
    /// quote, then =, :, =>, ->, :=, a comma (a tuple, setdefault("KEY", "value")), a dash or bar between
    /// blanks (lists, tables) or blanks alone (a Dockerfile's ENV KEY value), then the value's opening quote.
    /// </summary>
    protected const string Separator = @"[""']?(?:[ \t]{0,3}(?:=>|->|:=|=|:|,)[ \t]{0,3}|[ \t]{1,3}(?:[-|][ \t]{1,3})?)[""'`]?";

    /// <summary>How far after the service's name its credential may be: the same line, or a few lines of its section.</summary>
    protected const int Reach = 400;

    /// <summary>
    /// How far before the service's name its credential may also be, for formats that name the service
    /// after the key (IBM's service credentials put the "apikey" above the "crn:v1:bluemix:…" lines). 0: only after.
    /// </summary>
    protected virtual int ReachBefore => 0;

    /// <summary>
    /// A key, an assignment and a value, with the named groups "name" (may be absent) and "secret". The
    /// name should start only where no name character precedes it (a lookbehind): otherwise the regex
    /// tries every position inside every word of the region, each time reading up to the name's limit.
    /// </summary>
    protected abstract Regex Assignment { get; }

    public override Confidence Confidence => Confidence.High;

    /// <summary>
    /// Words one of which the key's name must contain for <see cref="Classify"/> to accept it (ignoring
    /// case); empty when it accepts other names. A region holding none of them is not matched at all: for
    /// a service whose name is a common syllable ("ibm" is in every code page list) that is most regions.
    /// </summary>
    protected virtual IReadOnlyList<string> NameWords => [];

    /// <summary>How sure a match assigned to <paramref name="name"/> is, when that differs from the rule's confidence.</summary>
    protected virtual Confidence? ConfidenceOf(string name) => null;

    /// <summary>The label of the credential assigned to <paramref name="name"/>; null when that key does not hold one.</summary>
    protected abstract string? Classify(string name, string secret);

    public override IEnumerable<SecretMatch> Find(string text) => Find(text, KeywordStarts(text, Keywords, KeywordMatching));

    public override IEnumerable<SecretMatch> Find(string text, TextOrigin origin, IReadOnlyList<int> keywordStarts) =>
        Find(text, keywordStarts.Count > 0 ? keywordStarts : KeywordStarts(text, Keywords, KeywordMatching));

    private List<SecretMatch> Find(string text, IReadOnlyList<int> keywordStarts)
    {
        var found = new List<SecretMatch>();
        foreach (var (from, end) in RegionsToMatch(text, keywordStarts))
        {
            MatchRegion(text, from, end, found);
        }

        return found;
    }

    /// <summary>
    /// Whether <see cref="Find(string, TextOrigin, IReadOnlyList{int})"/> finds a credential, when it is this
    /// class's: each region it reads is matched as it would be, made a string of its own (a few hundred
    /// characters: the regex reads a region as the whole input either way, and a match's groups need a string).
    /// </summary>
    public override bool MayFind(ReadOnlySpan<char> text, TextOrigin origin, IReadOnlyList<int> keywordStarts) =>
        !FindsAs(typeof(ServiceContextRule)) || AnyFoundInRegions(text, keywordStarts);

    /// <summary>Whether any region <c>Find</c> reads for <paramref name="keywordStarts"/> (empty: not known, so true) holds a credential it would report.</summary>
    protected bool AnyFoundInRegions(ReadOnlySpan<char> text, IReadOnlyList<int> keywordStarts)
    {
        if (keywordStarts.Count == 0)
        {
            return true;
        }

        foreach (var (from, end) in RegionsToMatch(text, keywordStarts))
        {
            var region = new string(text[from..end]);
            if (MatchRegion(region, 0, region.Length, found: null))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The stretches of text <c>Find</c> matches: each keyword's region, from where the one before it ended (regions overlap when the name recurs; each stretch is matched once), where it holds one of <see cref="NameWords"/>.</summary>
    private List<(int From, int End)> RegionsToMatch(ReadOnlySpan<char> text, IReadOnlyList<int> keywordStarts)
    {
        var regions = new List<(int From, int End)>();
        var scannedTo = 0;
        foreach (var i in keywordStarts)
        {
            var (start, end) = Region(text, i, ReachBefore);
            var from = Math.Max(start, scannedTo);
            if (from >= end)
            {
                continue;
            }

            scannedTo = end;
            if (NameWords.Count == 0 || ContainsAny(text[from..end], NameWords))
            {
                regions.Add((from, end));
            }
        }

        return regions;
    }

    /// <summary>
    /// The credentials assigned in <paramref name="text"/> from <paramref name="from"/> to <paramref name="end"/>,
    /// each added to <paramref name="found"/>; true when there is one (with no list, at the first).
    /// </summary>
    private bool MatchRegion(string text, int from, int end, List<SecretMatch>? found)
    {
        var any = false;
        for (var match = Assignment.Match(text, from, end - from); match.Success;)
        {
            var secret = match.Groups["secret"];
            var name = match.Groups["name"];
            if (!Placeholders.IsPlaceholder(secret.Value) && Entropy.BitsPerChar(secret.ValueSpan) >= 3.0
                && Classify(name.Success ? name.Value : "", secret.Value) is { } label)
            {
                if (found is null)
                {
                    return true;
                }

                found.Add(new SecretMatch(secret.Index, secret.Length, label, ConfidenceOf(name.Success ? name.Value : "")));
                any = true;

                match = match.NextMatch();
            }
            else
            {
                // Not a credential: its "value" may be the next pair's key (ENV KEY value, - KEY - 'value').
                var next = secret.Success && secret.Index > match.Index ? secret.Index : match.Index + Math.Max(1, match.Length);
                match = next < end ? Assignment.Match(text, next, end - next) : Match.Empty;
            }
        }

        return any;
    }

    /// <summary>
    /// From the start of the line naming the service at <paramref name="i"/> (or of the line <paramref name="before"/>
    /// characters earlier) to <see cref="Reach"/> characters after the name.
    /// </summary>
    private static (int Start, int End) Region(ReadOnlySpan<char> text, int i, int before)
    {
        var from = Math.Max(0, i - before);
        var back = Math.Min(from, 80);
        var lineStart = from == 0 ? 0 : (text[(from - back)..from].LastIndexOf('\n') is var found and >= 0 ? from - back + found : -1) + 1;
        return (Math.Max(lineStart, from - 80), Math.Min(text.Length, i + 64 + Reach));
    }

    private static bool ContainsAny(ReadOnlySpan<char> region, IReadOnlyList<string> words)
    {
        foreach (var word in words)
        {
            if (region.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="name"/> contains any of <paramref name="words"/>, ignoring case.</summary>
    protected static bool Names(string name, params string[] words) =>
        words.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));
}
