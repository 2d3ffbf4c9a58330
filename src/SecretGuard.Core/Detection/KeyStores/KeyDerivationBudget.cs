namespace SecretGuard.Detection.KeyStores;

/// <summary>
/// How much key derivation trying well-known passwords on key stores may cost, in iterations of the
/// store's key derivation function, over one check. A store sets its own iteration count, so without a
/// bound hundreds of small stores asking for 100,000 iterations each would take about a second apiece.
/// One budget is shared by every file (and thread) of a check; a store that finds it spent is still
/// reported, as not tried. Thread-safe.
/// </summary>
internal sealed class KeyDerivationBudget(long iterations)
{
    /// <summary>
    /// A few seconds of one core (about 2 µs an iteration, measured on the team's machine): fifty stores as
    /// OpenSSL writes them (2,048 iterations, twenty passwords each) or ten as Java's keytool does (10,000),
    /// more than an image holds, and a bound on what stores an attacker writes can cost.
    /// </summary>
    public const long DefaultIterations = 2_000_000;

    private long _left = iterations;

    /// <summary>A budget of <see cref="DefaultIterations"/>, for one check.</summary>
    public static KeyDerivationBudget ForOneCheck() => new(DefaultIterations);

    /// <summary>Iterations still to spend.</summary>
    public long Left => Math.Max(0, Interlocked.Read(ref _left));

    /// <summary>Takes <paramref name="iterations"/> from the budget when they are all there; false (and nothing taken) otherwise.</summary>
    public bool TrySpend(long iterations)
    {
        while (true)
        {
            var left = Interlocked.Read(ref _left);
            if (iterations > left)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _left, left - iterations, left) == left)
            {
                return true;
            }
        }
    }
}
