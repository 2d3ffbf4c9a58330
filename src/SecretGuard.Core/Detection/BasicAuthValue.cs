namespace SecretGuard.Detection;

/// <summary>The base64 "user:password" that Docker's config.json and npm's .npmrc keep for a registry.</summary>
internal static class BasicAuthValue
{
    /// <summary>True when <paramref name="base64"/> decodes to printable user:password with a password that is not a placeholder.</summary>
    public static bool HoldsPassword(string base64)
    {
        if (Decode(base64) is not { } decoded)
        {
            return false;
        }

        if (decoded.StartsWith("_json_key:", StringComparison.Ordinal) || decoded.StartsWith("_json_key_base64:", StringComparison.Ordinal))
        {
            return HoldsServiceAccountKey(decoded[(decoded.IndexOf(':') + 1)..]);
        }

        return PasswordOf(decoded) is not null;
    }

    /// <summary>The password <paramref name="base64"/> decodes to (after "user:"), or null when it is not printable user:password with a password that is not a placeholder.</summary>
    public static string? Password(string base64) => Decode(base64) is { } decoded ? PasswordOf(decoded) : null;

    private static string? Decode(string base64)
    {
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var written) ? System.Text.Encoding.UTF8.GetString(bytes, 0, written) : null;
    }

    private static string? PasswordOf(string decoded)
    {
        var colon = decoded.IndexOf(':');
        return colon > 0 && colon < decoded.Length - 1 && decoded.All(c => c >= ' ' && c < 0x7F) && !Placeholders.IsPlaceholder(decoded[(colon + 1)..])
            ? decoded[(colon + 1)..]
            : null;
    }

    /// <summary>
    /// The specifications' own examples, copied into countless docs, libraries and tests: RFC 7617's (and
    /// RFC 2617's) "Aladdin:open sesame", and the OAuth 2.0 client "s6BhdRkqt3" of RFC 6749, RFC 7662 and
    /// OpenID Connect (oauthlib's docstrings quote it).
    /// </summary>
    public static bool IsSpecificationExample(string base64) => base64.TrimEnd('=') is "QWxhZGRpbjpvcGVuIHNlc2FtZQ" or "czZCaGRSa3F0MzpnWDFmQmF0M2JW";

    /// <summary>Google registries' _json_key password: a service-account key (JSON, or its base64) holding a private key.</summary>
    private static bool HoldsServiceAccountKey(string password)
    {
        if (password.TrimStart().StartsWith('{'))
        {
            return HoldsPrivateKey(password);
        }

        var bytes = new byte[password.Length];
        return Convert.TryFromBase64String(password.Trim(), bytes, out var written)
            && HoldsPrivateKey(System.Text.Encoding.UTF8.GetString(bytes, 0, written));
    }

    // The key's own text decides, not placeholder words: a long base64 key body holds short words by chance.
    private static bool HoldsPrivateKey(string json) =>
        json.Contains("\"private_key\"", StringComparison.Ordinal) && json.Contains("PRIVATE KEY-----", StringComparison.Ordinal);
}
