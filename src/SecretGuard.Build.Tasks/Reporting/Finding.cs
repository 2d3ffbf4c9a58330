using SecretGuard.Detection;

namespace SecretGuard.Reporting;

/// <summary>One credential found in an image. Holds the redacted form and a fingerprint, never the secret.</summary>
public sealed record Finding(
    string RuleId,
    string Title,
    Confidence Confidence,
    string Label,
    string RotationHint,
    ImageLocation Location,
    string Redacted,
    string Fingerprint)
{
    public static Finding From(SecretRule rule, SecretMatch match, ImageLocation location, ReadOnlySpan<char> secret) =>
        Create(rule, match.Label, location, Redactor.Redact(secret), Fingerprints.HashSecret(secret));

    /// <param name="secretHash">From <see cref="Fingerprints.HashSecret"/>.</param>
    public static Finding Create(SecretRule rule, string label, ImageLocation location, string redacted, string secretHash) =>
        new(rule.Id, rule.Title, rule.Confidence, label, rule.RotationHint, location, redacted, Fingerprints.Compute(rule.Id, location, secretHash));
}
