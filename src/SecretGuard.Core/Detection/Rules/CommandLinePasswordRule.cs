using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// A password given to a database client or to sshpass on its command line, as entrypoint scripts,
/// health checks and seed steps hold them: <c>sqlcmd … -P pw</c> (SQL Server's tools), <c>mysql -ppw</c>
/// and <c>--password=pw</c> (MySQL's and MariaDB's clients), <c>sshpass -p pw</c>. (<c>mysql -p</c> alone
/// prompts, and MySQL's <c>-P</c> is a port; sqlcmd's <c>-p</c> prints statistics.)
/// </summary>
internal sealed partial class CommandLinePasswordRule : RegexRule
{
    private const string Value = @"(?:""(?<secret>[^""\r\n]{1,200})""|'(?<secret>[^'\r\n]{1,200})'|(?<secret>[^\s""';|&<>`]{1,200}))";

    [GeneratedRegex(
        @"\bsqlcmd(?:\.exe)?\b[^\n]{0,400}?[ \t]-P[ \t]*" + Value
        + @"|\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mysqlshow|mariadb|mariadb-dump|mariadb-admin)\b[^\n]{0,400}?[ \t](?:-p(?<secret>[^\s""';|&<>`-][^\s""';|&<>`]{0,199})|--password=" + Value + ")"
        + @"|\bsshpass\b(?:[ \t]+-[^p\s][^\s]*)*[ \t]+-p[ \t]*" + Value,
        Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1291";

    public override string Title => "Password on a command line (sqlcmd, mysql, sshpass)";

    public override IReadOnlyList<string> Formats { get; } = ["sqlcmd -P <password>", "mysql -p<password> / --password=<password>", "sshpass -p <password>"];

    public override Confidence Confidence => Confidence.Medium;

    public override string RotationHint => "change the account's password, then pass it at run time from a mounted secret (sqlcmd's SQLCMDPASSWORD, MySQL's option file or MYSQL_PWD, sshpass -f FILE)";

    public override IReadOnlyList<string> Keywords { get; } = ["sqlcmd", "mysql", "mariadb", "sshpass"];

    protected override Regex Pattern => PatternRegex();

    protected override bool SingleLine => true;

    protected override bool Accept(string candidate, Match match, string text) =>
        candidate.Length >= 4 && candidate[0] is not ('$' or '%' or '{' or '<' or '@')
        && !Placeholders.IsPlaceholder(candidate) && !Placeholders.IsReference(candidate) && candidate.Any(char.IsAsciiLetterOrDigit);

    // A long, mixed value is as sure as a format; a short word may be an example's.
    protected override (string Label, Confidence? Confidence) Describe(string candidate) =>
        (Title, candidate.Length >= 8 && (candidate.Any(char.IsAsciiDigit) || candidate.Any(c => !char.IsAsciiLetterOrDigit(c))) && candidate.Any(char.IsAsciiLetter) ? Confidence.High : null);
}
