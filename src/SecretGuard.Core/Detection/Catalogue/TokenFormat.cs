using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Catalogue;

/// <summary>
/// One credential format as data: a row of <see cref="TokenFormats"/> instead of a class. The pattern is
/// a source-generated regex (compiled into the assembly, ahead of time with ReadyToRun) whose group
/// "secret" is the credential; it runs only on lines holding one of the keywords, and is made the first
/// time it runs (most of a build's rules never see their keywords).
/// </summary>
/// <param name="Id">The diagnostic code, SG1nnn; never reused or renumbered.</param>
/// <param name="Name">The rule's name in SARIF reports (PascalCase, no "Rule").</param>
/// <param name="Title">What a finding is called.</param>
/// <param name="Summary">One sentence on the format for its docs page: the prefix, length and alphabet, or its structure.</param>
/// <param name="Pattern">The format's source-generated regex method; a group "secret" when the credential is part of the match.</param>
/// <param name="Keywords">Cheap substrings one of which every match holds (exact case unless <paramref name="IgnoreCase"/>); every rule needs good ones, they keep the scan's cost flat in the number of rules.</param>
/// <param name="RotationHint">Where and how to revoke it.</param>
internal sealed record TokenFormat(string Id, string Name, string Title, string Summary, Func<Regex> Pattern, string[] Keywords, string RotationHint)
{
    public Confidence Confidence { get; init; } = Confidence.High;

    /// <summary>
    /// Why a high-confidence entry is sure, for its page, when not by a prefix of its own (a password line
    /// of a file format): null for a token whose prefix and shape prove it.
    /// </summary>
    public string? ConfidenceReason { get; init; }

    /// <summary>An offline check a candidate must pass besides not being a placeholder (a checksum, a decodable payload, mixed character classes).</summary>
    public Func<string, bool>? Validate { get; init; }

    /// <summary>The formats the entry knows when it knows more than one (listed on its page and counted in the catalogue).</summary>
    public IReadOnlyList<string>? Formats { get; init; }

    /// <summary>True when the keywords occur in any case (service names); token prefixes have a fixed case.</summary>
    public bool IgnoreCase { get; init; }

    /// <summary>
    /// True when every keyword is where the token starts (its prefix): a keyword with a letter, digit or _
    /// just before it is inside a longer word ("task_" is not "sk_"), and the pattern is never run for it.
    /// False for keywords taken from inside the token or its surroundings.
    /// </summary>
    public bool KeywordStartsToken { get; init; } = true;

    /// <summary>
    /// A cheap look at the text around one keyword start (text, index) that must hold before the pattern
    /// runs at all, for keywords that ordinary text holds often; by default, <see cref="KeywordStartsToken"/>'s test.
    /// </summary>
    public KeywordTest? AtKeyword { get; init; }

    /// <summary>For formats whose value is defined by its key or context rather than a prefix.</summary>
    public bool IsGeneric { get; init; }

    /// <summary>
    /// False when <see cref="Validate"/> alone decides (a checksum proves the value, or the value is decoded),
    /// so the placeholder vocabulary is not applied to the candidate first.
    /// </summary>
    public bool ChecksPlaceholders { get; init; } = true;

    /// <summary>What a match is and how sure the rule is of it when that depends on the value (a checksum that holds or not); the title and the row's confidence otherwise.</summary>
    public Func<string, (string Label, Confidence? Confidence)>? Describe { get; init; }

    /// <summary>Key material: still reported, as a warning, in documentation folders (see <see cref="SecretRule.IsKeyMaterial"/>).</summary>
    public bool IsKeyMaterial { get; init; }

    /// <summary>
    /// True when the credential never spans lines although the pattern could (\s around a name), so the
    /// pattern runs on the keywords' lines only; by default that is decided from the pattern.
    /// </summary>
    public bool KeywordLinesOnly { get; init; }

    /// <summary>More on the format for its docs page, after <see cref="Summary"/> (why it is a credential, what is checked).</summary>
    public string? Details { get; init; }

    /// <summary>What its docs page lists as not flagged besides placeholders and obviously fake values; a prefix without a value of the right shape by default.</summary>
    public string? NotFlagged { get; init; }
}

/// <summary>The rule that runs one <see cref="TokenFormat"/>.</summary>
internal sealed class TokenFormatRule(TokenFormat format) : RegexRule
{
    public TokenFormat Format { get; } = format;

    public override string Id => Format.Id;

    public override string Name => Format.Name;

    public override string Title => Format.Title;

    public override IReadOnlyList<string> Formats => Format.Formats ?? [Format.Title];

    public override Confidence Confidence => Format.Confidence;

    public override bool IsGeneric => Format.IsGeneric;

    public override bool IsKeyMaterial => Format.IsKeyMaterial;

    public override string RotationHint => Format.RotationHint;

    public override IReadOnlyList<string> Keywords => Format.Keywords;

    protected override Regex Pattern => Format.Pattern();

    protected override bool SingleLine => Format.KeywordLinesOnly || base.SingleLine;

    protected override (string Label, Confidence? Confidence) Describe(string candidate) => Format.Describe?.Invoke(candidate) ?? base.Describe(candidate);

    protected override StringComparison KeywordComparison => Format.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public override IEnumerable<SecretMatch> Find(string text, TextOrigin origin, IReadOnlyList<int> keywordStarts)
    {
        // Most keyword hits in ordinary text are inside words; those never need the pattern (nor, on a
        // build's first pass, its compilation).
        if (!AnyKeywordStartsOne(text, keywordStarts))
        {
            return [];
        }

        return base.Find(text, origin, keywordStarts);
    }

    /// <summary>The pattern where <see cref="Find(string, TextOrigin, IReadOnlyList{int})"/> runs it, once a keyword start may begin a token.</summary>
    public override bool MayFind(ReadOnlySpan<char> text, TextOrigin origin, IReadOnlyList<int> keywordStarts) =>
        AnyKeywordStartsOne(text, keywordStarts) && PatternMayMatch(text, keywordStarts);

    /// <summary>False when the format's look at each keyword start (<see cref="TokenFormat.AtKeyword"/>, or <see cref="TokenFormat.KeywordStartsToken"/>) rules out all of them.</summary>
    private bool AnyKeywordStartsOne(ReadOnlySpan<char> text, IReadOnlyList<int> keywordStarts) =>
        (Format.AtKeyword ?? (Format.KeywordStartsToken ? StartsToken : null)) is not { } atKeyword || AtAnyKeyword(text, keywordStarts, atKeyword);

    private static bool StartsToken(ReadOnlySpan<char> text, int i) => i == 0 || !TokenShape.IsWordChar(text[i - 1]);

    protected override bool Accept(string candidate, Match match, string text) =>
        (!Format.ChecksPlaceholders || !Placeholders.IsPlaceholder(candidate)) && (Format.Validate is null || Format.Validate(candidate));
}
