namespace SecretGuard.Reporting;

/// <summary>A message ready for MSBuild: code, where, and text (already redacted).</summary>
/// <param name="IsThirdParty">A finding in code the project ships but does not own (a NuGet package): a warning by default.</param>
public sealed record Diagnostic(string Code, string File, int Line, int Column, string Message, bool IsFinding, bool IsThirdParty = false);
