using SecretGuard.Detection;
using SecretGuard.Findings;
using SecretGuard.ImageReading;
using SecretGuard.Scanning;
using SecretGuard.Tests.ImageReading;

namespace SecretGuard.Tests.Scanning;

/// <summary>A base image check that runs out of time keeps what it found before, and caches only the layers it read whole.</summary>
[TestClass]
public sealed class BaseImageScannerTimeBudgetTests
{
    private static readonly string EnvToken = TestSecrets.GitHubToken(seed: 301);
    private static readonly string FirstLayerToken = TestSecrets.GitHubToken(seed: 302);
    private static readonly string SecondLayerToken = TestSecrets.GitHubToken(seed: 303);

    private string _dir = "";

    [TestInitialize]
    public void Init() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sg-budget-" + Guid.NewGuid().ToString("N")));

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// Blobs from memory, each delivered only once the one before it in the list was read whole (or given
    /// up): layers read on several threads are then reached in a known order.
    /// </summary>
    private sealed class OrderedBlobs(bool concurrent, params byte[][] blobs) : IBlobSource
    {
        private readonly ManualResetEventSlim[] _done = blobs.Select(_ => new ManualResetEventSlim()).ToArray();

        public string Description => "memory";

        public bool ReadsConcurrently => concurrent;

        public void ReadBlobs(IReadOnlyCollection<Descriptor> wanted, Action<Descriptor, Stream> visit)
        {
            foreach (var d in wanted)
            {
                var i = Array.FindIndex(blobs, b => TestImages.Digest(b) == d.Digest);
                if (i > 0)
                {
                    _done[i - 1].Wait(TimeSpan.FromSeconds(20));
                }

                try
                {
                    visit(d, new MemoryStream(blobs[i]));
                }
                finally
                {
                    _done[i].Set();
                }
            }
        }
    }

    private static ImageToScan Image(IBlobSource blobs, params byte[][] layers) =>
        new("base", new ImageManifest(new Descriptor("", "sha256:c", 2), layers.Select(TestImages.Layer).ToList()),
            ImageConfig.Parse("{\"config\":{\"Env\":[\"PATH=/usr/bin\",\"GITHUB_TOKEN=" + EnvToken + "\"]}}"), blobs);

    private static BaseImageScanner Scanner(int filesBeforeTheStop, LayerResultCache? cache) =>
        new(RuleSet.Default, new FileScanner(RuleSet.Default, budget: new CheckBudget(new ScanLimits { TimeBudget = SteppingClock.BudgetFor(filesBeforeTheStop) }, new SteppingClock())), cache);

    private static byte[] Layer(params (string Path, string Content)[] files) => TestImages.Gzip(TestImages.Tar(files));

    [TestMethod]
    public void A_check_out_of_time_reports_the_config_and_the_layers_read_before_and_caches_only_whole_layers()
    {
        var first = Layer(("etc/app/creds.env", "GITHUB_TOKEN=" + FirstLayerToken + "\n"));
        var second = Layer(("opt/tool/token.env", "GITHUB_TOKEN=" + SecondLayerToken + "\n"), ("opt/tool/readme.txt", "nothing here\n"));
        var cache = new LayerResultCache(_dir);

        // Three files in all: the first layer's, then the second layer's first; the stop comes at its second.
        var scan = Scanner(2, cache).Scan("corp/base:1", [Image(new OrderedBlobs(false, first, second), first, second)], [], []);

        Assert.IsNotNull(scan.Stopped);
        StringAssert.Contains(scan.Stopped.Message, "time budget");
        Assert.IsTrue(scan.Findings.Any(f => f.RuleId == "SG1004" && f.Location is EnvLocation { Name: "GITHUB_TOKEN" }), "the config's ENV credential is reported");
        Assert.IsTrue(scan.Findings.Any(f => f.RuleId == "SG1004" && f.Location is LayerFileLocation { Path: "/etc/app/creds.env", LayerIndex: 0 }), "the first layer's credential is reported");
        Assert.IsTrue(scan.Findings.Any(f => f.RuleId == "SG1004" && f.Location is LayerFileLocation { Path: "/opt/tool/token.env", LayerIndex: 1 }), "what the cut layer held before the stop is reported");
        Assert.IsFalse(scan.Findings.Any(f => f.RuleId is "SG0002" or "SG0003"), "a layer the stop cut short is the stop's, not a layer failure");

        Assert.IsNotNull(cache.TryGet(TestImages.Layer(first)), "a layer read whole is cached");
        Assert.IsNull(cache.TryGet(TestImages.Layer(second)), "a layer cut short is never cached");
        CollectionAssert.AreEqual(new[] { TestImages.Digest(first) }, scan.Coverage.CheckedLayerDigests.ToArray(), "only the whole layer counts as checked");
    }

    [TestMethod]
    public void Layers_read_on_several_threads_keep_the_whole_ones_when_the_check_runs_out_of_time()
    {
        var first = Layer(("etc/app/creds.env", "GITHUB_TOKEN=" + FirstLayerToken + "\n"));
        var second = Layer(("usr/share/a.txt", "nothing here\n"));
        var third = Layer(("usr/share/b.txt", "nothing there either\n"));
        var cache = new LayerResultCache(_dir);

        // The first layer's file is read, the stop comes at the next file, whichever thread reads it.
        var scan = Scanner(1, cache).Scan("corp/base:1", [Image(new OrderedBlobs(true, first, second, third), first, second, third)], [], []);

        Assert.IsNotNull(scan.Stopped);
        Assert.IsTrue(scan.Findings.Any(f => f.RuleId == "SG1004" && f.Location is LayerFileLocation { Path: "/etc/app/creds.env", LayerIndex: 0 }), "the whole layer's credential is reported");
        Assert.IsTrue(scan.Findings.Any(f => f.Location is EnvLocation), "the config's ENV credential is reported");
        Assert.IsFalse(scan.Findings.Any(f => f.RuleId is "SG0002" or "SG0003"), "layers not started are the stop's, not layer failures");
        Assert.IsNotNull(cache.TryGet(TestImages.Layer(first)));
        Assert.IsNull(cache.TryGet(TestImages.Layer(second)));
        Assert.IsNull(cache.TryGet(TestImages.Layer(third)));
    }

    [TestMethod]
    public void A_budget_spent_before_the_first_file_still_reports_the_config()
    {
        var first = Layer(("etc/app/creds.env", "GITHUB_TOKEN=" + FirstLayerToken + "\n"));
        var cache = new LayerResultCache(_dir);
        var budget = new CheckBudget(new ScanLimits { TimeBudget = TimeSpan.Zero });
        var scan = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default, budget: budget), cache).Scan("corp/base:1", [Image(new OrderedBlobs(false, first), first)], [], []);

        Assert.IsNotNull(scan.Stopped);
        Assert.AreEqual("SG1004", scan.Findings.Single().RuleId);
        Assert.IsInstanceOfType<EnvLocation>(scan.Findings.Single().Location);
        Assert.IsNull(cache.TryGet(TestImages.Layer(first)));
        Assert.IsEmpty(scan.Coverage.CheckedLayerDigests);
    }
}
