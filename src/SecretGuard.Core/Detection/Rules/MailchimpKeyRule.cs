using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// Mailchimp API keys: 32 lower-case hex digits, -us and the data centre number (one or two digits).
/// Checked where "-us" occurs rather than by a regex over its lines: "-us" is in every en-us locale
/// name and -user option, and a regex looking for 32 hex digits along each such line cost more than any
/// other prefixed rule.
/// </summary>
internal sealed class MailchimpKeyRule : SecretRule
{
    private const int HexDigits = 32;

    public override string Id => "SG1036";

    public override string Title => "Mailchimp API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "disable it in Mailchimp (Account, Extras, API keys) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["-us"];

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    public override IEnumerable<SecretMatch> Find(string text) => Find(text, TextOrigin.File, []);

    public override IEnumerable<SecretMatch> Find(string text, TextOrigin origin, IReadOnlyList<int> keywordStarts)
    {
        var found = new List<SecretMatch>();
        foreach (var k in keywordStarts.Count > 0 ? keywordStarts : KeywordStarts(text, Keywords, KeywordComparison))
        {
            if (KeyAround(text, k) is not var (start, end) || Placeholders.IsPlaceholder(text.Substring(start, end - start)))
            {
                continue;
            }

            found.Add(new SecretMatch(start, end - start, Title));
        }

        return found;
    }

    public override bool MayFind(ReadOnlySpan<char> text, TextOrigin origin, IReadOnlyList<int> keywordStarts) =>
        AtAnyKeyword(text, keywordStarts, static (t, k) => KeyAround(t, k) is not null);

    /// <summary>Where the key whose "-us" starts at <paramref name="k"/> lies (32 hex digits before it, one or two digits after), or null when there is none.</summary>
    private static (int Start, int End)? KeyAround(ReadOnlySpan<char> text, int k)
    {
        var start = k - HexDigits;
        var digits = k + 3;
        var end = digits;
        while (end < text.Length && end - digits < 2 && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        if (start < 0 || end == digits || (start > 0 && TokenShape.IsWordChar(text[start - 1]))
            || (end < text.Length && TokenShape.IsWordChar(text[end]))
            || !text.Slice(k, 3).SequenceEqual("-us") || !TokenShape.IsLowerHex(text.Slice(start, HexDigits)))
        {
            return null;
        }

        return (start, end);
    }
}
