namespace SecretGuard.Reporting;

/// <summary>A message ready for MSBuild: code, where, and text (already redacted).</summary>
public sealed record Diagnostic(string Code, string File, int Line, int Column, string Message, bool IsFinding);
