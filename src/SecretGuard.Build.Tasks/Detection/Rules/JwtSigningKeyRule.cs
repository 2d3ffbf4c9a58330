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

    public override IEnumerable<SecretMatch> Find(string text)
    {
        foreach (var regex in new[] { JsonRegex(), FlatRegex() })
        {
            for (var match = regex.Match(text); match.Success; match = match.NextMatch())
            {
                var secret = match.Groups["secret"];
                var v = secret.Value;
                if (v.Length >= 16 && !Placeholders.IsPlaceholder(v) && !Placeholders.IsReference(v) && Entropy.BitsPerChar(v) >= 3.0)
                {
                    yield return new SecretMatch(secret.Index, secret.Length, Title);
                }
            }
        }
    }
}
