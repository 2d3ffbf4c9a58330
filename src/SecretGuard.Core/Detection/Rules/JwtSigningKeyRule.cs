using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// The key an ASP.NET Core app signs its JWTs with, set under a Jwt section: "Jwt": { "Key": "…" } in
/// appsettings.json, or Jwt__Key / Jwt:SigningKey in ENV and key=value files. Whoever has it can forge
/// any user's token. Also the keys of ASP.NET Core's JWT bearer configuration,
/// Authentication:Schemes:Bearer:SigningKeys (a list of { Issuer, Value }, where dotnet user-jwts keeps the
/// key it signs development tokens with), in JSON or as SigningKeys__0__Value in ENV. (Names that say
/// "secret" or "signing key" on their own are SG1010's.)
/// </summary>
internal sealed partial class JwtSigningKeyRule : SecretRule
{
    [GeneratedRegex(@"""[A-Za-z]*Jwt[A-Za-z]*""\s*:\s*\{[^{}]{0,1024}?""(?:Key|Secret|SigningKey|SymmetricKey|SecurityKey)""\s*:\s*""(?<secret>[^""\r\n]{1,512})""", Options | RegexOptions.IgnoreCase, TimeoutMs)]
    private static partial Regex JsonRegex();

    [GeneratedRegex(@"\b[A-Za-z]*Jwt[A-Za-z]*(?:__|:|\.)(?:Key|Secret|SigningKey|SymmetricKey|SecurityKey)[""']?[ \t]*[=:][ \t]*[""']?(?<secret>[^\s""',;]{1,512})", Options | RegexOptions.IgnoreCase, TimeoutMs)]
    private static partial Regex FlatRegex();

    [GeneratedRegex(@"""(?:[A-Za-z0-9_]*:)*SigningKeys""\s*:\s*\[(?<keys>[^\[\]]{0,8192})\]", Options | RegexOptions.IgnoreCase, TimeoutMs)]
    private static partial Regex SigningKeysRegex();

    [GeneratedRegex(@"""Value""\s*:\s*""(?<secret>[^""\r\n]{1,512})""", Options | RegexOptions.IgnoreCase, TimeoutMs)]
    private static partial Regex SigningKeyValueRegex();

    [GeneratedRegex(@"(?<![A-Za-z0-9])SigningKeys(?:__|:)[0-9]{1,3}(?:__|:)Value[""']?[ \t]*[=:][ \t]*[""']?(?<secret>[^\s""',;]{1,512})", Options | RegexOptions.IgnoreCase, TimeoutMs)]
    private static partial Regex FlatSigningKeysRegex();

    public override string Id => "SG1104";

    public override string Title => "JWT signing key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "replace the signing key (every token it signed becomes invalid) and load it at runtime from a secret store";

    public override IReadOnlyList<string> Keywords { get; } = ["jwt", "SigningKeys"];

    public override IEnumerable<SecretMatch> Find(string text) => Find(text, TextOrigin.File, []);

    /// <remarks>
    /// The regexes run only near the keyword: the flat form on its line, the JSON form from its line to as
    /// far as the section's key can be. Run over a whole file, they cost more than the rest of the rules
    /// on package lists that name a "jwt" library once.
    /// </remarks>
    public override IEnumerable<SecretMatch> Find(string text, TextOrigin origin, IReadOnlyList<int> keywordStarts)
    {
        var starts = keywordStarts.Count > 0 ? keywordStarts : KeywordStarts(text, Keywords);
        var found = new List<SecretMatch>();
        var reported = new HashSet<int>();
        var jwt = starts.Where(k => !IsSigningKeys(text, k)).ToList();
        foreach (var (regex, spans) in new[] { (JsonRegex(), SectionSpans(text, jwt, 1024 + 512)), (FlatRegex(), KeywordLines(text, jwt)) })
        {
            foreach (var (start, length) in spans)
            {
                for (var match = regex.Match(text, start, length); match.Success; match = match.NextMatch())
                {
                    Report(match.Groups["secret"], "");
                }
            }
        }

        var signingKeys = starts.Where(k => IsSigningKeys(text, k)).ToList();
        foreach (var (start, length) in SectionSpans(text, signingKeys, 8192 + 512))
        {
            for (var list = SigningKeysRegex().Match(text, start, length); list.Success; list = list.NextMatch())
            {
                var keys = list.Groups["keys"];
                for (var value = SigningKeyValueRegex().Match(text, keys.Index, keys.Length); value.Success; value = value.NextMatch())
                {
                    Report(value.Groups["secret"], " (Authentication:Schemes:Bearer:SigningKeys)");
                }
            }
        }

        foreach (var (start, length) in KeywordLines(text, signingKeys))
        {
            for (var match = FlatSigningKeysRegex().Match(text, start, length); match.Success; match = match.NextMatch())
            {
                Report(match.Groups["secret"], " (Authentication:Schemes:Bearer:SigningKeys)");
            }
        }

        return found;

        void Report(Group secret, string where)
        {
            var v = secret.Value;
            if (v.Length >= 16 && !Placeholders.IsPlaceholder(v) && !Placeholders.IsReference(v) && Entropy.BitsPerChar(v) >= 3.0 && reported.Add(secret.Index))
            {
                found.Add(new SecretMatch(secret.Index, secret.Length, Title + where));
            }
        }
    }

    /// <summary>Whether a regex matches where <see cref="Find(string, TextOrigin, IReadOnlyList{int})"/> runs it (a signing key list's values only inside a list that matched): nothing else gives a match.</summary>
    public override bool MayFind(ReadOnlySpan<char> text, TextOrigin origin, IReadOnlyList<int> keywordStarts)
    {
        if (keywordStarts.Count == 0)
        {
            return true;
        }

        var jwt = new List<int>();
        var signingKeys = new List<int>();
        foreach (var k in keywordStarts)
        {
            (IsSigningKeys(text, k) ? signingKeys : jwt).Add(k);
        }

        return AnyMatchIn(JsonRegex(), text, SectionSpans(text, jwt, 1024 + 512)) || AnyMatchIn(FlatRegex(), text, KeywordLines(text, jwt))
            || AnyMatchIn(SigningKeysRegex(), text, SectionSpans(text, signingKeys, 8192 + 512)) || AnyMatchIn(FlatSigningKeysRegex(), text, KeywordLines(text, signingKeys));
    }

    private static bool IsSigningKeys(ReadOnlySpan<char> text, int keyword) =>
        text[keyword..].StartsWith("SigningKeys", StringComparison.OrdinalIgnoreCase);
}
