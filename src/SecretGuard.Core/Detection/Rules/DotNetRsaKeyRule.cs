using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// An RSA private key in the forms .NET writes it: <c>RSA.ToXmlString(true)</c>'s
/// <c>&lt;RSAKeyValue&gt;…&lt;D&gt;…&lt;/D&gt;&lt;/RSAKeyValue&gt;</c> (kept in appsettings.json, web.config or
/// a key file and read back with <c>FromXmlString</c>), and <c>RSAParameters</c> serialized to JSON, as
/// IdentityServer's developer signing key tempkey.rsa holds it (<c>"Parameters": { "D": …, "InverseQ": … }</c>).
/// The private exponent D is what makes it private: a public key (Modulus and Exponent) is not reported.
/// </summary>
internal sealed partial class DotNetRsaKeyRule : SecretRule
{
    /// <summary>How far the key's other parts may be from the keyword: a 4096-bit key's XML is about 3.2 KB.</summary>
    private const int Reach = 8192;

    // D in the XML form: base64, which ToXmlString writes on one line but people wrap.
    [GeneratedRegex(@"<D>\s*(?<secret>[A-Za-z0-9+/]{40,2048}(?:\s{1,16}[A-Za-z0-9+/]{1,2048}){0,64}={0,2})\s*</D>", Options, TimeoutMs)]
    private static partial Regex XmlPrivateExponentRegex();

    // D in the JSON form, its name and value quoted alike ("…", or \"…\" inside a JSON string).
    [GeneratedRegex(@"(?<q>\\?"")D\k<q>\s*:\s*\k<q>(?<secret>[A-Za-z0-9+/]{40,2048}={0,2})\k<q>", Options, TimeoutMs)]
    private static partial Regex JsonPrivateExponentRegex();

    public override string Id => "SG1292";

    public override string Title => "RSA private key in .NET's XML or JSON form";

    public override IReadOnlyList<string> Formats => [".NET RSA key XML (<RSAKeyValue> with <D>)", ".NET RSAParameters JSON (tempkey.rsa)"];

    public override Confidence Confidence => Confidence.High;

    public override bool IsKeyMaterial => true;

    public override string RotationHint => "generate a new key pair, replace the key wherever it signs or decrypts, and load the key at runtime from a key vault or a mounted file";

    public override IReadOnlyList<string> Keywords { get; } = ["RSAKeyValue", "InverseQ"];

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    public override IEnumerable<SecretMatch> Find(string text) => Find(text, TextOrigin.File, []);

    public override IEnumerable<SecretMatch> Find(string text, TextOrigin origin, IReadOnlyList<int> keywordStarts)
    {
        var starts = keywordStarts.Count > 0 ? keywordStarts : KeywordStarts(text, Keywords, StringComparison.Ordinal);
        var found = new List<SecretMatch>();
        var reported = new HashSet<int>();
        foreach (var k in starts)
        {
            var match = text.AsSpan(k).StartsWith("RSAKeyValue") ? InXml(text, k) : InJson(text, k);
            if (match is { Success: true } && reported.Add(match.Groups["secret"].Index))
            {
                found.Add(new SecretMatch(match.Groups["secret"].Index, match.Groups["secret"].Length, Title));
            }
        }

        return found;
    }

    /// <summary>The D of the &lt;RSAKeyValue&gt; element opened at <paramref name="keyword"/> (the closing tag's keyword is passed over).</summary>
    private static Match? InXml(string text, int keyword)
    {
        if (keyword == 0 || text[keyword - 1] != '<')
        {
            return null;
        }

        var close = text.IndexOf("</RSAKeyValue>", keyword, Math.Min(Reach, text.Length - keyword), StringComparison.Ordinal);
        return close < 0 ? null : XmlPrivateExponentRegex().Match(text, keyword, close - keyword);
    }

    /// <summary>The D of the RSAParameters object whose "InverseQ" is at <paramref name="keyword"/>.</summary>
    private static Match? InJson(string text, int keyword) =>
        ObjectAround(text, keyword, Reach) is var (start, length) ? JsonPrivateExponentRegex().Match(text, start, length) : null;
}
