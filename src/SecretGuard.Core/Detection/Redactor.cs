namespace SecretGuard.Detection;

/// <summary>
/// The only form in which a secret may leave the scanner: a few leading characters (none for short
/// values, where they would give too much away) and the length.
/// </summary>
internal static class Redactor
{
    public static string Redact(ReadOnlySpan<char> secret)
    {
        var shown = secret.Length switch
        {
            >= 24 => 4,
            >= 16 => 2,
            _ => 0,
        };

        // Never show whitespace or line breaks, which would make the form unreadable.
        var prefix = new string(secret[..shown]).Replace('\n', ' ').Replace('\r', ' ');
        return $"{prefix}*** ({secret.Length} chars)";
    }
}
