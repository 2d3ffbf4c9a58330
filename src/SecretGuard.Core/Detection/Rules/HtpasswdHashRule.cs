using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// htpasswd entries (user:hash, one per line): Apache MD5 ($apr1$), bcrypt ($2y$/$2a$/$2b$) and SHA-1 ({SHA}).
/// A hash is not the password, but anyone who pulls the image can crack a weak one offline.
/// </summary>
internal sealed partial class HtpasswdHashRule : RegexRule
{
    [GeneratedRegex(@"(?m)^[A-Za-z0-9._@-]{1,64}:(?<secret>\$apr1\$[./0-9A-Za-z]{1,8}\$[./0-9A-Za-z]{22}|\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}|\{SHA\}[A-Za-z0-9+/]{27}=)[ \t]*\r?$", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1101";

    public override string Title => "Password hash in an htpasswd file";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "change the user's password (the hash can be cracked offline) and mount the htpasswd file at runtime";

    public override IReadOnlyList<string> Formats { get; } = ["htpasswd Apache MD5 ($apr1$)", "htpasswd bcrypt ($2y$)", "htpasswd SHA-1 ({SHA})"];

    public override IReadOnlyList<string> Keywords { get; } = ["$apr1$", "$2y$", "$2a$", "$2b$", "{SHA}"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
