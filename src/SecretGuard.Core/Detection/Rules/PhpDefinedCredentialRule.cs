using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// Credentials set as PHP constants, as wp-config.php does: define('DB_PASSWORD', '…'), and the
/// authentication keys and salts (AUTH_KEY, NONCE_SALT). WordPress's sample values are not reported.
/// </summary>
internal sealed partial class PhpDefinedCredentialRule : SecretRule
{
    [GeneratedRegex(@"\bdefine\s*\(\s*['""](?<key>[A-Za-z_][A-Za-z0-9_]{0,63})['""]\s*,\s*(?<quote>['""])(?<secret>[^'""\r\n]{1,256})\k<quote>\s*\)", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    // wp-config-sample.php ships these.
    private static readonly string[] SampleValues = ["put your unique phrase here", "password_here", "username_here", "database_name_here"];

    public override string Id => "SG1102";

    public override string Title => "Credential in a PHP define (wp-config.php)";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "change the database password and regenerate the keys and salts (WordPress: the secret-key service), then read them from the environment of a mounted file";

    public override IReadOnlyList<string> Keywords { get; } = ["define"];

    public override bool MayFind(ReadOnlySpan<char> text, TextOrigin origin, IReadOnlyList<int> keywordStarts) => PatternRegex().IsMatch(text);

    public override IEnumerable<SecretMatch> Find(string text)
    {
        for (var match = PatternRegex().Match(text); match.Success; match = match.NextMatch())
        {
            var key = match.Groups["key"].Value;
            var secret = match.Groups["secret"];
            if (SampleValues.Any(v => secret.Value.Equals(v, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            // WordPress's salts are secrets by name alone.
            var judged = key.EndsWith("_SALT", StringComparison.OrdinalIgnoreCase) ? key[..^5] + "_SECRET" : key;
            if (CredentialAssignmentRule.IsCredential(judged, secret.Value))
            {
                yield return new SecretMatch(secret.Index, secret.Length, $"value of {key}", CredentialAssignmentRule.ConfidenceOf(judged, secret.Value, TextOrigin.File));
            }
        }
    }
}
