using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>PEM private keys of any kind (RSA, EC, DSA, PKCS#8, encrypted PKCS#8, OpenSSH, PGP) with a body.</summary>
internal sealed partial class PrivateKeyRule : RegexRule
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

    /// <summary>
    /// An encrypted key (PKCS#8 "ENCRYPTED PRIVATE KEY", OpenSSL's "Proc-Type: 4,ENCRYPTED", an OpenSSH key
    /// with a cipher) is useless without its passphrase: medium, a warning by default. Still to be rotated:
    /// passphrases are often weak, or shipped beside the key.
    /// </summary>
    protected override (string Label, Confidence? Confidence) Describe(string candidate) =>
        IsEncrypted(candidate) ? ("encrypted PEM private key: useless without its passphrase, unless that is weak or nearby", Confidence.Medium) : (Label, null);

    internal static bool IsEncrypted(string key)
    {
        if (key.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal) || key.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
        {
            return true;
        }

        const string OpenSshHeader = "-----BEGIN OPENSSH PRIVATE KEY-----";
        return key.StartsWith(OpenSshHeader, StringComparison.Ordinal) && OpenSshCipher(key.AsSpan(OpenSshHeader.Length)) is { } cipher && cipher != "none";
    }

    /// <summary>The cipher name of an openssh-key-v1 body ("none" when unencrypted); null when the body does not decode.</summary>
    private static string? OpenSshCipher(ReadOnlySpan<char> body)
    {
        // "openssh-key-v1\0", a 4-byte length and the cipher name ("aes256-gcm@openssh.com" is the longest):
        // the first 64 base64 characters (48 bytes) hold it. A key inside a JSON string has "\n" escapes.
        Span<char> head = stackalloc char[64];
        var n = 0;
        var escaped = false;
        foreach (var c in body)
        {
            if (escaped)
            {
                escaped = false;
            }
            else if (c == '\\')
            {
                escaped = true;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/')
            {
                head[n++] = c;
                if (n == head.Length)
                {
                    break;
                }
            }
            else if (c == '-')
            {
                break;
            }
        }

        Span<byte> bytes = stackalloc byte[48];
        if (n < head.Length || !Convert.TryFromBase64Chars(head, bytes, out var written) || written != 48 || !bytes.StartsWith("openssh-key-v1\0"u8))
        {
            return null;
        }

        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes[15..]);
        return length is > 0 and <= 29 ? System.Text.Encoding.ASCII.GetString(bytes.Slice(19, length)) : null;
    }
}
