using SecretGuard.Findings;

namespace SecretGuard.Detection;

/// <summary>A rule's match as a <see cref="Finding"/>: redacted, fingerprinted, never holding the secret.</summary>
internal static class RuleFindings
{
    public static Finding From(SecretRule rule, SecretMatch match, ImageLocation location, ReadOnlySpan<char> secret) =>
        Create(rule, match, location, Redactor.Redact(secret), Fingerprints.HashSecret(secret));

    /// <param name="secretHash">From <see cref="Fingerprints.HashSecret"/>.</param>
    public static Finding Create(SecretRule rule, SecretMatch match, ImageLocation location, string redacted, string secretHash) =>
        new(rule.Id, rule.Title, match.Confidence ?? rule.Confidence, match.Label, rule.RotationHint, location, redacted, Fingerprints.Compute(rule.Id, location, secretHash))
        {
            SecretKey = Fingerprints.SecretKey(secretHash),
        };
}
