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
        var colon = decoded.IndexOf(':');
        return colon > 0 && colon < decoded.Length - 1 && decoded.All(c => c >= ' ' && c < 0x7F) && !Placeholders.IsPlaceholder(decoded[(colon + 1)..]);
    }
}
