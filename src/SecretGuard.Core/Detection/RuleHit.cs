namespace SecretGuard.Detection;

/// <summary>A match together with the rule that produced it.</summary>
internal sealed record RuleHit(SecretRule Rule, SecretMatch Match);
