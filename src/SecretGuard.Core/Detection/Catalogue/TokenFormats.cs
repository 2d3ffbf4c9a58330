using System.Text;
using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Catalogue;

/// <summary>
/// The catalogue of credential formats that a pattern and its keywords identify: one row each, a
/// source-generated regex beside it, in one file per family of services (TokenFormats.Cloud.cs, ...).
/// Rules that need structure (key stores, kubeconfig, Kubernetes Secrets, connection strings, a service's
/// name nearby) are code in Rules/ and <see cref="ContextFormats"/>. Ids are never reused. A token's pattern
/// keeps its prefix from continuing a longer word before it, and its characters from running on after it.
/// </summary>
internal static partial class TokenFormats
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private const int TimeoutMs = 2000;

    public static IReadOnlyList<TokenFormat> All { get; } =
        [.. Cloud, .. DeveloperTools, .. AiServices, .. Messaging, .. Payments, .. BusinessServices, .. FilesAndKeys];

    /// <summary>
    /// Classic, OAuth, user-to-server, server-to-server and refresh tokens end in a base-62 CRC-32 of
    /// their body, checked offline; fine-grained tokens (github_pat_) have a fixed shape only.
    /// </summary>
    private static bool IsGitHubToken(string token) =>
        token.StartsWith("github_pat_", StringComparison.Ordinal) ? !Placeholders.IsPlaceholder(token) : Checksums.HasValidCrc32Suffix(token.AsSpan("ghp_".Length));

    /// <summary>
    /// The current Entra ID client secret format (8Q~, 40 characters) ends with a checksum: one that does
    /// not hold was made up or damaged, and is a warning. The legacy format (7Q~) has no checksum.
    /// </summary>
    private static (string Label, Confidence? Confidence) DescribeEntraClientSecret(string secret)
    {
        const string Title = "Azure AD (Entra ID) client secret";
        if (secret.Length != 40 || secret[3] != '8')
        {
            return (Title, null);
        }

        return Checksums.HasValidEntraClientSecretChecksum(secret)
            ? (Title + " (its checksum holds)", null)
            : (Title + " whose checksum does not hold (made up or damaged?)", Confidence.Medium);
    }

    private static bool MixedCase(ReadOnlySpan<char> body) =>
        body.ContainsAnyInRange('A', 'Z') && body.ContainsAnyInRange('a', 'z') && Entropy.BitsPerChar(body) >= 3.5;

    /// <summary>Capitals, small letters and digits all present, as random tokens of that alphabet have them.</summary>
    internal static bool MixesCaseAndDigits(ReadOnlySpan<char> body) =>
        body.ContainsAnyInRange('A', 'Z') && body.ContainsAnyInRange('a', 'z') && body.ContainsAnyInRange('0', '9');

    internal static bool MixesLettersAndDigits(ReadOnlySpan<char> body) =>
        (body.ContainsAnyInRange('A', 'Z') || body.ContainsAnyInRange('a', 'z')) && body.ContainsAnyInRange('0', '9');

    /// <summary>A long-term key's payload decodes to "BedrockAPIKey-…:…"; a short-term key's prefix already is the decoded service name.</summary>
    private static bool IsBedrockKey(string key)
    {
        if (!key.StartsWith("ABSK", StringComparison.Ordinal))
        {
            return true;
        }

        var decoded = DecodeBase64(key.AsSpan(4));
        return decoded is not null && decoded.StartsWith("BedrockAPIKey-", StringComparison.Ordinal) && decoded.Contains(':', StringComparison.Ordinal);
    }

    /// <summary>A PubNub secret key's body is the base64 of a UUID in its text form (36 characters).</summary>
    private static bool IsBase64OfUuid(ReadOnlySpan<char> body) =>
        DecodeBase64(body) is { Length: 36 } text && System.Guid.TryParseExact(text, "D", out _);

    /// <summary>The key decodes to {"k":"…","n":"…","id":…}.</summary>
    private static bool IsGrafanaApiKey(string key) =>
        DecodeBase64(key.AsSpan()) is { } json && json.StartsWith("{\"k\":\"", StringComparison.Ordinal) && json.Contains("\"n\":", StringComparison.Ordinal);

    private static string? DecodeBase64(ReadOnlySpan<char> text)
    {
        var trimmed = text.TrimEnd('=');
        var padded = trimmed.ToString().PadRight((trimmed.Length + 3) / 4 * 4, '=');
        var bytes = new byte[padded.Length / 4 * 3];
        return Convert.TryFromBase64String(padded, bytes, out var written) ? Encoding.Latin1.GetString(bytes, 0, written) : null;
    }
}
