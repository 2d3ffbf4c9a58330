using System.Diagnostics;

namespace SecretGuard.Scanning;

/// <summary>
/// Bounds a team can put on one check: files above a size are not read (and are named in the summary),
/// and a check that runs past its time budget stops with an error rather than passing.
/// </summary>
internal sealed class ScanLimits
{
    private readonly Stopwatch _clock;

    public static ScanLimits None => new();

    /// <summary>Files larger than this are not read; null for no limit.</summary>
    public long? MaxFileBytes { get; init; }

    /// <summary>How long the check may take; null for no limit.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Files not read because of <see cref="MaxFileBytes"/> (their image paths). One scanning thread per instance.</summary>
    public List<string> SkippedFiles { get; } = [];

    /// <summary>What trying well-known passwords on the check's key stores may cost, shared by its threads.</summary>
    public Detection.KeyStores.KeyDerivationBudget KeyDerivation { get; private init; } = Detection.KeyStores.KeyDerivationBudget.ForOneCheck();

    /// <summary>The same bounds, for a scan on another thread: its own list of skipped files, the same time and key-derivation budgets.</summary>
    public ScanLimits WithSameBounds() => new(_clock) { MaxFileBytes = MaxFileBytes, TimeBudget = TimeBudget, KeyDerivation = KeyDerivation };

    public ScanLimits()
        : this(Stopwatch.StartNew())
    {
    }

    private ScanLimits(Stopwatch clock) => _clock = clock;

    public bool IsTooLarge(string path, long size)
    {
        if (MaxFileBytes is { } max && size > max)
        {
            SkippedFiles.Add(path);
            return true;
        }

        return false;
    }

    /// <exception cref="ScanTimeBudgetException">The time budget is spent.</exception>
    public void CheckTime()
    {
        if (TimeBudget is { } budget && _clock.Elapsed > budget)
        {
            throw new ScanTimeBudgetException($"the check ran past its time budget of {budget.TotalSeconds:0.#} s (SecretGuardTimeBudget); raise the budget, or lower SecretGuardMaxFileSize");
        }
    }

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
