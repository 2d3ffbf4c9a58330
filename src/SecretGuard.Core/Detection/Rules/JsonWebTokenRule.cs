using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// Signed JSON Web Tokens: bearer credentials whoever holds them can use until they expire. The header
/// must decode to JSON naming a signing algorithm and the payload to a JSON object; an expired token,
/// an unsigned one (alg none) and the well-known documentation example are not reported.
/// </summary>
internal sealed partial class JsonWebTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_\-.])(?<secret>eyJ[A-Za-z0-9_\-]{10,2048}\.eyJ[A-Za-z0-9_\-]{10,8192}\.[A-Za-z0-9_\-]{16,1024})(?![A-Za-z0-9_\-.])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1103";

    public override string Title => "JSON Web Token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke the token (or the session, or the signing key that issued it) at its issuer and issue a new one at runtime";

    public override IReadOnlyList<string> Keywords { get; } = ["eyJ"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    protected override bool Accept(string candidate, Match match, string text)
    {
        var parts = candidate.Split('.');
        if (Decode(parts[0]) is not { ValueKind: JsonValueKind.Object } header || Decode(parts[1]) is not { ValueKind: JsonValueKind.Object } payload)
        {
            return false;
        }

        if (!header.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || string.Equals(alg.GetString(), "none", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (IsExpired(payload))
        {
            return false; // expired: no longer a credential
        }

        // jwt.io's example, copied into countless docs and tests.
        return !(payload.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String && sub.GetString() == "1234567890");
    }

    /// <summary>
    /// True when the payload's <c>exp</c> (seconds since 1970, RFC 7519 NumericDate, possibly fractional) has
    /// passed. An <c>exp</c> that is not a number (a string, null, true) is no date: treated as absent, so the
    /// token is still reported rather than the rule throwing on it.
    /// </summary>
    private static bool IsExpired(JsonElement payload) =>
        payload.TryGetProperty("exp", out var exp)
        && exp.ValueKind == JsonValueKind.Number
        && exp.TryGetDouble(out var seconds)
        && seconds < DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static JsonElement? Decode(string part)
    {
        try
        {
            var padded = part.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(padded)));
            return doc.RootElement.Clone();
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }
}
