using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// A symmetric key an app encrypts or signs its data with, set under a section named for it:
/// "Encryption": { "Key": "…" } in appsettings.json (likewise Crypto, Cryptography, Cipher, Aes, Hmac), or
/// Encryption__Key / Aes:Key / HMAC_KEY in ENV and key=value files. A bare "Key" says nothing on its own
/// (a cache key, a sort key), so SG1010 passes it over; its section says what it is. Whoever has it reads
/// or forges what the app protects with it. (Names that say "encryption key" or "secret" themselves are
/// SG1010's; a Jwt section's key is SG1104's.)
/// </summary>
internal sealed partial class EncryptionKeyRule : SecretRule
{
    // Not a name ending in "ed": encrypted_key is a JWE's wrapped key (encrypted, not secret), hashed names are digests.
    private const string Section = @"[A-Za-z]*(?:Encrypt|Crypto|Cipher|Aes|AES|Hmac|HMAC)[A-Za-z]*(?<![Ee][Dd])";

    private const string KeyName = @"(?:Key|SecretKey|SymmetricKey|MasterKey|EncryptionKey|AesKey|HmacKey|Secret)";

    [GeneratedRegex(@"""" + Section + @"""\s*:\s*\{[^{}]{0,1024}?""" + KeyName + @"""\s*:\s*""(?<secret>[^""\r\n]{1,512})""", Options | RegexOptions.IgnoreCase, TimeoutMs)]
    private static partial Regex JsonRegex();

    [GeneratedRegex(@"(?<![A-Za-z0-9])" + Section + @"(?:__|:|\.|_)" + KeyName + @"[""']?[ \t]*[=:][ \t]*[""']?(?<secret>[^\s""',;]{1,512})", Options | RegexOptions.IgnoreCase, TimeoutMs)]
    private static partial Regex FlatRegex();

    public override string Id => "SG1285";

    public override string Title => "Encryption key in configuration";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "generate a new key, re-encrypt (or re-sign) what the old one protected, and load the key at runtime from a secret store";

    public override IReadOnlyList<string> Keywords { get; } = ["encrypt", "crypto", "cipher", "aes", "hmac"];

    public override IEnumerable<SecretMatch> Find(string text) => Find(text, TextOrigin.File, []);

    /// <remarks>As <see cref="JwtSigningKeyRule"/>: the flat form on the keyword's line, the JSON form from its line to as far as the section's key can be.</remarks>
    public override IEnumerable<SecretMatch> Find(string text, TextOrigin origin, IReadOnlyList<int> keywordStarts)
    {
        var starts = StartsWhere(text, StartsIn(text, keywordStarts), NamesKeySetting);
        return Secrets(
            MatchesIn(JsonRegex(), text, SectionSpans(text, starts, 1024 + 512)).Concat(MatchesIn(FlatRegex(), text, KeywordLines(text, starts))),
            m => LooksLikeKey(m.Groups["secret"].Value));
    }

    /// <summary>Whether a regex matches where <see cref="Find(string, TextOrigin, IReadOnlyList{int})"/> runs it: nothing else gives a match.</summary>
    public override bool MayFind(ReadOnlySpan<char> text, TextOrigin origin, IReadOnlyList<int> keywordStarts)
    {
        if (keywordStarts.Count == 0)
        {
            return true;
        }

        var starts = StartsWhere(text, keywordStarts, NamesKeySetting);
        return AnyMatchIn(JsonRegex(), text, SectionSpans(text, starts, 1024 + 512)) || AnyMatchIn(FlatRegex(), text, KeywordLines(text, starts));
    }

    private static readonly HashSet<string> KeyNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Key", "SecretKey", "SymmetricKey", "MasterKey", "EncryptionKey", "AesKey", "HmacKey", "Secret",
    };

    /// <summary>
    /// Whether the name holding the keyword at <paramref name="keyword"/> opens a JSON section (<c>"…": {</c>)
    /// or goes on to a key's name (<c>__Key</c>, <c>:Key</c>, <c>_KEY</c>): the regexes run only there, not at
    /// every "crypto" of a documentation file or "aes" inside a word.
    /// </summary>
    private static bool NamesKeySetting(ReadOnlySpan<char> text, int keyword)
    {
        var i = keyword;
        while (i < text.Length && char.IsAsciiLetter(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] == '"')
        {
            var j = i + 1;
            while (j < text.Length && j - i < 64 && text[j] is ' ' or '\t' or '\r' or '\n')
            {
                j++;
            }

            if (j >= text.Length || text[j] != ':')
            {
                return false;
            }

            j++;
            while (j < text.Length && j - i < 128 && text[j] is ' ' or '\t' or '\r' or '\n')
            {
                j++;
            }

            return j < text.Length && text[j] == '{';
        }

        var separator = text[i..].StartsWith("__") ? 2 : i < text.Length && text[i] is ':' or '.' or '_' ? 1 : 0;
        if (separator == 0)
        {
            return false;
        }

        var nameStart = i + separator;
        var nameEnd = nameStart;
        while (nameEnd < text.Length && nameEnd - nameStart < 16 && char.IsAsciiLetter(text[nameEnd]))
        {
            nameEnd++;
        }

        return KeyNames.Contains(text[nameStart..nameEnd].ToString());
    }

    /// <summary>
    /// What a generated key is written as: 16 or more hex, base64 or base64url characters with letters and
    /// digits, random-looking. Not a dotted name (msal.cache.encryption), code (b64u(encryptedKey)), a
    /// placeholder or a reference.
    /// </summary>
    private static bool LooksLikeKey(string v) =>
        v.Length >= 16 && v.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '-' or '_')
        && v.Any(char.IsAsciiDigit) && v.Any(char.IsAsciiLetter)
        && !Placeholders.IsPlaceholder(v) && !Placeholders.IsReference(v) && Entropy.BitsPerChar(v) >= 3.0;
}
