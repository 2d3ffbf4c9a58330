namespace SecretGuard.Detection;

/// <summary>The base64 "user:password" that Docker's config.json and npm's .npmrc keep for a registry.</summary>
internal static class BasicAuthValue
{
    /// <summary>True when <paramref name="base64"/> decodes to printable user:password with a password that is not a placeholder.</summary>
    public static bool HoldsPassword(string base64)
    {
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return false;
        }

        var decoded = System.Text.Encoding.UTF8.GetString(bytes, 0, written);
        if (decoded.StartsWith("_json_key:", StringComparison.Ordinal) || decoded.StartsWith("_json_key_base64:", StringComparison.Ordinal))
        {
            return HoldsServiceAccountKey(decoded[(decoded.IndexOf(':') + 1)..]);
        }

        var colon = decoded.IndexOf(':');
        return colon > 0 && colon < decoded.Length - 1 && decoded.All(c => c >= ' ' && c < 0x7F) && !Placeholders.IsPlaceholder(decoded[(colon + 1)..]);
    }

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
