using System.Diagnostics;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.Findings;
using SecretGuard.ImageReading;
using SecretGuard.Scanning;
using SecretGuard.Tests.ImageReading;

namespace SecretGuard.Tests.Scanning;

/// <summary>The base image check started during the build, the layer claims that let builds share a layer, and the build's requested targets.</summary>
[TestClass]
public sealed class EarlyBaseImageCheckTests
{
    private string _dir = "";

    [TestInitialize]
    public void Init() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sg-early-" + Guid.NewGuid().ToString("N")));

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    /// <summary>Blobs from memory, each read <paramref name="bytesPerRead"/> bytes at a time with a pause: a slow registry.</summary>
    private sealed class SlowBlobs(int bytesPerRead, TimeSpan pause, params byte[][] blobs) : IBlobSource
    {
        private int _reads;

        public int Reads => _reads;

        public string Description => "slow memory";

        public bool ReadsConcurrently => true;

        public void ReadBlobs(IReadOnlyCollection<Descriptor> wanted, Action<Descriptor, Stream> visit)
        {
            foreach (var d in wanted)
            {
                Interlocked.Increment(ref _reads);
                visit(d, new Trickle(new MemoryStream(blobs.Single(b => TestImages.Digest(b) == d.Digest)), bytesPerRead, pause));
            }
        }

        private sealed class Trickle(Stream inner, int bytesPerRead, TimeSpan pause) : ForwardReadStream
        {
            public override int Read(Span<byte> buffer)
            {
                if (pause > TimeSpan.Zero)
                {
                    Thread.Sleep(pause);
                }

                return inner.Read(buffer[..Math.Min(buffer.Length, bytesPerRead)]);
            }
        }
    }

    private static string AwsCredentials() =>
        "[default]\naws_access_key_id = " + TestSecrets.AwsKeyId() + "\naws_secret_access_key = " + TestSecrets.AwsSecret() + "\n";

    private static ImageToScan Image(IBlobSource blobs, params byte[][] layers) =>
        new("base", new ImageManifest(new Descriptor("", "sha256:c", 2), layers.Select(TestImages.Layer).ToList()),
            ImageConfig.Parse("{\"config\":{\"Env\":[\"PATH=/usr/bin\"]}}"), blobs);

    private static byte[] Noise(int bytes)
    {
        var random = new Random(7);
        var text = new StringBuilder(bytes);
        while (text.Length < bytes)
        {
            text.Append("line ").Append(random.Next()).Append(" of an ordinary log file\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [TestMethod]
    public void Joined_check_reports_exactly_what_the_gate_finds_reading_the_image_itself()
    {
        var leaky = TestImages.Gzip(TestImages.Tar(("root/.aws/credentials", AwsCredentials()), ("etc/os-release", "ID=x\n")));
        var other = TestImages.Gzip(TestImages.Tar(("usr/share/x.txt", "nothing")));
        var blobs = new SlowBlobs(1 << 20, TimeSpan.Zero, leaky, other);
        var image = Image(blobs, leaky, other);

        using var early = EarlyBaseImageCheck.Start("key", () => [image], () => RuleSet.Default, ScanLimits.None, () => new LayerResultCache(_dir), release: null);
        var (images, layers) = early.Join();
        var joined = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), null).Scan("corp/base:1", images, [], [], layers);
        var direct = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), null).Scan("corp/base:1", [Image(new SlowBlobs(1 << 20, TimeSpan.Zero, leaky, other), leaky, other)], [], []);

