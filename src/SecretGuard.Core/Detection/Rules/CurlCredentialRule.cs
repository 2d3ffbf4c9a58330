using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// Credentials on a curl command line, as entrypoint scripts and health checks hold them: <c>-u user:password</c>
/// (also quoted apart, or with no user), <c>-u key:</c> (an API key as the user, as Stripe and others take
/// it), and <c>-H 'Authorization: Bearer …'</c>, <c>Basic …</c> or an API key or token header. The command may continue
/// over a few backslash-ended lines.
/// </summary>
internal sealed partial class CurlCredentialRule : RegexRule
{
    // curl, up to five continued lines, then the option; the secret is the password (-u user:pw, "user":"pw", :pw),
    // an API key sent as the user with no password (-u key:), or the token of an Authorization, *Api-Key or *Token header.
    [GeneratedRegex(@"\bcurl\b(?:[^\n]{0,400}?\\\r?\n){0,5}?[^\n]{0,400}?[ \t](?:(?<user>-u|--user)(?:=|[ \t]+)(?:[""']?[^:\s""'$]{0,100}[""']?:[""']?(?<secret>[^\s""']{1,200})|[""']?(?<keyAsUser>)(?<secret>[^:\s""'$]{8,200}):[""']?(?=[\s;)]|$))|(?:-H|--header)(?:=|[ \t]+)[""'](?:(?i:Authorization):[ \t]*(?<scheme>(?i:Bearer|Basic|Token|Bot|Api-Key))[ \t]+|(?i:(?:[A-Za-z]+-)*(?:Api-?Key|Token)):[ \t]*)(?<secret>[^\s""']{8,800}))", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1254";

    public override string Title => "Credential in a curl command";

    public override IReadOnlyList<string> Formats { get; } =
        ["curl -u user:password", "curl Authorization: Bearer header", "curl Authorization: Basic header", "curl API key or token header"];

    public override Confidence Confidence => Confidence.Medium;

    public override string RotationHint => "change the password or revoke the token at the service the command calls, then read it at run time (curl --netrc-file, -H @file, or an environment variable from a mounted secret)";

    public override IReadOnlyList<string> Keywords { get; } = ["curl"];

    protected override Regex Pattern => PatternRegex();

    // A command spans lines only by its trailing backslashes; each continued line is read at its keyword too.
    protected override bool SingleLine => false;

    // Most mentions of curl (docs, licences) pass no credential option: a look after each settles it.
    public override IEnumerable<SecretMatch> Find(string text, TextOrigin origin, IReadOnlyList<int> keywordStarts) =>
        AnyOptionAfter(text, keywordStarts) ? base.Find(text, origin, keywordStarts) : [];

    public override bool MayFind(ReadOnlySpan<char> text, TextOrigin origin, IReadOnlyList<int> keywordStarts) =>
        AnyOptionAfter(text, keywordStarts) && PatternMayMatch(text, keywordStarts);

    /// <summary>Whether a credential option follows any mention of curl (true for starts not known: an empty list).</summary>
    private static bool AnyOptionAfter(ReadOnlySpan<char> text, IReadOnlyList<int> keywordStarts) => AtAnyKeyword(text, keywordStarts, OptionAfter);

    private static bool OptionAfter(ReadOnlySpan<char> text, int i)
    {
        var after = text.Slice(i, Math.Min(text.Length - i, 2500));
        return after.Contains(" -u", StringComparison.Ordinal) || after.Contains("--user", StringComparison.Ordinal)
            || after.Contains("-H", StringComparison.Ordinal) || after.Contains("--header", StringComparison.Ordinal);
    }

    protected override bool Accept(string candidate, Match match, string text)
    {
        var value = candidate.TrimEnd(';', ')', '`');
        if (value.Length == 0 || value[0] is '$' or '%' or '@' or '<' or '{' || Placeholders.IsPlaceholder(value) || Placeholders.IsReference(value))
        {
            return false;
        }

        // A vendor's published documentation example (PagerDuty's "Authorization: Token token=…") grants nothing.
        if (Catalogue.VendorExamples.IsPublished(value) || (value.StartsWith("token=", StringComparison.OrdinalIgnoreCase) && Catalogue.VendorExamples.IsPublished(value["token=".Length..])))
        {
            return false;
        }

        if (match.Groups["scheme"] is { Success: true } scheme && scheme.Value.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return BasicAuthValue.HoldsPassword(value);
        }

        // A key sent as the user is long and mixes letters and digits, as a user name does not.
        if (match.Groups["keyAsUser"].Success)
        {
            return value.Length >= 16 && value.Any(char.IsAsciiDigit) && value.Any(char.IsAsciiLetter) && Entropy.BitsPerChar(value) >= 3.0;
        }

        // A password may be short; a token is long and random.
        return match.Groups["user"].Success ? value.Length >= 3 : Entropy.BitsPerChar(value) >= 3.0;
    }

    // Long random values are as sure as a prefix; a short password may be an example's.
    protected override (string Label, Confidence? Confidence) Describe(string candidate) =>
        (Title, candidate.Length >= 12 && Entropy.BitsPerChar(candidate) >= 3.5 ? Confidence.High : null);
}
