using SecretGuard.Detection.KeyStores;

namespace SecretGuard.Scanning;

/// <summary>
/// What one check may spend, created when the check starts and shared by all its threads: the time since
/// it started (against <see cref="ScanLimits.TimeBudget"/>) and what trying well-known passwords on its key
/// stores may cost. Thread-safe.
/// </summary>
internal sealed class CheckBudget
{
    private readonly TimeProvider _clock;
    private readonly long _started;

    /// <param name="clock">What the time budget is measured on; the system's clock when null.</param>
    public CheckBudget(ScanLimits limits, TimeProvider? clock = null)
    {
        Limits = limits;
        _clock = clock ?? TimeProvider.System;
        _started = _clock.GetTimestamp();
    }

    /// <summary>A check with no size or time bound (its key-derivation budget is still its own).</summary>
    public static CheckBudget Unbounded() => new(ScanLimits.None);

    public ScanLimits Limits { get; }

    public KeyDerivationBudget KeyDerivation { get; } = KeyDerivationBudget.ForOneCheck();

    /// <exception cref="ScanTimeBudgetException">The time budget is spent.</exception>
    public void CheckTime()
    {
        if (Limits.TimeBudget is { } budget && _clock.GetElapsedTime(_started) > budget)
        {
            throw new ScanTimeBudgetException($"the check ran past its time budget of {budget.TotalSeconds:0.#} s (SecretGuardTimeBudget); raise the budget, or lower SecretGuardMaxFileSize");
        }
    }
}
