using System.Collections;
using System.Text;
using Microsoft.Build.Framework;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.ImageReading.Registry;
using SecretGuard.MSBuild;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.Tests.ImageReading;

namespace SecretGuard.Tests.MSBuild;

/// <summary>
/// The gate hands the verification the base layers it read; the verification reads the built image's
/// other base layers (the base image's tag moved between the gate and the SDK's pull), and only those.
/// </summary>
[TestClass]
public sealed class BaseLayerHandoverTests
{
    private static readonly string Token = TestSecrets.GitHubToken(seed: 341);

    private string _dir = "";

    [TestInitialize]
    public void Init() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sg-handover-" + Guid.NewGuid().ToString("N")));

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    /// <summary>A recording engine that also keeps task objects for the build, as MSBuild does (the gate finds the early check there).</summary>
    private sealed class EngineWithTaskObjects : IBuildEngine4, IDisposable
    {
        private readonly Dictionary<object, object> _objects = [];

        public RecordingBuildEngine Recorded { get; } = new();

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "test.csproj";

        public bool IsRunningMultipleNodes => false;

        public void LogErrorEvent(BuildErrorEventArgs e) => Recorded.LogErrorEvent(e);

        public void LogWarningEvent(BuildWarningEventArgs e) => Recorded.LogWarningEvent(e);

        public void LogMessageEvent(BuildMessageEventArgs e) => Recorded.LogMessageEvent(e);

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => throw new NotSupportedException();

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs, string toolsVersion) => throw new NotSupportedException();

