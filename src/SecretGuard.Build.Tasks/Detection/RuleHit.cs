namespace SecretGuard.Detection;

/// <summary>A match together with the rule that produced it.</summary>
public sealed record RuleHit(SecretRule Rule, SecretMatch Match);
