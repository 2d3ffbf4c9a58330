using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>URLs with credentials in the authority: scheme://user:password@host (postgres, mongodb+srv, redis, amqp, https...).</summary>
public sealed partial class UrlPasswordRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9+.-])(?<scheme>[A-Za-z][A-Za-z0-9+.-]{1,24})://(?<user>[^:/?#@\s""'<>]{1,128}):(?<secret>[^@/?#\s""'<>]{1,256})@(?<host>[A-Za-z0-9.\-\[\]_]{1,253})", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1009";

    public override string Title => "URL with a password";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "change the password of the account in the URL";

    public override IReadOnlyList<string> Keywords { get; } = ["://"];

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
