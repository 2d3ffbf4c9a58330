using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Sentry organization auth tokens (sntrys_) and user auth tokens (sntryu_).</summary>
internal sealed partial class SentryTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>sntrys_eyJ[A-Za-z0-9+/=_-]{60,}|sntryu_[a-f0-9]{64})(?![A-Za-z0-9+/=_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1031";

    public override string Title => "Sentry auth token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in Sentry (auth tokens) and create a new one";

    public override IReadOnlyList<string> Formats { get; } =
    [
        "organization auth token (sntrys_)",
        "user auth token (sntryu_)",
    ];

    public override IReadOnlyList<string> Keywords { get; } = ["sntrys_", "sntryu_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
