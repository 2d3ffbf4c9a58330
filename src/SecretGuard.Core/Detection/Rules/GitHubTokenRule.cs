using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// GitHub tokens. Classic, OAuth, user-to-server, server-to-server and refresh tokens end in a
/// base-62 CRC-32 of their body, checked here offline; fine-grained tokens have a fixed shape.
/// </summary>
internal sealed partial class GitHubTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>gh[pousr]_(?<body>[A-Za-z0-9]{36})|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1004";

    public override string Title => "GitHub token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in GitHub's developer settings and create a new one";

    public override IReadOnlyList<string> Formats { get; } =
    [
        "personal access token, classic (ghp_)",
        "OAuth access token (gho_)",
        "user-to-server token (ghu_)",
        "server-to-server / app installation token (ghs_)",
        "refresh token (ghr_)",
        "fine-grained personal access token (github_pat_)",
    ];

    public override IReadOnlyList<string> Keywords { get; } = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    protected override bool Accept(string candidate, Match match, string text)
    {
        var body = match.Groups["body"];
        return body.Success ? Checksums.HasValidCrc32Suffix(body.ValueSpan) : !Placeholders.IsPlaceholder(candidate);
    }
}