        public bool BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IDictionary[] targetOutputsPerProject, string[] toolsVersion, bool useResultsCache, bool unloadProjectsOnCompletion) => throw new NotSupportedException();

        public BuildEngineResult BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IList<string>[] removeGlobalProperties, string[] toolsVersion, bool returnTargetOutputs) => throw new NotSupportedException();

        public void Yield()
        {
        }

        public void Reacquire()
        {
        }

        public void RegisterTaskObject(object key, object obj, RegisteredTaskObjectLifetime lifetime, bool allowEarlyCollection) => _objects[key] = obj;

        public object? GetRegisteredTaskObject(object key, RegisteredTaskObjectLifetime lifetime) => _objects.GetValueOrDefault(key);

        public object? UnregisterTaskObject(object key, RegisteredTaskObjectLifetime lifetime) => _objects.Remove(key, out var obj) ? obj : null;

        /// <summary>The build's end: what was registered for it is disposed.</summary>
        public void Dispose()
        {
            foreach (var obj in _objects.Values.OfType<IDisposable>())
            {
                obj.Dispose();
            }
        }
    }

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

    private static readonly byte[] CheckedBaseLayer = TestImages.Gzip(TestImages.Tar(("etc/os-release", "ID=test\nVERSION=1\n")));
    private static readonly byte[] MovedBaseLayer = TestImages.Gzip(TestImages.Tar(("etc/app/creds.env", "GITHUB_TOKEN=" + Token + "\n")));
    private static readonly byte[] AppLayer = TestImages.Gzip(TestImages.Tar(("app/appsettings.json", "{}")));

    /// <summary>Runs the gate on a base image of <see cref="CheckedBaseLayer"/> (read by a check started during the build, no registry) and gives what it handed over.</summary>
    private string Gate(string project, string publish)
    {
        using var engine = new EngineWithTaskObjects();
        var state = Path.Combine(_dir, "obj");
        var cache = Path.Combine(_dir, "cache");
        var task = new CheckContainerInputs
        {
            BuildEngine = engine,
            ProjectFile = project,
            PublishDirectory = publish,
            StateDirectory = state,
            CacheDirectory = cache,
            WorkingDirectory = "/app/",
            BaseImage = "localhost:5999/corp/base:1",
            BaseRegistry = "localhost:5999",
            BaseName = "corp/base",
            BaseTag = "1",
            RuntimeIdentifiers = "linux-x64",
            PropertyFiles = [project],
        };
        var plan = BaseImageCheckPlan.For(task.BaseImage, ImageReference.FromParts(task.BaseRegistry, task.BaseName, task.BaseTag, null), task.RuntimeIdentifiers, cache, null, ScanLimits.None);
        var baseImage = new ImageToScan("localhost:5999/corp/base:1", new ImageManifest(new Descriptor("", "sha256:c", 2), [TestImages.Layer(CheckedBaseLayer)]),
            ImageConfig.Parse("{\"config\":{\"Env\":[\"PATH=/usr/bin\"]}}"), new MemoryBlobs(CheckedBaseLayer));
        var early = EarlyBaseImageCheck.Start(plan.Key, () => [baseImage], () => RuleSet.Default, ScanLimits.None, () => plan.OpenCache(), release: null);
        engine.RegisterTaskObject(StartBaseImageCheck.RegistrationKey(state), early, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);

        Assert.IsTrue(task.Execute(), string.Join("\n", engine.Recorded.Errors.Select(e => e.Code + " " + e.Message)));
        StringAssert.Contains(engine.Recorded.Messages.Last(m => (m.Message ?? "").StartsWith("SecretGuard: passed", StringComparison.Ordinal)).Message, "checked during the build", "the gate joined the early check");
        return task.HandoverOut;
    }

    /// <summary>Runs the verification on the image the SDK built on <paramref name="baseLayer"/>, with what the gate handed over.</summary>
    private (bool Passed, RecordingBuildEngine Engine) Verify(string project, string publish, byte[] baseLayer, string handover)
    {
        var config = Encoding.UTF8.GetBytes(TestImages.Config(["PATH=/usr/bin"]));
        var archive = Path.Combine(_dir, "image.tar");
        TestImages.WriteOciArchive(archive, baseLayer, AppLayer, config);
        var engine = new RecordingBuildEngine();
        var task = new ScanContainerImage
        {
            BuildEngine = engine,
            ProjectFile = project,
            ArchiveOutputPath = archive,
            GeneratedContainerManifest = TestImages.Manifest(TestImages.Layer(config), TestImages.Layer(baseLayer), TestImages.Layer(AppLayer)),
            GeneratedContainerConfiguration = Encoding.UTF8.GetString(config),
            WorkingDirectory = "/app/",
            BaseImage = "localhost:5999/corp/base:1",
            PropertyFiles = [project],
            PublishedFiles = [new EngineItem(Path.Combine(publish, "appsettings.json"), ("RelativePath", "appsettings.json"))],
            Handover = handover,
        };
        return (task.Execute(), engine);
    }

    private (string Project, string Publish) Project()
    {
        var project = Path.Combine(_dir, "app.csproj");
        File.WriteAllText(project, "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <ContainerBaseImage>localhost:5999/corp/base:1</ContainerBaseImage>\n  </PropertyGroup>\n</Project>\n");
        var publish = Directory.CreateDirectory(Path.Combine(_dir, "publish")).FullName;
        File.WriteAllText(Path.Combine(publish, "appsettings.json"), "{}");
        return (project, publish);
    }

    [TestMethod]
    public void The_gate_hands_over_the_base_layers_it_read()
    {
        var (project, publish) = Project();
        var handedOver = GateHandover.Parse(Gate(project, publish));

        Assert.AreEqual("localhost:5999/corp/base:1", handedOver.BaseImageChecked!.Name);
        CollectionAssert.AreEqual(new[] { TestImages.Digest(CheckedBaseLayer) }, handedOver.BaseImageChecked.LayerDigests.ToArray());
        Assert.AreEqual(1, handedOver.AppLayerFilesChecked);
    }

    [TestMethod]
    public void A_base_layer_the_SDK_pulled_after_the_tag_moved_is_read_after_the_build_and_fails_it_at_ContainerBaseImage()
    {
        var (project, publish) = Project();
        var handover = Gate(project, publish);

        var (passed, engine) = Verify(project, publish, MovedBaseLayer, handover);

        Assert.IsFalse(passed);
        var error = engine.Errors.Single();
        Assert.AreEqual(("SG1004", project, 3), (error.Code, error.File, error.LineNumber));
        StringAssert.Contains(error.Message, "/etc/app/creds.env");
        StringAssert.Contains(engine.Messages.Last().Message, "and 1 base layer the gate had not checked (" + TestImages.Digest(MovedBaseLayer)[..19] + ")");
        Assert.IsFalse(engine.AllText.Any(t => t.Contains(Token[4..], StringComparison.Ordinal)));
    }

    [TestMethod]
    public void The_base_layers_the_gate_read_are_not_read_again_after_the_build()
    {
        var (project, publish) = Project();
        var handover = Gate(project, publish);

        var (passed, engine) = Verify(project, publish, CheckedBaseLayer, handover);

        Assert.IsTrue(passed, string.Join("\n", engine.Errors.Select(e => e.Code + " " + e.Message)));
        var summary = engine.Messages.Single(m => m.Importance == MessageImportance.High).Message ?? "";
        StringAssert.StartsWith(summary, "SecretGuard: passed, no credentials; checked the config of 1 image (its 1 app layer file checked before the build) in ");
        Assert.IsFalse(summary.Contains("base layer", StringComparison.Ordinal), summary);
    }
}
