using SecretGuard.Findings;

namespace SecretGuard.Scanning;

/// <summary>What scanning one file gave: its findings, and what of it was not read (named, never a silent pass).</summary>
/// <param name="SkippedFiles">The file, or files nested in it, over <see cref="ScanLimits.MaxFileBytes"/>.</param>
/// <param name="UnopenedArchives">
/// Archives and compressed files in it not opened: zips too large to open, and compressions SecretGuard does
/// not decompress (each also a finding, except in package-manager state and documentation: see CompressedFormats).
/// </param>
internal readonly record struct FileScan(IReadOnlyList<Finding> Findings, IReadOnlyList<string> SkippedFiles, IReadOnlyList<string> UnopenedArchives)
{
    /// <summary>Nothing found and nothing left out: the file may be remembered as clean.</summary>
    public bool IsClean => Findings.Count == 0 && SkippedFiles.Count == 0;
}
