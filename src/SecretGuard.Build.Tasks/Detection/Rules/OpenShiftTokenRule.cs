using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>OpenShift OAuth access tokens (sha256~ and 43 characters).</summary>
public sealed partial class OpenShiftTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>sha256~[A-Za-z0-9_\-]{43})(?![A-Za-z0-9_\-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1078";

    public override string Title => "OpenShift access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete the token with 'oc delete oauthaccesstoken' and log in again";

    public override IReadOnlyList<string> Keywords { get; } = ["sha256~"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
