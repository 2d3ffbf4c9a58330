using SecretGuard.ImageReading;
using Spectre.Console;

namespace SecretGuard.Cli;

/// <summary>Counts of what a run actually read, across threads: the proof that a shared layer is read once.</summary>
internal sealed class RunCounters
{
    private int _layersRead;
    private long _bytes;

    public int LayersRead => Volatile.Read(ref _layersRead);

    public long Bytes => Interlocked.Read(ref _bytes);

    public void LayerRead() => Interlocked.Increment(ref _layersRead);

    public void Add(long bytes) => Interlocked.Add(ref _bytes, bytes);
}

/// <summary>A blob source that counts the layers and bytes read through it, and reports them as progress.</summary>
internal sealed class CountingBlobSource(IBlobSource inner, RunCounters counters, RunProgress progress) : IBlobSource
{
    public string Description => inner.Description;

    public bool ReadsConcurrently => inner.ReadsConcurrently;

    public void ReadBlobs(IReadOnlyCollection<Descriptor> wanted, Action<Descriptor, Stream> visit) =>
        inner.ReadBlobs(wanted, (descriptor, blob) =>
        {
            counters.LayerRead();
            using var counted = new CountingStream(blob, counters, progress);
            try
            {
                visit(descriptor, counted);
            }
            finally
            {
                progress.LayerDone();
            }
        });

    private sealed class CountingStream(Stream inner, RunCounters counters, RunProgress progress) : ForwardReadStream
    {
        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            counters.Add(n);
            progress.Bytes(n);
            return n;
        }
    }
}

/// <summary>
/// Progress on stderr for long runs (layers done of total, bytes, rate), drawn by Spectre.Console when
/// stderr is a terminal; with --progress on a log, one plain line per layer; otherwise nothing, so logs of
/// CI jobs stay clean.
/// </summary>
internal sealed class RunProgress(bool enabled) : IDisposable
{
    private readonly object _gate = new();
    private ProgressTask? _task;
    private Thread? _display;
    private readonly ManualResetEventSlim _finished = new();
    private readonly ManualResetEventSlim _shown = new();
    private int _total;
    private int _done;
    private long _bytes;

    public static RunProgress For(bool asked) => new(asked || !Console.IsErrorRedirected);

    public void Start(int layers)
    {
        _total = layers;
        if (!enabled || layers == 0)
        {
            return;
        }

        if (Console.IsErrorRedirected)
        {
            // Asked for with --progress on a stream that is not a terminal (a CI log): a plain line per layer.
            _plain = true;
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        _display = new Thread(() =>
        {
            console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context =>
                {
                    lock (_gate)
                    {
                        _task = context.AddTask(Description(), maxValue: _total);
                    }

                    _shown.Set();
                    while (!_finished.Wait(200))
                    {
                        Update();
                    }

                    Update();
                });
        })
        { IsBackground = true, Name = "secretguard progress" };
        _display.Start();
        _shown.Wait(TimeSpan.FromSeconds(2));
    }

    public void Bytes(long n) => Interlocked.Add(ref _bytes, n);

    public void LayerDone()
    {
        Interlocked.Increment(ref _done);
        if (_plain)
        {
            lock (_gate)
            {
                Console.Error.WriteLine($"secretguard: {Description()}");
            }
        }
    }

    private bool _plain;

    public void Stop()
    {
        _finished.Set();
        _display?.Join(TimeSpan.FromSeconds(5));
    }

    /// <summary>Stops the display, then frees its signals (a display thread still drawing after 5 s is left to end on its own).</summary>
    public void Dispose()
    {
        Stop();
        if (_display is null || !_display.IsAlive)
        {
            _finished.Dispose();
            _shown.Dispose();
        }
    }

    private void Update()
    {
        lock (_gate)
        {
            if (_task is null)
            {
                return;
            }

            _task.Value = Math.Min(_total, Volatile.Read(ref _done));
            _task.Description = Description();
        }
    }

    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    private string Description()
    {
        var megabytes = Interlocked.Read(ref _bytes) / (1024.0 * 1024);
        var rate = megabytes / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        return $"layers {Volatile.Read(ref _done)}/{_total}, {megabytes:0.0} MB, {rate:0.0} MB/s";
    }
}
