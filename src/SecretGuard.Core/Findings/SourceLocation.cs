namespace SecretGuard.Findings;

/// <summary>A place in a file a developer edits. Line and column are 1-based; 0 means "the whole file".</summary>
internal sealed record SourceLocation(string File, int Line, int Column);
