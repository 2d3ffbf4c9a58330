using System.Text;
using SecretGuard.Detection;
using SecretGuard.Findings;
using SecretGuard.ImageReading;
using SecretGuard.Scanning;
using SecretGuard.SourceMapping;
using SecretGuard.Tests.ImageReading;

namespace SecretGuard.Tests.Scanning;

/// <summary>
/// A check stopped by SecretGuardTimeBudget fails, and still names every credential it found before the
/// stop, so the user knows what to rotate: after the build, and in the gate (publish folder, base image,
/// and the base image check started during the build that the gate joins).
/// </summary>
[TestClass]
public sealed class ContainerCheckTimeBudgetTests
{
    private static readonly string EnvToken = TestSecrets.GitHubToken(seed: 311);
    private static readonly string FileToken = TestSecrets.GitHubToken(seed: 312);

    private string _dir = "";

    [TestInitialize]
    public void Init() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sg-budget-" + Guid.NewGuid().ToString("N")));

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    private sealed class MemoryBlobs(params byte[][] blobs) : IBlobSource
    {
        public string Description => "memory";

        public void ReadBlobs(IReadOnlyCollection<Descriptor> wanted, Action<Descriptor, Stream> visit)
        {
            foreach (var d in wanted)
            {
                visit(d, new MemoryStream(blobs.Single(b => TestImages.Digest(b) == d.Digest)));
            }
        }
    }

    private static byte[] Layer(params (string Path, string Content)[] files) => TestImages.Gzip(TestImages.Tar(files));

    private ProjectContext Project()
    {
        var project = Path.Combine(_dir, "app.csproj");
        File.WriteAllText(project, "<Project>\n  <PropertyGroup>\n    <ContainerBaseImage>corp/base:1</ContainerBaseImage>\n  </PropertyGroup>\n</Project>\n");
        return new ProjectContext { ProjectFile = project, PropertyFiles = [project], BaseImage = "corp/base:1" };
    }

    /// <summary>The image the SDK built: one base layer, the SDK's app layer on top, ENV from the config.</summary>
    private static ImageToScan BuiltImage(string[] env, byte[] appLayer)
    {
        var baseLayer = Layer(("etc/os-release", "ID=test\n"));
        return new ImageToScan("app", new ImageManifest(new Descriptor("", "sha256:c", 2), [TestImages.Layer(baseLayer), TestImages.Layer(appLayer)]),
            ImageConfig.Parse(TestImages.Config(env)), new MemoryBlobs(baseLayer, appLayer));
    }

