using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// Airtable personal access tokens (pat, a 14-character id of letters and digits, a dot and 64 lower-case
/// hex digits). Checked where "pat" occurs rather than by a regex over its lines: "pat" begins every
/// path and pattern.
/// </summary>
internal sealed class AirtableTokenRule : SecretRule
{
    private const int IdChars = 14;

    private const int Length = 3 + IdChars + 1 + 64;

    public override string Id => "SG1047";

    public override string Title => "Airtable personal access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in Airtable (Developer hub, Personal access tokens) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["pat"];

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    public override IEnumerable<SecretMatch> Find(string text) => Find(text, TextOrigin.File, []);

    public override IEnumerable<SecretMatch> Find(string text, TextOrigin origin, IReadOnlyList<int> keywordStarts)
    {
        var found = new List<SecretMatch>();
        foreach (var k in keywordStarts.Count > 0 ? keywordStarts : KeywordStarts(text, Keywords, KeywordComparison))
        {
            if (!HasTokenShapeAt(text, k) || Placeholders.IsPlaceholder(text.Substring(k, Length)))
            {
                continue;
            }

            found.Add(new SecretMatch(k, Length, Title));
        }

        return found;
    }

    public override bool MayFind(ReadOnlySpan<char> text, TextOrigin origin, IReadOnlyList<int> keywordStarts) =>
        AtAnyKeyword(text, keywordStarts, HasTokenShapeAt);

    private static bool HasTokenShapeAt(ReadOnlySpan<char> text, int k)
    {
        var end = k + Length;
        return end <= text.Length && text[k + 3 + IdChars] == '.' && !(k > 0 && TokenShape.IsWordChar(text[k - 1]))
            && !(end < text.Length && TokenShape.IsWordChar(text[end]))
            && !text.Slice(k + 3, IdChars).ContainsAnyExcept(TokenShape.LettersAndDigits)
            && TokenShape.IsLowerHex(text.Slice(k + 4 + IdChars, 64));
    }
}
