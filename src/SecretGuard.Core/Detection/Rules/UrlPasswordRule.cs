using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// URLs with credentials: scheme://user:password@host (postgres, mongodb+srv, redis, amqp, https...), a
/// password in the query (JDBC's ?user=…&amp;password=…), Oracle's jdbc:oracle:thin:user/password@host.
/// </summary>
internal sealed partial class UrlPasswordRule : RegexRule
{
    // scheme://user:password@host (for Redis the user may be empty: redis://:password@host); a password in the
    // query (jdbc:postgresql://host/db?user=app&password=…); Oracle's jdbc:oracle:thin:user/password@host.
    [GeneratedRegex(@"(?<![A-Za-z0-9+.-])(?<scheme>[A-Za-z][A-Za-z0-9+.-]{1,24})://(?<user>[^:/?#@\s""'<>]{1,128}):(?<secret>[^@/?#\s""'<>]{1,256})@(?<host>[A-Za-z0-9.\-\[\]_]{1,253})|(?<![A-Za-z0-9+.-])rediss?://:(?<secret>[^@/?#\s""'<>]{1,256})@(?<host>[A-Za-z0-9.\-\[\]_]{1,253})|(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.:-]{1,40}://(?<host>[A-Za-z0-9.\-\[\]_]{1,253})[^\s""'<>?#]{0,512}\?(?:[^\s""'<>#]{0,512}?[&;])?(?i:password|passwd|pwd)=(?<secret>[^&;#\s""'<>]{1,256})|\bjdbc:oracle:(?:thin|oci):(?<user>[A-Za-z0-9_$#]{1,128})/(?<secret>[^@\s""'<>/]{1,256})@(?<host>[A-Za-z0-9.\-\[\]_]{1,253})", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1009";

    public override string Title => "URL with a password";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "change the password of the account in the URL";

    public override IReadOnlyList<string> Formats { get; } =
    [
        "URL with user:password@ (postgres, mysql, mongodb(+srv), redis, amqp, ftp, http(s))",
        "URL with a password in its query (JDBC)",
        "Oracle JDBC thin URL (user/password@host)",
    ];

    public override IReadOnlyList<string> Keywords { get; } = ["://", "jdbc:oracle:"];

    protected override Regex Pattern => PatternRegex();

    protected override bool SingleLine => true;

    public override IEnumerable<SecretMatch> Find(string text) => Find(text, TextOrigin.File, []);

    /// <summary>
    /// The regex runs only on the lines of URLs that may hold a credential. Documentation is full of URLs
    /// with neither a user nor a query password, and running the regex on each of their lines was most of
    /// this rule's time (and two thirds of all rules' time on XML documentation).
    /// </summary>
    public override IEnumerable<SecretMatch> Find(string text, TextOrigin origin, IReadOnlyList<int> keywordStarts)
    {
        var starts = keywordStarts.Count > 0 ? keywordStarts : KeywordStarts(text, Keywords);
        var candidates = Candidates(text, starts);
        return candidates.Count == 0 ? [] : base.Find(text, origin, candidates);
    }

    public override bool MayFind(ReadOnlySpan<char> text, TextOrigin origin, IReadOnlyList<int> keywordStarts) =>
        keywordStarts.Count == 0 || (Candidates(text, keywordStarts) is { Count: > 0 } candidates && PatternMayMatch(text, candidates));

    private static List<int> Candidates(ReadOnlySpan<char> text, IReadOnlyList<int> starts) =>
        StartsWhere(text, starts, static (t, k) => t[k] != ':' || MayHoldCredential(t, k + 3));

    /// <summary>
    /// True when the URL after a "://" holds an '@' or a password parameter before it ends. Every match of
    /// the pattern does: the user, password and query it reads contain no blank, quote or angle bracket,
    /// and the furthest it reaches past the "://" (host, path and query before "password=") is under 1,400
    /// characters. Only ASCII blanks end the URL here, fewer than the pattern's \s, so this never says false
    /// where the pattern could match.
    /// </summary>
    internal static bool MayHoldCredential(ReadOnlySpan<char> text, int from)
    {
        var limit = Math.Min(text.Length, from + 2048);
        for (var i = from; i < limit; i++)
        {
            switch (text[i])
            {
                case ' ' or '\t' or '\r' or '\n' or '\f' or '\v' or '"' or '\'' or '<' or '>':
                    return false;
                case '@':
                    return true;
                case 'p' or 'P' when text[i..].StartsWith("passw", StringComparison.OrdinalIgnoreCase) || text[i..].StartsWith("pwd=", StringComparison.OrdinalIgnoreCase):
                    return true;
            }
        }

        return false;
    }

    protected override bool Accept(string candidate, Match match, string text)
    {
        var decoded = Uri.UnescapeDataString(candidate);
        var host = match.Groups["host"].Value;

        // "user:pass@host" in documentation, and hosts such as example.com, are examples. A password that
        // repeats the user name (amqp://guest:guest@, postgres://postgres:postgres@) is a product's published
        // default, known to everyone: nothing to revoke.
        var user = match.Groups["user"];
        return !(user.Success && string.Equals(Uri.UnescapeDataString(user.Value), decoded, StringComparison.Ordinal))
            && !Placeholders.IsPlaceholder(decoded)
            && !Placeholders.IsPlaceholder(host)
            && !decoded.StartsWith('$')
            && !(decoded.StartsWith('%') && decoded.Length <= 3); // printf-style %s
    }
}