        Assert.IsNotEmpty(joined.Findings);
        CollectionAssert.AreEquivalent(direct.Findings.Select(f => (f.RuleId, f.Fingerprint, f.Location)).ToList(), joined.Findings.Select(f => (f.RuleId, f.Fingerprint, f.Location)).ToList());
        Assert.AreEqual((2, 2), (blobs.Reads, joined.Coverage.Layers));
        Assert.IsGreaterThanOrEqualTo(0L, early.RanMilliseconds);
    }

    [TestMethod]
    public void A_base_image_that_cannot_be_fetched_is_the_gates_to_report_with_its_own_exception()
    {
        using var early = EarlyBaseImageCheck.Start("key", () => throw new ImageReadException(ImageReadFailure.Registry, "registry localhost:1 cannot be reached"), () => RuleSet.Default, ScanLimits.None, () => null, null);
        var ex = Assert.ThrowsExactly<ImageReadException>(() => early.Join());
        Assert.AreEqual(ImageReadFailure.Registry, ex.Failure);
    }

    [TestMethod]
    public void The_rule_set_starts_up_while_the_registry_answers_and_is_done_before_a_failed_check_ends()
    {
        // The registry's answer waits for the rule set's start-up: run one after the other, they never meet.
        using var rulesBuilt = new ManualResetEventSlim();
        var layer = TestImages.Gzip(TestImages.Tar(("etc/motd", "hello")));
        var image = Image(new SlowBlobs(1 << 10, TimeSpan.Zero, layer), layer);
        using (var early = EarlyBaseImageCheck.Start("key", () => rulesBuilt.Wait(TimeSpan.FromSeconds(20)) ? [image] : throw new TimeoutException("the rule set was not built meanwhile"),
            () =>
            {
                rulesBuilt.Set();
                return RuleSet.Default;
            }, ScanLimits.None, () => null, null))
        {
            Assert.IsEmpty(early.Join().Layers.Failures);
        }

        // A registry that fails at once: the check ends only once the start-up beside it has.
        var startUpDone = false;
        using var failed = EarlyBaseImageCheck.Start("key", () => throw new ImageReadException(ImageReadFailure.Registry, "registry localhost:1 cannot be reached"),
            () =>
            {
                Thread.Sleep(300);
                startUpDone = true;
                return RuleSet.Default;
            }, ScanLimits.None, () => null, null);
        Assert.ThrowsExactly<ImageReadException>(() => failed.Join());
        Assert.IsTrue(Volatile.Read(ref startUpDone));
    }

    [TestMethod]
    public void Disposing_a_running_check_stops_it_promptly_and_leaves_no_cache_entry_or_lock()
    {
        // About 4 MB of text read 4 KB at a time with a pause: a minute or more to read it all.
        var big = TestImages.Gzip(TestImages.Tar(("var/log/big.log", Noise(4 << 20))));
        var blobs = new SlowBlobs(4096, TimeSpan.FromMilliseconds(20), big);
        var cache = new LayerResultCache(_dir);
        var early = EarlyBaseImageCheck.Start("key", () => [Image(blobs, big)], () => RuleSet.Default, ScanLimits.None, () => cache, null);
        var deadline = Stopwatch.StartNew();
        while (blobs.Reads == 0 && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            Thread.Sleep(10);
        }

        Assert.AreEqual(1, blobs.Reads, "the layer is being read");
        Assert.IsNotEmpty(Directory.EnumerateFiles(_dir, "*.lock", SearchOption.AllDirectories).ToList(), "the layer is claimed while it is read");
        var stopping = Stopwatch.StartNew();
        early.Dispose();

        Assert.IsLessThan(10_000L, stopping.ElapsedMilliseconds, "stopped promptly");
        Assert.IsGreaterThanOrEqualTo(0L, early.RanMilliseconds, "its thread has ended");
        Assert.IsTrue(early.Stopped);
        Assert.IsEmpty(Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories).ToList(), "no entry, temporary file or lock left");
        Assert.IsNull(cache.TryGet(TestImages.Layer(big)));
        Assert.ThrowsExactly<ObjectDisposedException>(() => early.Join());
    }

    [TestMethod]
    public void A_layer_claim_is_exclusive_across_claims_and_released_with_its_file()
    {
        var layer = TestImages.Layer(TestImages.Gzip(TestImages.Tar(("a", "b"))));
        var cache = new LayerResultCache(_dir);
        var first = cache.TryClaim(layer);
        Assert.IsNotNull(first);
        Assert.IsNull(cache.TryClaim(layer), "held by the first claim: " + cache.LastProblem);
        Assert.IsNull(new LayerResultCache(_dir).TryClaim(layer), "whoever asks");
        first.Dispose();

        using var second = cache.TryClaim(layer);
        Assert.IsNotNull(second, "free again");
        second.Dispose();
        Assert.IsEmpty(Directory.EnumerateFiles(_dir, "*.lock", SearchOption.AllDirectories).ToList());
    }

    [TestMethod]
    public void A_layer_another_build_is_reading_is_waited_for_and_taken_from_the_cache_not_read_again()
    {
        var layer = TestImages.Gzip(TestImages.Tar(("root/.aws/credentials", AwsCredentials())));
        var descriptor = TestImages.Layer(layer);
        var cache = new LayerResultCache(_dir);
        var blobs = new SlowBlobs(1 << 20, TimeSpan.Zero, layer);

        // The other build: holds the layer, then stores its result and lets go.
        var other = cache.TryClaim(descriptor)!;

        // A thread of its own: with the other tests' work on the thread pool, a pooled task could start only
        // after the result is cached, and would then find it in the cache rather than wait for it.
        var reading = Task.Factory.StartNew(() => new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), cache).ReadLayers([Image(blobs, layer)]), TaskCreationOptions.LongRunning);
        Thread.Sleep(300);
        Assert.IsFalse(reading.IsCompleted, "waits while the other build holds the layer");
        var result = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), null).ReadLayers([Image(new SlowBlobs(1 << 20, TimeSpan.Zero, layer), layer)]).Results[descriptor.Digest];
        cache.Put(descriptor, result);
        other.Dispose();

        Assert.IsTrue(reading.Wait(TimeSpan.FromSeconds(20)));
        var read = reading.Result;
        Assert.AreEqual(0, blobs.Reads, "not read again");
        CollectionAssert.AreEqual(new[] { descriptor.Digest }, read.Shared);
        Assert.IsNotEmpty(read.Results[descriptor.Digest].Findings);
    }

    [TestMethod]
    public void A_layer_whose_other_reader_gave_up_is_read_here()
    {
        var layer = TestImages.Gzip(TestImages.Tar(("etc/os-release", "ID=x\n")));
        var descriptor = TestImages.Layer(layer);
        var cache = new LayerResultCache(_dir);
        var blobs = new SlowBlobs(1 << 20, TimeSpan.Zero, layer);
        var other = cache.TryClaim(descriptor)!;
        var reading = Task.Run(() => new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), cache).ReadLayers([Image(blobs, layer)]));
        Thread.Sleep(200);
        other.Dispose(); // failed or was stopped: nothing cached

        Assert.IsTrue(reading.Wait(TimeSpan.FromSeconds(20)));
        Assert.AreEqual(1, blobs.Reads);
        Assert.AreEqual(1, reading.Result.Results[descriptor.Digest].Files);
        Assert.IsNotNull(cache.TryGet(descriptor));
    }

    [TestMethod]
    [DataRow("/t:PublishContainer", true)]
    [DataRow("-t:Publish;PublishContainer", true)]
    [DataRow("--target:build,publishcontainer", true)]
    [DataRow("-target:PublishContainer", true)]
    [DataRow("/target:\"PublishContainer\"", true)]
    [DataRow("-t:Build", false)]
    [DataRow("-t:PublishContainerLater", false)]
    [DataRow("-p:PublishContainer=true", false)]
    [DataRow("-tl:off", false)]
    [DataRow("PublishContainer", false)]
    public void The_build_is_asked_for_PublishContainer_only_by_a_target_switch(string argument, bool asked) =>
        Assert.AreEqual(asked, RequestedTargets.Names(["/usr/share/dotnet/sdk/10.0.401/dotnet.dll", "publish", "app.csproj", "-c", "Release", argument], "PublishContainer"), argument);

    [TestMethod]
    [DataRow("publish|src/Shop.Api/Shop.Api.csproj|/t:PublishContainer", "/w/src/Shop.Api/Shop.Api.csproj", true)]
    [DataRow("publish|/w/src/Shop.Api/Shop.Api.csproj|/t:PublishContainer", "/w/src/Shop.Api/Shop.Api.csproj", true)]
    [DataRow("publish|src/Shop.Api/Shop.Api.csproj|/t:PublishContainer", "/w/src/Shop.Worker/Shop.Worker.csproj", false)]
    [DataRow("publish|Shop.sln|/t:PublishContainer", "/w/src/Shop.Worker/Shop.Worker.csproj", true)]
    [DataRow("publish|/t:PublishContainer|-p:Extra=other.csproj", "/w/Shop.Api.csproj", true)]
    [DataRow("publish|Shop.Api.csproj", "/w/Shop.Api.csproj", false)]
    public void Only_the_projects_the_command_line_publishes_are_asked_for_PublishContainer(string arguments, string projectFile, bool asked) =>
        Assert.AreEqual(asked, RequestedTargets.AskedOf(arguments.Split('|'), "PublishContainer", projectFile), arguments + " for " + projectFile);

    [TestMethod]
    public void The_test_host_is_not_a_build_asked_for_PublishContainer() =>
        Assert.IsFalse(RequestedTargets.AskedOfThisBuild("PublishContainer", "/w/app.csproj"));
}
