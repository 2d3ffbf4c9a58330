using System.Diagnostics;
using System.Runtime.ExceptionServices;
using SecretGuard.Common;
using SecretGuard.Detection;
using SecretGuard.ImageReading;

namespace SecretGuard.Scanning;

/// <summary>
/// The base image check started as soon as the base image is known (while the project restores and
/// compiles), joined by the gate before the image is built: the pull and the scan of the layers overlap
/// the compiler instead of following it. It reads the images' manifests, configs and layers; the gate
/// still places and reports the findings, so faults keep their codes and places (SG0011 at
/// ContainerBaseImage, SG0003 at the layer). Disposing it (the build failed or was cancelled before the
/// gate) stops it and waits for its threads: nothing keeps running, and a layer not read to its end is
/// never cached.
/// </summary>
internal sealed class EarlyBaseImageCheck : IDisposable
{
    /// <summary>How long disposing waits for the check's threads to stop (a stalled download is cut by disposing its client).</summary>
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly Action? _release;
    private readonly Stopwatch _running = Stopwatch.StartNew();
    private IReadOnlyList<ImageToScan>? _images;
    private BaseImageLayers? _layers;
    private ExceptionDispatchInfo? _failure;
    private long _ranMilliseconds = -1;
    private int _disposed;

    private EarlyBaseImageCheck(string key, Func<IReadOnlyList<ImageToScan>> resolve, Func<BaseImageScanner> scanner, Action? release)
    {
        Key = key;
        _release = release;
        _thread = CheckThreads.Create("SecretGuard base image check", () => Run(resolve, scanner));
    }

    /// <summary>What the check reads (image, platforms, cache, limits): the gate joins it only for the same.</summary>
    public string Key { get; }

    /// <summary>How long the check itself ran, start to end; -1 until it has ended.</summary>
    public long RanMilliseconds => Interlocked.Read(ref _ranMilliseconds);

    /// <summary>How long <see cref="Join"/> waited for it.</summary>
    public long WaitedMilliseconds { get; private set; }

    /// <summary>Whether it was stopped before it ended.</summary>
    public bool Stopped => _stop.IsCancellationRequested;

    /// <param name="key">What the check reads, for <see cref="Key"/>.</param>
    /// <param name="resolve">Fetches the image of each target platform (throws <see cref="ImageReadException"/>).</param>
    /// <param name="rules">The rule set, built on the check's thread: its start-up is not the build's to wait for.</param>
    /// <param name="cache">The layer cache (or null), opened on the check's thread.</param>
    /// <param name="release">Called when the check is disposed (disposes the registry client, which also cuts a download in flight).</param>
    /// <param name="buffers">The process's bound on files read whole; one of the check's own when null.</param>
    /// <param name="clock">What the time budget is measured on; the system's clock when null.</param>
    public static EarlyBaseImageCheck Start(string key, Func<IReadOnlyList<ImageToScan>> resolve, Func<RuleSet> rules, ScanLimits limits, Func<LayerResultCache?> cache, Action? release, WholeFileBuffers? buffers = null, TimeProvider? clock = null)
    {
        var budget = new CheckBudget(limits, clock);
        BaseImageScanner Scanner()
        {
            var ruleSet = rules();
            return new BaseImageScanner(ruleSet, new FileScanner(ruleSet, budget: budget, buffers: buffers), cache());
        }

        var check = new EarlyBaseImageCheck(key, resolve, Scanner, release);
        check._thread.Start();
        return check;
    }

    private void Run(Func<IReadOnlyList<ImageToScan>> resolve, Func<BaseImageScanner> scanner)
    {
        Thread? setUp = null;
        try
        {
            _stop.Token.ThrowIfCancellationRequested();

            // The rule set's start-up is CPU and the registry round trips are waits: one beside the other.
            // The start-up yields to the build as the layers' work does; the round trips stay on this thread,
            // at the build's priority, since threads the runtime starts lazily for the first network request
            // of the process (its socket and timer threads) would otherwise take a lowered priority for good.
            BaseImageScanner? built = null;
            ExceptionDispatchInfo? setUpFailure = null;
            setUp = CheckThreads.Start("SecretGuard rule set start-up", () =>
            {
                CheckThreads.YieldCurrentThreadToBuild();
                try
                {
                    built = scanner();
                }
                catch (Exception ex)
                {
                    setUpFailure = ExceptionDispatchInfo.Capture(ex);
                }
            });
            var images = resolve();

            CheckThreads.YieldCurrentThreadToBuild();
            setUp.Join();
            setUpFailure?.Throw();
            _layers = built!.ReadLayers(images, _stop.Token);
            _images = images;
        }
        catch (Exception ex)
        {
            // Handed to the gate, which reports it as it would its own (a thread's exception would end the build).
            _failure = ExceptionDispatchInfo.Capture(ex);
        }
        finally
        {
            // A registry that failed does not leave the start-up running past the check.
            setUp?.Join();
            Interlocked.Exchange(ref _ranMilliseconds, _running.ElapsedMilliseconds);
        }
    }

    /// <summary>
    /// Waits for the check to end and gives what it read; one that ran past SecretGuardTimeBudget gives the
    /// layers it read until then, with <see cref="BaseImageLayers.Stopped"/> set, for the gate to report.
    /// </summary>
    /// <exception cref="ImageReadException">The base image could not be fetched.</exception>
    /// <exception cref="ObjectDisposedException">The check was stopped.</exception>
    public (IReadOnlyList<ImageToScan> Images, BaseImageLayers Layers) Join()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var waiting = Stopwatch.StartNew();
        _thread.Join();
        WaitedMilliseconds = waiting.ElapsedMilliseconds;
        _failure?.Throw();
        return (_images!, _layers!);
    }

    /// <summary>Stops the check if it still runs and waits for its threads; safe to call more than once.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        if (!_thread.Join(TimeSpan.FromSeconds(2)))
        {
            // Blocked in the network: disposing the client ends the request.
            _release?.Invoke();
            _thread.Join(StopWait);
        }

        _release?.Invoke();
    }
}
