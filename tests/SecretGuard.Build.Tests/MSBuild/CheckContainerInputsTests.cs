using Microsoft.Build.Framework;
using SecretGuard.MSBuild;

namespace SecretGuard.Tests.MSBuild;

[TestClass]
public sealed class CheckContainerInputsTests
{
    private string _dir = "";

    [TestInitialize]
    public void Init() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sg-gate-" + Guid.NewGuid().ToString("N")));

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    private (CheckContainerInputs Task, RecordingBuildEngine Engine, string Project, string Publish) Setup()
    {
        var project = Path.Combine(_dir, "app.csproj");
        File.WriteAllText(project, "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <ContainerEnvironmentVariable Include=\"DB_PASSWORD_FILE\" Value=\"/run/secrets/db\" />\n    <ContainerEnvironmentVariable Include=\"DB_PASSWORD\" Value=\"Sup3rS3cret!\" />\n  </ItemGroup>\n</Project>\n");
        var publish = Path.Combine(_dir, "bin", "publish");
        Directory.CreateDirectory(Path.Combine(publish, "config"));
        File.WriteAllText(Path.Combine(publish, "app.runtimeconfig.json"), "{}");
        var engine = new RecordingBuildEngine();
        var task = new CheckContainerInputs
        {
            BuildEngine = engine,
            ProjectFile = project,
            PublishDirectory = publish,
            WorkingDirectory = "/app/",
            EnvironmentVariables =
            [
                new EngineItem("DB_PASSWORD_FILE", ("Value", "/run/secrets/db"), ("DefiningProjectFullPath", project)),
                new EngineItem("DB_PASSWORD", ("Value", "Sup3rS3cret!"), ("DefiningProjectFullPath", project)),
            ],
        };
        return (task, engine, project, publish);
    }

    [TestMethod]
    public void Env_item_with_a_secret_fails_the_gate_at_its_line()
    {
        var (task, engine, project, _) = Setup();
        Assert.IsFalse(task.Execute());
        var error = engine.Errors.Single();
        Assert.AreEqual(("SG1010", project, 4), (error.Code, error.File, error.LineNumber));
        StringAssert.Contains(error.Message, "ENV DB_PASSWORD");
        // Reported findings are keyed by fingerprint, which is also at the end of the message.
        var key = task.ReportedFindings.Single().ItemSpec;
        Assert.IsTrue(SecretGuard.Reporting.Fingerprints.IsFingerprint(key), key);
        StringAssert.Contains(error.Message, $"(fingerprint {key})");
    }

    [TestMethod]
    public void Published_file_with_a_secret_fails_the_gate_at_the_source_file()
    {
        var (task, engine, _, publish) = Setup();
        task.EnvironmentVariables = [];
        var source = Path.Combine(_dir, "config", "prod.json");
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        var content = "{\n  \"Db\": \"Host=pg;Username=app;Password=k8Ds93jdQ\"\n}\n";
        File.WriteAllText(source, content);
        File.WriteAllText(Path.Combine(publish, "config", "prod.json"), content);
        task.PublishedFiles = [new EngineItem(source, ("RelativePath", "config/prod.json"))];

        Assert.IsFalse(task.Execute());
        var error = engine.Errors.Single();
        Assert.AreEqual(("SG1008", source, 2), (error.Code, error.File, error.LineNumber));
        StringAssert.Contains(error.Message, "/app/config/prod.json (line 2) in the app layer");
    }

    [TestMethod]
    public void Clean_inputs_pass_with_a_summary_below_normal_verbosity()
    {
        var (task, engine, _, _) = Setup();
        task.EnvironmentVariables = task.EnvironmentVariables.Take(1).ToArray();
        Assert.IsTrue(task.Execute());
        Assert.IsEmpty(engine.Errors);
        Assert.IsFalse(engine.Messages.Any(m => m.Importance == MessageImportance.High), "a clean gate adds no line at default verbosity");
        StringAssert.Contains(engine.Messages.Single(m => m.Importance == MessageImportance.Normal).Message, "before building the image, no credentials");
    }

    [TestMethod]
    public void Findings_already_reported_are_not_repeated()
    {
        var (first, firstEngine, _, _) = Setup();
        first.FindingsAsWarnings = "true";
        Assert.IsTrue(first.Execute());
        Assert.HasCount(1, firstEngine.Warnings);

        var (task, engine, _, _) = Setup();
        task.FindingsAsWarnings = "true";
        task.AlreadyReported = first.ReportedFindings;
        Assert.IsTrue(task.Execute());
        Assert.IsEmpty(engine.Warnings);
    }
}
