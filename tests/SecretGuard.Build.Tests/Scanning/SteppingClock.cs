namespace SecretGuard.Tests.Scanning;

/// <summary>
/// A clock that moves one second each time it is read. A check reads it once when it starts and once
/// before each file, so a time budget of N.5 seconds runs out at the (N+1)th file, on any machine.
/// </summary>
internal sealed class SteppingClock : TimeProvider
{
    private long _reads;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => (Interlocked.Increment(ref _reads) - 1) * TimeSpan.TicksPerSecond;

    /// <summary>The budget that lets <paramref name="files"/> files be read and stops the check at the next one.</summary>
    public static TimeSpan BudgetFor(int files) => TimeSpan.FromSeconds(files + 0.5);
}
