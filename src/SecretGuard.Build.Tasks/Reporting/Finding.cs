using SecretGuard.Detection;

namespace SecretGuard.Reporting;

/// <summary>One credential found in an image. Holds the redacted form only, never the secret.</summary>
public sealed record Finding(
    string RuleId,
    string Title,
    Confidence Confidence,
    string Label,
    string RotationHint,
    ImageLocation Location,
    string Redacted)
{
    public static Finding From(SecretRule rule, SecretMatch match, ImageLocation location, ReadOnlySpan<char> secret) =>
        new(rule.Id, rule.Title, rule.Confidence, match.Label, rule.RotationHint, location, Redactor.Redact(secret));
}
