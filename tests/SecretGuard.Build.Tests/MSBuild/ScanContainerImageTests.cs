using SecretGuard.Reporting;
using System.Text;
using SecretGuard.MSBuild;
using SecretGuard.Tests.ImageReading;

namespace SecretGuard.Tests.MSBuild;

[TestClass]
public sealed class ScanContainerImageTests
{
    private string _dir = "";

    [TestInitialize]
    public void Init() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sg-task-" + Guid.NewGuid().ToString("N")));

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    /// <summary>Writes a project, an OCI archive with one base and one app layer, and returns a configured task.</summary>
    private (ScanContainerImage Task, RecordingBuildEngine Engine, string Project) Setup(string[] env, (string Path, string Content)[] appFiles, string? projectXml = null)
    {
        var project = Path.Combine(_dir, "app.csproj");
        File.WriteAllText(project, projectXml ?? "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <ContainerEnvironmentVariable Include=\"DB_PASSWORD\" Value=\"x\" />\n  </ItemGroup>\n</Project>\n");
        foreach (var (p, content) in appFiles)
        {
            File.WriteAllText(Path.Combine(_dir, p), content);
        }

        var baseLayer = TestImages.Gzip(TestImages.Tar(("etc/os-release", "ID=test\n")));
        var appLayer = TestImages.Gzip(TestImages.Tar(appFiles.Select(f => ("app/" + f.Path, f.Content)).ToArray()));
        var config = Encoding.UTF8.GetBytes(TestImages.Config(env));
        var archive = Path.Combine(_dir, "image.tar");
        TestImages.WriteOciArchive(archive, baseLayer, appLayer, config);

        var engine = new RecordingBuildEngine();
        var task = new ScanContainerImage
        {
            BuildEngine = engine,
            ProjectFile = project,
            ArchiveOutputPath = archive,
            GeneratedContainerManifest = TestImages.Manifest(TestImages.Layer(config), TestImages.Layer(baseLayer), TestImages.Layer(appLayer)),
            GeneratedContainerConfiguration = Encoding.UTF8.GetString(config),
            WorkingDirectory = "/app/",
            EnvironmentVariables = [Item("DB_PASSWORD", ("DefiningProjectFullPath", project))],
            PublishedFiles = appFiles.Select(f => Item(Path.Combine(_dir, f.Path), ("RelativePath", f.Path))).ToArray(),
        };
        return (task, engine, project);
    }

    private static EngineItem Item(string spec, params (string Name, string Value)[] metadata) => new(spec, metadata);

    [TestMethod]
    public void Clean_image_logs_one_summary_line_and_succeeds()
    {
        var (task, engine, _) = Setup(["PATH=/usr/bin", "DB_PASSWORD_FILE=/run/secrets/db"], [("appsettings.json", "{\"Logging\":{\"LogLevel\":{\"Default\":\"Information\"}}}")]);
        task.EnvironmentVariables = [];
        Assert.IsTrue(task.Execute());
        Assert.IsEmpty(engine.Errors);
        Assert.IsEmpty(engine.Warnings);
        var summary = engine.Messages.Single(m => m.Importance == Microsoft.Build.Framework.MessageImportance.High);
        StringAssert.StartsWith(summary.Message, "SecretGuard: passed, no credentials; checked 1 image, 1 app layer, 1 file in ");
        StringAssert.EndsWith(summary.Message, " ms after building the image");
    }

    [TestMethod]
    public void Leaky_image_fails_with_errors_at_source_lines_and_never_prints_the_secret()
    {
        var key = TestSecrets.StripeLiveKey();
        var (task, engine, project) = Setup(["DB_PASSWORD=Sup3rS3cret!"], [("appsettings.Production.json", "{\n  \"Stripe\": \"" + key + "\"\n}\n")]);
        Assert.IsFalse(task.Execute());

        var env = engine.Errors.Single(e => e.Code == "SG1010");
        Assert.AreEqual((project, 3, 5), (env.File, env.LineNumber, env.ColumnNumber));
        var file = engine.Errors.Single(e => e.Code == "SG1005");
        Assert.AreEqual((Path.Combine(_dir, "appsettings.Production.json"), 2, 14), (file.File, file.LineNumber, file.ColumnNumber));

        foreach (var text in engine.AllText)
        {
            Assert.IsFalse(text.Contains("Sup3rS3cret!", StringComparison.Ordinal));
            Assert.IsFalse(text.Contains(key[8..], StringComparison.Ordinal));
        }
    }

