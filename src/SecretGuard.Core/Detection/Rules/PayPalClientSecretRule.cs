using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>PayPal REST app client secrets (80 letters, digits, - and _) near the name PayPal.</summary>
internal sealed partial class PayPalClientSecretRule : ServiceContextRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_.:-])(?<name>[A-Za-z0-9_.:-]{1,60})" + Separator + @"(?<secret>[A-Za-z0-9_-]{80})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex AssignmentRegex();

    public override string Id => "SG1112";

    public override string Title => "PayPal client secret";

    public override string RotationHint => "generate a new secret for the app in the PayPal Developer Dashboard (Apps & Credentials) and disable the old one";

    public override IReadOnlyList<string> Keywords { get; } = ["paypal"];

    protected override Regex Assignment => AssignmentRegex();

    // The client id has the same shape: only the secret's key is a credential.
    protected override string? Classify(string name, string secret) =>
        Names(name, "secret") && !Names(name, "id") ? Title : null;
}
