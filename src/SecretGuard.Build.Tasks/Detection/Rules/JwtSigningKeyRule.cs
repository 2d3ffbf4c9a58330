using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// The key an ASP.NET Core app signs its JWTs with, set under a Jwt section: "Jwt": { "Key": "…" } in
/// appsettings.json, or Jwt__Key / Jwt:SigningKey in ENV and key=value files. Whoever has it can forge
/// any user's token. (Names that say "secret" or "signing key" on their own are SG1010's.)
/// </summary>
public sealed partial class JwtSigningKeyRule : SecretRule
{
    [GeneratedRegex(@"""[A-Za-z]*Jwt[A-Za-z]*""\s*:\s*\{[^{}]{0,1024}?""(?:Key|Secret|SigningKey|SymmetricKey|SecurityKey)""\s*:\s*""(?<secret>[^""\r\n]{1,512})""", Options | RegexOptions.IgnoreCase, TimeoutMs)]
    private static partial Regex JsonRegex();

    [GeneratedRegex(@"\b[A-Za-z]*Jwt[A-Za-z]*(?:__|:|\.)(?:Key|Secret|SigningKey|SymmetricKey|SecurityKey)[""']?[ \t]*[=:][ \t]*[""']?(?<secret>[^\s""',;]{1,512})", Options | RegexOptions.IgnoreCase, TimeoutMs)]
    private static partial Regex FlatRegex();

    public override string Id => "SG1104";

    public override string Title => "JWT signing key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "replace the signing key (every token it signed becomes invalid) and load it at runtime from a secret store";

    public override IReadOnlyList<string> Keywords { get; } = ["jwt"];

    public override IEnumerable<SecretMatch> Find(string text) => Find(text, TextOrigin.File, []);

    /// <remarks>
    /// The regexes run only near the keyword: the flat form on its line, the JSON form from its line to as
    /// far as the section's key can be. Run over a whole file, they cost more than the rest of the rules
    /// on package lists that name a "jwt" library once.
    /// </remarks>
    public override IEnumerable<SecretMatch> Find(string text, TextOrigin origin, IReadOnlyList<int> keywordStarts)
    {
        var starts = keywordStarts.Count > 0 ? keywordStarts : KeywordStarts(text, Keywords);
        var reported = new HashSet<int>();
        foreach (var (regex, spans) in new[] { (JsonRegex(), SectionSpans(text, starts)), (FlatRegex(), KeywordLines(text, starts)) })
        {
            foreach (var (start, length) in spans)
            {
                for (var match = regex.Match(text, start, length); match.Success; match = match.NextMatch())
                {
                    var secret = match.Groups["secret"];
                    var v = secret.Value;
                    if (v.Length >= 16 && !Placeholders.IsPlaceholder(v) && !Placeholders.IsReference(v) && Entropy.BitsPerChar(v) >= 3.0 && reported.Add(secret.Index))
                    {
                        yield return new SecretMatch(secret.Index, secret.Length, Title);
                    }
                }
            }
        }
    }

    /// <summary>From the line of each "jwt" name to past the farthest its section's key can be (1,024 characters of section and some).</summary>
    private static List<(int Start, int Length)> SectionSpans(string text, IReadOnlyList<int> starts)
    {
        const int Before = 256;
        const int After = 1024 + 512;
        var spans = new List<(int Start, int Length)>();
        foreach (var k in starts)
        {
            var floor = Math.Max(0, k - Before);
            var start = Math.Max(floor, text.LastIndexOf('\n', k, k - floor + 1) + 1);
            var end = (int)Math.Min(text.Length, (long)k + After);
            if (spans.Count > 0 && start <= spans[^1].Start + spans[^1].Length)
            {
                var last = spans[^1];
                spans[^1] = (last.Start, end - last.Start);
            }
            else
            {
                spans.Add((start, end - start));
            }
        }

        return spans;
    }
}
