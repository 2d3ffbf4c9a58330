using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Supabase personal access tokens (sbp_ and 40 hex digits).</summary>
public sealed partial class SupabaseTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>sbp_[a-f0-9]{40})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1048";

    public override string Title => "Supabase access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in Supabase (Account, Access tokens) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["sbp_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
