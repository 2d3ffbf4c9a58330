using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Catalogue;

/// <summary>
/// One credential format as data: a line of <see cref="TokenFormats"/> instead of a class. The pattern is
/// a source-generated regex (compiled into the assembly, ahead of time with ReadyToRun) whose group
/// "secret" is the credential; it runs only on lines holding one of the keywords.
/// </summary>
/// <param name="Id">The diagnostic code, SG1nnn; never reused or renumbered.</param>
/// <param name="Name">The rule's name in SARIF reports (PascalCase, no "Rule").</param>
/// <param name="Title">What a finding is called.</param>
/// <param name="Summary">One sentence on the format for its docs page: the prefix, length and alphabet, or its structure.</param>
/// <param name="Pattern">The format; a group "secret" when the credential is part of the match.</param>
/// <param name="Keywords">Cheap substrings one of which every match holds (exact case unless <paramref name="IgnoreCase"/>); every rule needs good ones, they keep the scan's cost flat in the number of rules.</param>
/// <param name="RotationHint">Where and how to revoke it.</param>
public sealed record TokenFormat(string Id, string Name, string Title, string Summary, Regex Pattern, string[] Keywords, string RotationHint)
{
    public Confidence Confidence { get; init; } = Confidence.High;

    /// <summary>An offline check a candidate must pass besides not being a placeholder (a checksum, a decodable payload, mixed character classes).</summary>
    public Func<string, bool>? Validate { get; init; }

    /// <summary>The formats the entry knows when it knows more than one (listed on its page and counted in the catalogue).</summary>
    public IReadOnlyList<string>? Formats { get; init; }

    /// <summary>True when the keywords occur in any case (service names); token prefixes have a fixed case.</summary>
    public bool IgnoreCase { get; init; }

    /// <summary>For formats whose value is defined by its key or context rather than a prefix.</summary>
    public bool IsGeneric { get; init; }
}

/// <summary>The rule that runs one <see cref="TokenFormat"/>.</summary>
public sealed class TokenFormatRule(TokenFormat format) : RegexRule
{
    public TokenFormat Format { get; } = format;

    public override string Id => Format.Id;

    public override string Name => Format.Name;

    public override string Title => Format.Title;

    public override IReadOnlyList<string> Formats => Format.Formats ?? [Format.Title];

    public override Confidence Confidence => Format.Confidence;

    public override bool IsGeneric => Format.IsGeneric;

    public override string RotationHint => Format.RotationHint;

    public override IReadOnlyList<string> Keywords => Format.Keywords;

    protected override Regex Pattern => Format.Pattern;

    protected override StringComparison KeywordComparison => Format.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    protected override bool Accept(string candidate, Match match, string text) =>
        !Placeholders.IsPlaceholder(candidate) && (Format.Validate is null || Format.Validate(candidate));
}
