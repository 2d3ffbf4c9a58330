using System.Text;
using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// A kubeconfig user's client-key-data: the base64 of a PEM private key, which a text search for
/// "PRIVATE KEY" never sees. Decoded and checked; client-certificate-data (public) is not reported.
/// </summary>
internal sealed partial class KubeconfigClientKeyRule : RegexRule
{
    // "LS0tLS1CRUdJTi" is "-----BEGIN" in base64.
    [GeneratedRegex(@"client-key-data""?\s*:\s*[""']?(?<secret>LS0tLS1CRUdJTi[A-Za-z0-9+/]{60,16384}={0,2})", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1100";

    public override string Title => "Kubernetes client key in a kubeconfig";

    public override Confidence Confidence => Confidence.High;

    public override bool IsKeyMaterial => true;

    public override string RotationHint => "revoke the client certificate (or remove the user from the cluster's trust), issue a new key pair and mount the kubeconfig at runtime";

    public override IReadOnlyList<string> Keywords { get; } = ["client-key-data"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    protected override bool Accept(string candidate, Match match, string text)
    {
        try
        {
            var pem = Encoding.ASCII.GetString(Convert.FromBase64String(candidate));
            return pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
