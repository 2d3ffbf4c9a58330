using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// URLs with credentials: scheme://user:password@host (postgres, mongodb+srv, redis, amqp, https...), a
/// password in the query (JDBC's ?user=…&amp;password=…), Oracle's jdbc:oracle:thin:user/password@host.
/// </summary>
public sealed partial class UrlPasswordRule : RegexRule
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

    protected override bool Accept(string candidate, Match match, string text)
    {
        var decoded = Uri.UnescapeDataString(candidate);
        var host = match.Groups["host"].Value;

        // "user:pass@host" in documentation, and hosts such as example.com, are examples.
        return !Placeholders.IsPlaceholder(decoded)
            && !Placeholders.IsPlaceholder(host)
            && !decoded.StartsWith('$')
            && !(decoded.StartsWith('%') && decoded.Length <= 3); // printf-style %s
    }
}
