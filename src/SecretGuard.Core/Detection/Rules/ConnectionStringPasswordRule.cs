using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// ADO.NET-style connection strings (SQL Server, Npgsql, MySQL, Oracle, Azure SQL) carrying a password:
/// a Password=/Pwd= pair in a ;-separated string that also names a server, host or user.
/// </summary>
internal sealed partial class ConnectionStringPasswordRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?i:password|pwd)\s*=\s*(?:""(?<secret>[^""\r\n]{1,256})""|'(?<secret>[^'\r\n]{1,256})'|(?<secret>[^;""'\s<>\\]{1,256}))", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    /// <summary>A member access or a call (<c>settings.password</c>, <c>utils.getSafeProp(auth,</c>): code assigning a password, not one.</summary>
    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*(?:(?:\.[A-Za-z_$][A-Za-z0-9_$]*)+(?:\(.*)?|\(.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex CodeExpressionRegex();

    [GeneratedRegex(@"(?i:(?<![A-Za-z])(?:server|data source|host|address|addr|user id|userid|uid|user|username|initial catalog|database|endpoint|dsn)\s*=)", Options, TimeoutMs)]
    private static partial Regex ConnectionKeysRegex();

    public override string Id => "SG1008";

    public override string Title => "Connection string with a password";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "change the database user's password";

    public override IReadOnlyList<string> Keywords { get; } = ["password", "pwd"];

    protected override Regex Pattern => PatternRegex();

    protected override bool SingleLine => true;

    // A password of fewer than six characters, or of punctuation alone (Password=***, Pwd=;), is a sample's or a mask.
    protected override bool Accept(string candidate, Match match, string text) =>
        candidate.Trim().Length >= 6 && candidate.Any(char.IsAsciiLetterOrDigit)
        && !Placeholders.IsPlaceholder(candidate) && !Placeholders.IsReference(candidate) && !CodeExpressionRegex().IsMatch(candidate) && IsInConnectionString(match, text);

    /// <summary>
    /// A connection string as a shell or Compose default (<c>${CS:-Server=db;Password=x}</c>): the braces
    /// still open on the line before the password close after it, and are not part of it.
    /// </summary>
    protected override int CredentialLength(Group secret, string text)
    {
        var end = secret.Index + secret.Length;
        var trailing = 0;
        while (trailing < secret.Length && text[end - 1 - trailing] == '}')
        {
            trailing++;
        }

        if (trailing == 0)
        {
            return secret.Length;
        }

        var lineStart = text.LastIndexOf('\n', Math.Max(0, secret.Index - 1)) + 1;
        var open = 0;
        for (var i = Math.Max(lineStart, secret.Index - 1024); i < secret.Index; i++)
        {
            if (text[i] == '$' && i + 1 < secret.Index && text[i + 1] == '{')
            {
                open++;
                i++;
            }
            else if (text[i] == '}' && open > 0)
            {
                open--;
            }
        }

        return secret.Length - Math.Min(open, trailing);
    }

    private static bool IsInConnectionString(Match match, string text)
    {
        // Look at the surrounding segment of the same line: a connection string names a server or user.
        var lineStart = text.LastIndexOf('\n', Math.Max(0, match.Index - 1)) + 1;
        var lineEnd = text.IndexOf('\n', match.Index + match.Length);
        if (lineEnd < 0)
        {
            lineEnd = text.Length;
        }

        var from = Math.Max(lineStart, match.Index - 512);
        var to = Math.Min(lineEnd, match.Index + match.Length + 512);
        var segment = text[from..to];
        return segment.Contains(';') && ConnectionKeysRegex().IsMatch(segment);
    }
}
