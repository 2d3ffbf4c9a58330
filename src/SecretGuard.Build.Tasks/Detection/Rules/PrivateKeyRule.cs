using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>PEM private keys of any kind (RSA, EC, DSA, PKCS#8, encrypted PKCS#8, OpenSSH, PGP) with a body.</summary>
public sealed partial class PrivateKeyRule : RegexRule
{
    // A header alone (as in documentation) is not a key: require at least 64 base64 characters of body.
    // Bounded lazy body: stops at the first END line, and never runs past 16 KiB (no key is larger).
    // The body class admits "\n" escapes, so keys inside JSON strings (service-account files) match too.
    [GeneratedRegex(@"(?<secret>-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----[A-Za-z0-9+/=\s:,.()\\-]{0,16384}?-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----)", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1001";

    public override string Title => "Private key";

    public override Confidence Confidence => Confidence.High;

    public override bool IsKeyMaterial => true;

    public override string RotationHint => "revoke it (and any certificate issued for it) and generate a new key pair";

    public override IReadOnlyList<string> Formats { get; } =
    [
        "PEM RSA private key",
        "PEM EC private key",
        "PEM DSA private key",
        "PEM PKCS#8 private key",
        "PEM encrypted PKCS#8 private key",
        "OpenSSH private key",
        "PGP private key block",
    ];

    public override IReadOnlyList<string> Keywords { get; } = ["PRIVATE KEY"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    protected override bool Accept(string candidate, Match match, string text)
    {
        var body = 0;
        foreach (var c in candidate)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/')
            {
                body++;
            }
        }

        // The armour lines themselves hold about 40 letters; a real key holds hundreds more.
        return body >= 64 + 40 && !candidate.Contains("...", StringComparison.Ordinal);
    }

    protected override string Label => "PEM private key";
}
