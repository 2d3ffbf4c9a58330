using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>PuTTY private key files (.ppk), encrypted or not.</summary>
internal sealed partial class PuttyPrivateKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<secret>PuTTY-User-Key-File-[23]:[^\r\n]*\r?\n(?:[^\r\n]*\r?\n){1,20}?Private-Lines: *[0-9]+\r?\n(?:[A-Za-z0-9+/=]{4,80}\r?\n?){1,64})", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1057";

    public override string Title => "PuTTY private key";

    public override Confidence Confidence => Confidence.High;

    public override bool IsKeyMaterial => true;

    public override string RotationHint => "remove the public key from every server's authorized_keys and generate a new key pair";

    public override IReadOnlyList<string> Keywords { get; } = ["PuTTY-User-Key-File-"];

    protected override Regex Pattern => PatternRegex();
}