    [TestMethod]
    public void FindingsAsWarnings_turns_findings_into_warnings()
    {
        var (task, engine, _) = Setup(["DB_PASSWORD=Sup3rS3cret!"], []);
        task.FindingsAsWarnings = "true";
        Assert.IsTrue(task.Execute());
        Assert.IsEmpty(engine.Errors);
        Assert.AreEqual("SG1010", engine.Warnings.Single().Code);
    }

    [TestMethod]
    public void NoWarn_suppresses_a_rule()
    {
        var (task, engine, _) = Setup(["DB_PASSWORD=Sup3rS3cret!"], []);
        task.NoWarn = "CS1591;SG1010";
        Assert.IsTrue(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Code + " " + e.Message)));
        Assert.IsEmpty(engine.Errors);
        Assert.IsEmpty(engine.Warnings);
    }

    [TestMethod]
    public void Invalid_setting_is_an_error_naming_the_property()
    {
        var (task, engine, _) = Setup([], []);
        task.FindingsAsWarnings = "maybe";
        Assert.IsFalse(task.Execute());
        var error = engine.Errors.Single();
        Assert.AreEqual("SG0005", error.Code);
        StringAssert.Contains(error.Message, "SecretGuardFindingsAsWarnings");
    }

    [TestMethod]
    public void Missing_archive_and_layer_is_an_error_not_a_pass()
    {
        var (task, engine, _) = Setup([], [("a.json", "{}")]);
        File.Delete(task.ArchiveOutputPath!);
        task.ContentStoreDirectory = Path.Combine(_dir, "no-store");
        Assert.IsFalse(task.Execute());
        Assert.AreEqual("SG0002", engine.Errors.Single().Code);
        StringAssert.Contains(engine.Errors.Single().Message, "was not found");
    }

    [TestMethod]
    public void Corrupt_archive_is_an_error_naming_the_cause()
    {
        var (task, engine, _) = Setup([], [("a.json", "{}")]);
        var bytes = File.ReadAllBytes(task.ArchiveOutputPath!);
        File.WriteAllBytes(task.ArchiveOutputPath!, bytes[..1500]);
        Assert.IsFalse(task.Execute());
        var error = engine.Errors.Single();
        Assert.IsTrue(error.Code is "SG0001" or "SG0002" or "SG0003", error.Code);
        StringAssert.Contains(error.Message, "not verified");
    }

    [TestMethod]
    public void App_layer_checked_by_the_gate_is_not_read_again_but_the_config_is()
    {
        var (task, engine, _) = Setup(["DB_PASSWORD=Sup3rS3cret!"], [("a.json", "{}")]);
        File.Delete(task.ArchiveOutputPath!);   // reading a layer would now fail with SG0002
        task.ContentStoreDirectory = Path.Combine(_dir, "no-store");
        task.Handover = new GateHandover { AppLayerFilesChecked = 7 }.ToText();
        Assert.IsFalse(task.Execute());
        Assert.AreEqual("SG1010", engine.Errors.Single().Code);
        StringAssert.Contains(engine.Messages.Last().Message, "7 app layer files checked before the build");
    }

    [TestMethod]
    public void No_image_outputs_is_an_error()
    {
        var (task, engine, _) = Setup([], []);
        task.GeneratedContainerManifest = null;
        Assert.IsFalse(task.Execute());
        Assert.AreEqual("SG0006", engine.Errors.Single().Code);
    }
}
