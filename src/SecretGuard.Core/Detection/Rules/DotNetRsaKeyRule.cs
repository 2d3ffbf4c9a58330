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
        // Loops rather than LINQ over the keyword positions and their objects: its generic code over ints
        // and tuples is compiled on the spot in every build.
        var xml = new XmlElements(text);
        var found = new List<Match?>();
        var inJson = new List<int>();
        foreach (var k in StartsIn(text, keywordStarts))
        {
            if (text.AsSpan(k).StartsWith("RSAKeyValue"))
            {
                found.AddRange(xml.PrivateExponents(k));
            }
            else
            {
                inJson.Add(k);
            }
        }

        var objects = DistinctObjectsAround(text, inJson, Reach);
        for (var i = 0; i < objects.Count; i++)
        {
            found.Add(JsonPrivateExponentRegex().Match(text, objects[i].Start, objects[i].Length));
        }

        return Secrets(found);
    }

    /// <summary>
    /// The &lt;RSAKeyValue&gt; elements of one text, the Ds of each found up to its closing tag. The closing
    /// tags are searched for once over the text, and each is read up to once, however many openings there are.
    /// </summary>
    private sealed class XmlElements(string text)
    {
        private const string Close = "</RSAKeyValue>";
        private int _searchedTo;
        private int _close = -1;
        private int _read = -1;

        /// <summary>Every D between the opening at <paramref name="keyword"/> (the element's name; ascending calls) and its close within reach.</summary>
        public IEnumerable<Match> PrivateExponents(int keyword)
        {
            if (keyword == 0 || text[keyword - 1] != '<')
            {
                yield break;
            }

            var end = (int)Math.Min(text.Length, (long)keyword + Reach);
            if (_close < keyword)
            {
                var from = Math.Max(keyword, _searchedTo);
                _close = from < end ? text.IndexOf(Close, from, end - from, StringComparison.Ordinal) : -1;
                // What lies before a close found, or before the last place a close could start, holds no other close.
                _searchedTo = _close >= 0 ? _close : Math.Max(from, end - Close.Length + 1);
            }

            // An earlier opening with the same close read all of it already.
            if (_close < keyword || _close >= end || _close == _read)
            {
                yield break;
            }

            _read = _close;
            for (var match = XmlPrivateExponentRegex().Match(text, keyword, _close - keyword); match.Success; match = match.NextMatch())
            {
                yield return match;
            }
        }
    }
}
