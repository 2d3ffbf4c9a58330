using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// The pass_phrase of an Oracle Cloud (OCI) API signing key in an OCI config file, whose profile names
/// the user's and tenancy's OCIDs above it; with the key file, it signs API requests as the user.
/// </summary>
internal sealed partial class OracleCloudPassphraseRule : ServiceContextRule
{
    [GeneratedRegex(@"(?<name>pass_phrase)[ \t]*=[ \t]*(?<secret>\S{6,256})", Options, TimeoutMs)]
    private static partial Regex AssignmentRegex();

    public override string Id => "SG1113";

    public override string Title => "Oracle Cloud API key passphrase";

    public override string RotationHint => "delete the API signing key in the OCI console (User settings > API keys), make a new key pair with a new passphrase";

    public override IReadOnlyList<string> Keywords { get; } = ["ocid1.user.", "ocid1.tenancy."];

    protected override Regex Assignment => AssignmentRegex();

    protected override string? Classify(string name, string secret) => Title;
}
