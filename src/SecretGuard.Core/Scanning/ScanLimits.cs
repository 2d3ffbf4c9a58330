namespace SecretGuard.Scanning;

/// <summary>
/// Bounds a team can put on one check: files above a size are not read (and are named in the summary),
/// and a check that runs past its time budget stops with an error rather than passing. Settings only:
/// the clock and what a check has spent are its <see cref="CheckBudget"/>.
/// </summary>
internal sealed record ScanLimits
{
    public static readonly ScanLimits None = new();

    /// <summary>Files larger than this are not read; null for no limit.</summary>
    public long? MaxFileBytes { get; init; }

    /// <summary>How long the check may take; null for no limit.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Whether a file of <paramref name="size"/> bytes is over <see cref="MaxFileBytes"/> (not read).</summary>
    public bool IsTooLarge(long size) => MaxFileBytes is { } max && size > max;

    /// <summary>"10MB", "512KB", "1GB" or a number of bytes.</summary>
    public static bool TryParseSize(string text, out long bytes)
    {
        var t = text.Trim().ToUpperInvariant();
        long unit = 1;
        foreach (var (suffix, factor) in new[] { ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("B", 1L) })
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal))
            {
                unit = factor;
                t = t[..^suffix.Length].Trim();
                break;
            }
        }

        bytes = 0;
        if (!long.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n <= 0 || n > long.MaxValue / unit)
        {
            return false;
        }

        bytes = n * unit;
        return true;
    }
}
