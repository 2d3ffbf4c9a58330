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
    private static (int? Nice, bool Yields) Observe(bool yieldToBuild, Action<Action>? nest = null)
    {
        (int? Nice, bool Yields) seen = default;
        var thread = CheckThreads.Start("test", () =>
        {
            if (nest is null)
            {
                seen = (CheckThreads.CurrentNice(), CheckThreads.CurrentYields);
            }
            else
            {
                nest(() => seen = (CheckThreads.CurrentNice(), CheckThreads.CurrentYields));
            }
        }, yieldToBuild);
        thread.Join();
        return seen;
    }

    [TestMethod]
    public void A_yielding_thread_runs_below_its_creator_and_the_threads_it_starts_no_lower_again()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("nice values are Linux's");
        }

        var build = CheckThreads.CurrentNice()!.Value;
        var expected = Math.Min(19, build + CheckThreads.YieldNice);

        Assert.AreEqual((expected, true), Observe(yieldToBuild: true));
        Assert.AreEqual((expected, true), Observe(yieldToBuild: true, nest: run => CheckThreads.Start("nested", run).Join()));
        Assert.AreEqual((build, false), Observe(yieldToBuild: false));
        Assert.AreEqual((build, false), (CheckThreads.CurrentNice(), CheckThreads.CurrentYields), "the creating thread is left as it was");
    }

    [TestMethod]
    public void The_base_image_check_started_during_the_build_and_its_read_ahead_threads_yield_to_the_build()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("nice values are Linux's");
        }

        var expected = Math.Min(19, CheckThreads.CurrentNice()!.Value + CheckThreads.YieldNice);
        var blob = TestImages.Gzip(TestImages.Tar(("etc/app.conf", "name=app\n"u8.ToArray())));
        int? checkNice = null;
        var source = new ObservingBlobs(blob);
        using var early = EarlyBaseImageCheck.Start("key", () =>
        {
            checkNice = CheckThreads.CurrentNice();
            return [new ImageToScan("base", new ImageManifest(new Descriptor("", "sha256:c", 2), [TestImages.Layer(blob)]), ImageConfig.Parse("{}"), source)];
        }, () => RuleSet.Default, ScanLimits.None, () => null, release: null);
        early.Join();

        Assert.AreEqual(expected, checkNice, "the check's own thread");
        Assert.AreEqual(expected, source.ReadOnNice, "the thread that reads the layer ahead of the scan");
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
