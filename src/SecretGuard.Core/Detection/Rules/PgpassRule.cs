using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// A line of a PostgreSQL password file (~/.pgpass, pgpass.conf, the file PGPASSFILE names), which psql,
/// pg_dump and every libpq client read: <c>hostname:port:database:username:password</c>, each of the first
/// four a value or <c>*</c>, <c>\:</c> and <c>\\</c> escaped. The port is the keyword: PostgreSQL's 5432,
/// <c>*</c>, or the port of a common second server (5433 and 5434: Debian's further clusters; 6432:
/// PgBouncer; 25060: DigitalOcean's managed PostgreSQL; 26257: CockroachDB). Five fields with one of
/// those in the second are this format and no other common one.
/// </summary>
internal sealed partial class PgpassRule : SecretRule
{
    private const string Field = @"(?:[^:\s\\]|\\[:\\]){1,255}";

    [GeneratedRegex(@"^[ \t]*(?<host>(?!#)" + Field + @"):(?:5432|5433|5434|6432|25060|26257|\*):(?<database>" + Field + @"):(?<user>" + Field + @"):(?<secret>" + Field + @")[ \t]*\r?$", Options | RegexOptions.Multiline, TimeoutMs)]
    private static partial Regex EntryRegex();

    public override string Id => "SG1287";

    public override string Title => "Password in a PostgreSQL password file (.pgpass)";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "change the role's password in PostgreSQL (ALTER ROLE … PASSWORD) and mount the password file at runtime, or use a secret store";

    public override IReadOnlyList<string> Keywords { get; } = [":5432:", ":5433:", ":5434:", ":6432:", ":25060:", ":26257:", ":*:"];

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    public override IEnumerable<SecretMatch> Find(string text) => Find(text, TextOrigin.File, []);

    public override IEnumerable<SecretMatch> Find(string text, TextOrigin origin, IReadOnlyList<int> keywordStarts) =>
        Secrets(
            MatchesIn(EntryRegex(), text, KeywordLines(text, StartsIn(text, keywordStarts), reach: 1200)),
            m => IsPassword(m.Groups["secret"].Value, m.Groups["user"].Value, m.Groups["database"].Value));

    public override bool MayFind(ReadOnlySpan<char> text, TextOrigin origin, IReadOnlyList<int> keywordStarts) =>
        keywordStarts.Count == 0 || AnyMatchIn(EntryRegex(), text, KeywordLines(text, keywordStarts, reach: 1200));

    /// <summary>
    /// Six or more characters that are not the entry's own user or database name (postgres:postgres, a
    /// development default) and are not all one kind of letter (a word).
    /// </summary>
    private static bool IsPassword(string password, string user, string database) =>
        password.Length >= 6
        && !password.Equals(user, StringComparison.OrdinalIgnoreCase) && !password.Equals(database, StringComparison.OrdinalIgnoreCase)
        && !Placeholders.IsPlaceholder(password) && !Placeholders.IsReference(password)
        && (password.Any(char.IsAsciiDigit) || password.Any(c => !char.IsAsciiLetterOrDigit(c)) || (password.Any(char.IsAsciiLetterUpper) && password.Any(char.IsAsciiLetterLower)));
}
