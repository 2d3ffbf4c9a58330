using SecretGuard.Findings;

namespace SecretGuard.Scanning;

/// <summary>What scanning one file gave: its findings, and what of it was not read (named, never a silent pass).</summary>
/// <param name="SkippedFiles">The file, or files nested in it, over <see cref="ScanLimits.MaxFileBytes"/>.</param>
/// <param name="UnopenedArchives">Archives in it too large to open (each also a finding).</param>
internal readonly record struct FileScan(IReadOnlyList<Finding> Findings, IReadOnlyList<string> SkippedFiles, IReadOnlyList<string> UnopenedArchives)
{
    /// <summary>Nothing found and nothing left out: the file may be remembered as clean.</summary>
    public bool IsClean => Findings.Count == 0 && SkippedFiles.Count == 0;
}
