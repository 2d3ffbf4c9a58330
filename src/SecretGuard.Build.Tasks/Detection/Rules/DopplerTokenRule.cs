using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Doppler personal, service, service account, CLI, SCIM and audit tokens (dp.pt., dp.st., …).</summary>
public sealed partial class DopplerTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?<secret>dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1033";

    public override string Title => "Doppler token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it in Doppler (tokens of the project or workplace) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
