using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Okta API tokens (00 and 40 characters) in an SSWS authorization header or near the name Okta.</summary>
internal sealed partial class OktaTokenRule : ServiceContextRule
{
    [GeneratedRegex(@"(?:(?<![A-Za-z0-9_.:-])(?<name>[A-Za-z0-9_.:-]{1,60})" + Separator + @"|\bSSWS[ \t]+)(?<secret>00[A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex AssignmentRegex();

    public override string Id => "SG1107";

    public override string Title => "Okta API token";

    public override string RotationHint => "revoke it in the Okta Admin Console (Security > API > Tokens) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["okta", "SSWS"];

    protected override Regex Assignment => AssignmentRegex();

    // After "SSWS" there is no name: the header itself says what the value is.
    protected override string? Classify(string name, string secret) =>
        name.Length == 0 || Names(name, "token", "key", "secret", "ssws", "authorization") ? Title : null;
}
