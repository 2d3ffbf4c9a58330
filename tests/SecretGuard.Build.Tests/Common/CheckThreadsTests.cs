using SecretGuard.Common;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Scanning;
using SecretGuard.Tests.ImageReading;

namespace SecretGuard.Tests.Common;

/// <summary>A check that runs while the project builds yields the CPU to the build: it and every thread it starts.</summary>
[TestClass]
public sealed class CheckThreadsTests
{
    /// <summary>The nice value and yielding of a thread started by one that yields (or not), and of one that thread starts.</summary>
    private static ((int? Nice, bool Yields) Started, (int? Nice, bool Yields) Nested) Observe(bool yields)
    {
        (int?, bool) started = default, nested = default;
        CheckThreads.Start("test", () =>
        {
            if (yields)
            {
                CheckThreads.YieldCurrentThreadToBuild();
            }

            started = (CheckThreads.CurrentNice(), CheckThreads.CurrentYields);
            CheckThreads.Start("nested", () => nested = (CheckThreads.CurrentNice(), CheckThreads.CurrentYields)).Join();
        }).Join();
        return (started, nested);
    }

    [TestMethod]
    public void A_yielding_thread_runs_below_the_build_and_the_threads_it_starts_as_low_not_lower_again()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("nice values are Linux's");
        }

        var build = CheckThreads.CurrentNice()!.Value;
        var lowered = Math.Min(19, build + CheckThreads.YieldNice);

        Assert.AreEqual(((lowered, true), (lowered, true)), Observe(yields: true));
        Assert.AreEqual(((build, false), (build, false)), Observe(yields: false));
        Assert.AreEqual((build, false), (CheckThreads.CurrentNice(), CheckThreads.CurrentYields), "the thread that started them is left as it was");
    }

    [TestMethod]
    public void The_base_image_check_started_during_the_build_asks_the_registry_at_the_builds_priority_and_reads_the_layers_below_it()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("nice values are Linux's");
        }

        var build = CheckThreads.CurrentNice()!.Value;
        var blob = TestImages.Gzip(TestImages.Tar(("etc/app.conf", "name=app\n"u8.ToArray())));
        int? resolvedAt = null;
        var source = new ObservingBlobs(blob);
        using var early = EarlyBaseImageCheck.Start("key", () =>
        {
            resolvedAt = CheckThreads.CurrentNice();
            return [new ImageToScan("base", new ImageManifest(new Descriptor("", "sha256:c", 2), [TestImages.Layer(blob)]), ImageConfig.Parse("{}"), source)];
        }, () => RuleSet.Default, ScanLimits.None, () => null, release: null);
        early.Join();

        Assert.AreEqual(build, resolvedAt, "the registry's round trips: threads the runtime starts for them are not born lowered");
        Assert.AreEqual(Math.Min(19, build + CheckThreads.YieldNice), source.ReadOnNice, "the thread that reads the layer ahead of the scan");
    }

    /// <summary>One blob from memory, noting the nice value of the thread that reads it (the read-ahead thread).</summary>
    private sealed class ObservingBlobs(byte[] blob) : IBlobSource
    {
        public int? ReadOnNice { get; private set; }

        public string Description => "memory";

        public bool ReadsConcurrently => true;

        public void ReadBlobs(IReadOnlyCollection<Descriptor> wanted, Action<Descriptor, Stream> visit)
        {
            foreach (var d in wanted)
            {
                visit(d, new Observed(new MemoryStream(blob), this));
            }
        }

        private sealed class Observed(Stream inner, ObservingBlobs owner) : ForwardReadStream
        {
            public override int Read(Span<byte> buffer)
            {
                owner.ReadOnNice ??= CheckThreads.CurrentNice();
                return inner.Read(buffer);
            }
        }
    }
}
