using System.Runtime.InteropServices;

namespace SecretGuard.Common;

/// <summary>
/// Every thread a check starts. A check that runs while the project still builds (the early base image
/// check) yields to the build: it and every thread it starts run below the build's priority, so that it
/// takes the cores the build leaves idle rather than the compiler's. On two cores, the check's threads at
/// the build's priority slowed a fresh clone's publish by 8%; yielding, by nothing measurable (see
/// docs/performance.md).
/// </summary>
/// <remarks>
/// On Linux a thread starts with the nice value of the thread that creates it, and the runtime creates some
/// of its own threads lazily, on whichever thread first needs them (the socket engine's on the first
/// network request, the timer thread, thread pool workers): the early check yields only once its registry
/// round trips for the image are done, so that the threads a process's first network request starts are
/// not born lowered. A pool worker the runtime adds later, on a lowered thread's request, can still be.
/// </remarks>
internal static partial class CheckThreads
{
    /// <summary>How much nicer (Linux) a yielding thread is than the one that started it: about a tenth of the CPU when both want it.</summary>
    public const int YieldNice = 10;

    private const int MaxNice = 19;
    private const int PrioProcess = 0;

    [ThreadStatic]
    private static bool t_yields;

    /// <summary>True when the current thread yields to the build (started as such, or by a thread that does).</summary>
    public static bool CurrentYields => t_yields;

    /// <summary>A background thread, not yet started, that yields to the build when the thread creating it does.</summary>
    public static Thread Create(string name, Action run)
    {
        // Relative to the build's priority: a thread started by a yielding one is as low as it, not lower again.
        var yields = t_yields;
        var nice = yields ? LoweredNice() : null;
        return new Thread(() =>
        {
            if (yields)
            {
                YieldToBuild(nice);
            }

            run();
        })
        {
            IsBackground = true,
            Name = name,
        };
    }

    /// <summary>As <see cref="Create"/>, started.</summary>
    public static Thread Start(string name, Action run)
    {
        var thread = Create(name, run);
        thread.Start();
        return thread;
    }

    /// <summary>Lowers the current thread below the build's priority, and so every thread it starts from now on (see <see cref="Create"/>).</summary>
    public static void YieldCurrentThreadToBuild()
    {
        if (!t_yields)
        {
            YieldToBuild(LoweredNice());
        }
    }

    /// <summary>The nice value of a thread that yields, from the current thread's (Linux; null elsewhere or unknown).</summary>
    private static int? LoweredNice() =>
        CurrentNice() is { } current ? (t_yields ? current : Math.Min(MaxNice, current + YieldNice)) : null;

    /// <summary>
    /// Lowers the current thread below the build's priority, where the system lets a process do that for
    /// one thread (Linux: the thread's nice value; Windows: its priority). Never fails: a check at the
    /// build's priority is slower beside the build, not wrong.
    /// </summary>
    /// <param name="nice">The nice value to take on Linux (null: leave it).</param>
    private static void YieldToBuild(int? nice)
    {
        t_yields = true;
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
            }
            else if (OperatingSystem.IsLinux() && nice is { } value)
            {
                // On Linux a nice value belongs to the thread (its id); a new thread starts with its creator's.
                _ = SetPriority(PrioProcess, (uint)GetThreadId(), value);
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or ThreadStateException or PlatformNotSupportedException)
        {
            // Left at the build's priority.
        }
    }

    /// <summary>The current thread's nice value on Linux (for tests); null elsewhere or when it cannot be read.</summary>
    internal static int? CurrentNice()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            Marshal.SetLastPInvokeError(0);
            var nice = GetPriority(PrioProcess, (uint)GetThreadId());
            return nice == -1 && Marshal.GetLastPInvokeError() != 0 ? null : nice;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();

    [LibraryImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    private static partial int GetPriority(int which, uint who);

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, uint who, int priority);
}
