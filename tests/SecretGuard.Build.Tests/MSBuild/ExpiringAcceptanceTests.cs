using SecretGuard.MSBuild;
using SecretGuard.Reporting;
using SecretGuard.Findings;

namespace SecretGuard.Tests.MSBuild;

/// <summary>Expires on a SecretGuardSuppress item or a baseline entry, with today's date set by the test.</summary>
[TestClass]
public sealed class ExpiringAcceptanceTests
{
    private string _dir = "";

    [TestInitialize]
    public void Init() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sg-expiry-" + Guid.NewGuid().ToString("N")));

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    /// <summary>A gate whose only finding is ENV DB_PASSWORD (line 4), accepted by an item at line 7 with the given Expires.</summary>
    private (CheckContainerInputs Task, RecordingBuildEngine Engine, string Project) Gate(string expires, DateOnly today)
    {
        var project = Path.Combine(_dir, "app.csproj");
        File.WriteAllText(project, "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <ContainerEnvironmentVariable Include=\"DB_PASSWORD_FILE\" Value=\"/run/secrets/db\" />\n    <ContainerEnvironmentVariable Include=\"DB_PASSWORD\" Value=\"Sup3rS3cret!\" />\n  </ItemGroup>\n  <ItemGroup>\n"
            + $"    <SecretGuardSuppress Include=\"SG1010\" Justification=\"rotated weekly until the vault lands\" Expires=\"{expires}\" />\n  </ItemGroup>\n</Project>\n");
        var publish = Path.Combine(_dir, "bin", "publish");
        Directory.CreateDirectory(publish);
        File.WriteAllText(Path.Combine(publish, "app.runtimeconfig.json"), "{}");
        var engine = new RecordingBuildEngine();
        var task = new CheckContainerInputs
        {
            BuildEngine = engine,
            ProjectFile = project,
            PublishDirectory = publish,
            WorkingDirectory = "/app/",
            EnvironmentVariables = [new EngineItem("DB_PASSWORD", ("Value", "Sup3rS3cret!"), ("DefiningProjectFullPath", project))],
            Suppressions = [new EngineItem("SG1010", ("Justification", "rotated weekly until the vault lands"), ("Expires", expires), ("DefiningProjectFullPath", project))],
            Today = () => today,
        };
        return (task, engine, project);
    }

    [TestMethod]
    public void A_suppression_holds_through_its_last_day()
    {
        var (task, engine, _) = Gate("2027-01-31", new DateOnly(2027, 1, 31));
        Assert.IsTrue(task.Execute(), string.Join("\n", engine.AllText));
        Assert.IsEmpty(engine.Errors);
        Assert.IsEmpty(engine.Warnings);
        Assert.HasCount(1, task.HandedOver().Accepted);
    }

    [TestMethod]
    public void Past_its_last_day_the_finding_is_an_error_again_and_the_suppression_line_warns()
    {
        var (task, engine, project) = Gate("2027-01-31", new DateOnly(2027, 2, 1));
        Assert.IsFalse(task.Execute());
        var error = engine.Errors.Single();
        Assert.AreEqual(("SG1010", project, 4), (error.Code, error.File, error.LineNumber));
        var warning = engine.Warnings.Single();
        Assert.AreEqual((DiagnosticCodes.AcceptanceExpired, project, 7), (warning.Code, warning.File, warning.LineNumber));
        StringAssert.Contains(warning.Message, "SecretGuardSuppress 'SG1010' expired on 2027-01-31");
        Assert.IsEmpty(task.HandedOver().Accepted);
    }

    [TestMethod]
    public void An_expires_that_is_not_a_date_is_an_invalid_setting_at_the_item()
    {
        foreach (var bad in new[] { "31/01/2027", "2027-02-30", "2027-1-31", "next year" })
        {
            var (task, engine, project) = Gate(bad, new DateOnly(2026, 12, 4));
            Assert.IsFalse(task.Execute(), bad);
            var error = engine.Errors.Single();
            Assert.AreEqual((DiagnosticCodes.InvalidSetting, project, 7), (error.Code, error.File, error.LineNumber), bad);
            StringAssert.Contains(error.Message, $"Expires=\"{bad}\"");
        }
    }

    [TestMethod]
    public void An_expired_baseline_entry_warns_at_its_line_and_the_finding_fails_again()
    {
        var (first, _, _) = Gate("", new DateOnly(2026, 12, 4));
        first.Suppressions = [];
        first.FindingsAsWarnings = "true";
        Assert.IsTrue(first.Execute());
        var fingerprint = first.HandedOver().Reported.Single();
        var baseline = Path.Combine(_dir, "secretguard.baseline.json");
        Baseline.Write(baseline, [new BaselineEntry(fingerprint, "SG1010", "env:DB_PASSWORD", new DateOnly(2027, 1, 31))]);

        var (held, heldEngine, _) = Gate("", new DateOnly(2027, 1, 31));
        held.Suppressions = [];
        held.BaselinePath = baseline;
        Assert.IsTrue(held.Execute(), string.Join("\n", heldEngine.AllText));

        var (task, engine, project) = Gate("", new DateOnly(2027, 2, 1));
        task.Suppressions = [];
        task.BaselinePath = baseline;
        Assert.IsFalse(task.Execute());
        Assert.AreEqual(("SG1010", project), (engine.Errors.Single().Code, engine.Errors.Single().File));
        var warning = engine.Warnings.Single();
        Assert.AreEqual((DiagnosticCodes.AcceptanceExpired, baseline, 4), (warning.Code, warning.File, warning.LineNumber));
        StringAssert.Contains(warning.Message, $"Baseline entry '{fingerprint}' expired on 2027-01-31");
    }

    [TestMethod]
    public void An_invalid_expires_in_the_baseline_is_an_invalid_setting_at_its_line()
    {
        var baseline = Path.Combine(_dir, "secretguard.baseline.json");
        File.WriteAllText(baseline, "{\n  \"version\": 1,\n  \"findings\": [\n    { \"fingerprint\": \"sg1:00000000000000000000\", \"rule\": \"SG1010\", \"where\": \"env:X\", \"expires\": \"soon\" }\n  ]\n}\n");
        var (task, engine, _) = Gate("", new DateOnly(2026, 12, 4));
        task.Suppressions = [];
        task.BaselinePath = baseline;
        Assert.IsFalse(task.Execute());
        var error = engine.Errors.Single();
        Assert.AreEqual((DiagnosticCodes.InvalidSetting, baseline, 4), (error.Code, error.File, error.LineNumber));
        StringAssert.Contains(error.Message, "\"expires\": \"soon\"");
    }
}
