namespace SecretGuard.Findings;

/// <summary>How sure a rule is that a match is a live credential.</summary>
internal enum Confidence
{
    /// <summary>A credential-named key holding a value that looks real, but nothing proves it.</summary>
    Medium,

    /// <summary>A unique prefix, a valid checksum or parsed key material.</summary>
    High,
}
