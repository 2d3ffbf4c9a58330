namespace SecretGuard.Scanning;

/// <summary>
/// The memory held by files read whole (assemblies, bundles, NativeAOT images, up to 256 MB each) by all
/// the scanning threads that share this instance (one per process: an MSBuild node, the tool): past
/// <see cref="MaxBytes"/>, a thread that holds none waits for the others to finish one, so that four layer
/// threads meeting four large binaries hold about one bound's worth, not four. A thread already holding
/// one (a bundle reading an assembly inside it) never waits, so none waits on itself.
/// </summary>
internal sealed class WholeFileBuffers
{
    public const long MaxBytes = 320L << 20;

    private readonly object _gate = new();
    private long _held;

    // Per thread, across instances: a thread holding any buffer goes on rather than wait on itself.
    [ThreadStatic]
    private static int t_heldByThisThread;

    public Holding Hold(long bytes)
    {
        lock (_gate)
        {
            while (t_heldByThisThread == 0 && _held > 0 && _held + bytes > MaxBytes)
            {
                Monitor.Wait(_gate);
            }

            _held += bytes;
        }

        t_heldByThisThread++;
        return new Holding(this, bytes);
    }

    public long Held
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    private void Release(long bytes)
    {
        t_heldByThisThread--;
        lock (_gate)
        {
            _held -= bytes;
            Monitor.PulseAll(_gate);
        }
    }

    public readonly struct Holding(WholeFileBuffers owner, long bytes) : IDisposable
    {
        public void Dispose() => owner.Release(bytes);
    }
}
