using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// A private or secret key as a JSON Web Key (RFC 7517/7518): an object whose "kty" is RSA, EC or OKP
/// with its private member "d", or "oct" with its key "k". IdentityServer's developer signing key
/// (tempkey.jwk), a signing key pasted into appsettings.json as a JWK string (quoted with " or ', or
/// escaped inside another string), a JWKS with private members. A public JWK ("n"/"e", "x"/"y") has no
/// "d" and is not reported. A text search for "PRIVATE KEY" never sees one.
/// </summary>
internal sealed partial class JwkPrivateKeyRule : SecretRule
{
    /// <summary>How far from "kty" the object's braces may be: a 4096-bit RSA key's members take about 3.2 KB.</summary>
    private const int Reach = 8192;

    // Member names and values quoted alike: "…", '…', or \"…\" inside a JSON string.
    private const string Quote = @"(?<q>\\?[""'])";

    [GeneratedRegex(Quote + @"kty\k<q>\s*:\s*\k<q>(?<kty>RSA|EC|OKP|oct)\k<q>", Options, TimeoutMs)]
    private static partial Regex KeyTypeRegex();

    // d: the private exponent or scalar (an EC P-256 or Ed25519 key's is 43 characters; an RSA key's more).
    [GeneratedRegex(Quote + @"d\k<q>\s*:\s*\k<q>(?<secret>[A-Za-z0-9_-]{40,2048})\k<q>", Options, TimeoutMs)]
    private static partial Regex PrivateMemberRegex();

    // k: a symmetric key; 16 bytes (22 characters) is the least any algorithm takes.
    [GeneratedRegex(Quote + @"k\k<q>\s*:\s*\k<q>(?<secret>[A-Za-z0-9_-]{22,2048})\k<q>", Options, TimeoutMs)]
    private static partial Regex SymmetricKeyRegex();

    public override string Id => "SG1290";

    public override string Title => "Private key as a JSON Web Key (JWK)";

    public override IReadOnlyList<string> Formats => ["JWK private key (RSA, EC, OKP: \"d\")", "JWK symmetric key (oct: \"k\")"];

    public override Confidence Confidence => Confidence.High;

    public override bool IsKeyMaterial => true;

    public override string RotationHint => "replace the key (a new key pair, or a new symmetric key) wherever it signs or encrypts, publish the new public key and retire the old one from the JWKS";

    public override IReadOnlyList<string> Keywords { get; } = ["kty"];

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    public override IEnumerable<SecretMatch> Find(string text) => Find(text, TextOrigin.File, []);

    public override IEnumerable<SecretMatch> Find(string text, TextOrigin origin, IReadOnlyList<int> keywordStarts)
    {
        var jwks = DistinctObjectsAround(text, StartsIn(text, keywordStarts), Reach);
        var members = new List<Match?>(jwks.Count);
        for (var i = 0; i < jwks.Count; i++)
        {
            members.Add(PrivateMember(text, jwks[i].Start, jwks[i].Length));
        }

        return Secrets(members);
    }

    /// <summary>
    /// A key's type is named by a quoted "kty" (<see cref="KeyTypeRegex"/>): with no quote just before any
    /// "kty" of the text (and every one is a keyword start), no object holds a key.
    /// </summary>
    public override bool MayFind(ReadOnlySpan<char> text, TextOrigin origin, IReadOnlyList<int> keywordStarts) =>
        AtAnyKeyword(text, keywordStarts, static (t, k) => k > 0 && t[k - 1] is '"' or '\'');

    /// <summary>The private member of the JWK in the span, as its key type names it ("d", or an oct key's "k"), or null for no known key type.</summary>
    private static Match? PrivateMember(string text, int start, int length) =>
        KeyTypeRegex().Match(text, start, length) is { Success: true } type
            ? (type.Groups["kty"].Value == "oct" ? SymmetricKeyRegex() : PrivateMemberRegex()).Match(text, start, length)
            : null;
}