    private static void AssertNoTokenPrinted(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Assert.IsFalse(d.Message.Contains(EnvToken[4..], StringComparison.Ordinal) || d.Message.Contains(FileToken[4..], StringComparison.Ordinal), "a message printed a token");
        }
    }

    private static Diagnostic BudgetFailure(ScanOutcome outcome)
    {
        var stop = outcome.Diagnostics.Single(d => d.Code == "SG0004");
        Assert.IsFalse(stop.IsFinding);
        StringAssert.Contains(stop.Message, "time budget");
        return stop;
    }

    [TestMethod]
    public void After_the_build_a_budget_spent_at_once_still_names_the_ENV_credential()
    {
        var image = BuiltImage(["PATH=/usr/bin", "GITHUB_TOKEN=" + EnvToken], Layer(("app/appsettings.json", "{}")));

        var outcome = ContainerCheck.Run([image], Project(), RuleSet.Default, limits: new ScanLimits { TimeBudget = TimeSpan.Zero });

        StringAssert.Contains(BudgetFailure(outcome).Message, "could not fully check the image");
        var env = outcome.Diagnostics.Single(d => d.Code == "SG1004");
        StringAssert.Contains(env.Message, "GITHUB_TOKEN");
        AssertNoTokenPrinted(outcome.Diagnostics);
    }

    [TestMethod]
    public void After_the_build_the_app_layer_files_read_before_the_stop_keep_their_findings()
    {
        var app = Layer(("app/a.env", "GITHUB_TOKEN=" + FileToken + "\n"), ("app/b.txt", "nothing here\n"));
        var image = BuiltImage(["PATH=/usr/bin"], app);

        var outcome = ContainerCheck.Run([image], Project(), RuleSet.Default, limits: new ScanLimits { TimeBudget = SteppingClock.BudgetFor(1) }, clock: new SteppingClock());

        BudgetFailure(outcome);
        StringAssert.Contains(outcome.Diagnostics.Single(d => d.Code == "SG1004").Message, "/app/a.env");
        AssertNoTokenPrinted(outcome.Diagnostics);
    }

    [TestMethod]
    public void The_gate_out_of_time_reports_the_publish_folder_findings_so_far_and_remembers_the_clean_files()
    {
        var publish = Directory.CreateDirectory(Path.Combine(_dir, "publish")).FullName;
        var state = Directory.CreateDirectory(Path.Combine(_dir, "obj")).FullName;
        File.WriteAllText(Path.Combine(publish, "a.txt"), "nothing here\n");
        File.WriteAllText(Path.Combine(publish, "b.env"), "GITHUB_TOKEN=" + FileToken + "\n");
        File.WriteAllText(Path.Combine(publish, "c.txt"), "nothing there either\n");
        var inputs = new ContainerInputs(null, publish, StateDirectory: state);

        // a.txt and b.env are read, the stop comes at c.txt.
        var outcome = ContainerCheck.RunBeforeBuild(inputs, Project(), RuleSet.Default, new ScanLimits { TimeBudget = SteppingClock.BudgetFor(2) }, clock: new SteppingClock());

        StringAssert.Contains(BudgetFailure(outcome).Message, "publish folder");
        StringAssert.Contains(outcome.Diagnostics.Single(d => d.Code == "SG1004").Message, "/app/b.env");
        AssertNoTokenPrinted(outcome.Diagnostics);

        // The file found clean before the stop is not read again.
        var again = ContainerCheck.RunBeforeBuild(inputs, Project(), RuleSet.Default);
        Assert.AreEqual((3, 1), (again.Summary.PublishedFiles, again.Summary.UnchangedFiles));
    }

    /// <summary>A base image whose config ENV holds a token, a first layer with a token file and a second layer of two files.</summary>
    private static (ImageToScan Image, byte[] First, byte[] Second) BaseImage()
    {
        var first = Layer(("etc/app/creds.env", "GITHUB_TOKEN=" + FileToken + "\n"));
        var second = Layer(("usr/share/a.txt", "nothing here\n"), ("usr/share/b.txt", "nothing there either\n"));
        var image = new ImageToScan("corp/base:1", new ImageManifest(new Descriptor("", "sha256:c", 2), [TestImages.Layer(first), TestImages.Layer(second)]),
            ImageConfig.Parse("{\"config\":{\"Env\":[\"PATH=/usr/bin\",\"GITHUB_TOKEN=" + EnvToken + "\"]}}"), new MemoryBlobs(first, second));
        return (image, first, second);
    }

    private static void AssertBaseImageStopReported(ScanOutcome outcome, string project, byte[] first)
    {
        var stop = BudgetFailure(outcome);
        StringAssert.Contains(stop.Message, "could not fully check the base image 'corp/base:1'");
        Assert.AreEqual((project, 3), (stop.File, stop.Line), "the stop is at ContainerBaseImage");
        var found = outcome.Diagnostics.Where(d => d.Code == "SG1004").ToList();
        Assert.IsTrue(found.Any(d => d.Message.Contains("GITHUB_TOKEN", StringComparison.Ordinal) && !d.Message.Contains("creds.env", StringComparison.Ordinal)), "the base image's ENV credential is reported");
        Assert.IsTrue(found.Any(d => d.Message.Contains("/etc/app/creds.env", StringComparison.Ordinal)), "the credential in the layer read before the stop is reported");
        Assert.IsTrue(found.All(d => d.IsBaseImage && d.File == project && d.Line == 3));
        CollectionAssert.AreEqual(new[] { TestImages.Digest(first) }, outcome.Summary.BaseImage!.CheckedLayerDigests.ToArray());
        AssertNoTokenPrinted(outcome.Diagnostics);
    }

    [TestMethod]
    public void The_gate_out_of_time_in_the_base_image_reports_its_config_and_the_layers_read_before()
    {
        var (image, first, second) = BaseImage();
        var cache = new LayerResultCache(Path.Combine(_dir, "cache"));
        var project = Project();
        var inputs = new ContainerInputs(null, null, new BaseImageRequest("corp/base:1", () => [image], cache));

        // The first layer's file and the second layer's first are read; the stop comes at the next.
        var outcome = ContainerCheck.RunBeforeBuild(inputs, project, RuleSet.Default, new ScanLimits { TimeBudget = SteppingClock.BudgetFor(2) }, clock: new SteppingClock());

        AssertBaseImageStopReported(outcome, project.ProjectFile, first);
        Assert.IsNotNull(cache.TryGet(TestImages.Layer(first)));
        Assert.IsNull(cache.TryGet(TestImages.Layer(second)));
    }

    [TestMethod]
    public void The_gate_joining_a_check_started_during_the_build_that_ran_out_of_time_reports_what_it_found()
    {
        var (image, first, second) = BaseImage();
        var cache = new LayerResultCache(Path.Combine(_dir, "cache"));
        var project = Project();
        var limits = new ScanLimits { TimeBudget = SteppingClock.BudgetFor(2) };
        using var early = EarlyBaseImageCheck.Start("key", () => [image], () => RuleSet.Default, limits, () => cache, release: null, clock: new SteppingClock());
        var inputs = new ContainerInputs(null, null, new BaseImageRequest("corp/base:1", () => throw new InvalidOperationException("the gate joins the early check"), cache) { Early = early });

        var outcome = ContainerCheck.RunBeforeBuild(inputs, project, RuleSet.Default, limits);

        AssertBaseImageStopReported(outcome, project.ProjectFile, first);
        Assert.IsGreaterThanOrEqualTo(0L, outcome.Summary.BaseImage!.RanDuringBuildMilliseconds ?? -1, "the gate joined the early check");
        Assert.IsNotNull(cache.TryGet(TestImages.Layer(first)));
        Assert.IsNull(cache.TryGet(TestImages.Layer(second)));
    }
}
