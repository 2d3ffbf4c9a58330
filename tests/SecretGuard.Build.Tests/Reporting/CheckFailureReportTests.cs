using System.Text.Json;
using SecretGuard.Findings;
using SecretGuard.Reporting;
using SecretGuard.Scanning;

namespace SecretGuard.Tests.Reporting;

/// <summary>
/// A check that could not run (an unreachable base image, a corrupt layer, the time budget, SecretGuard's
/// own failure) never reads as a pass in the reports: "failed" is true and the failure is listed.
/// </summary>
[TestClass]
public sealed class CheckFailureReportTests
{
    private string _dir = "";

    [TestInitialize]
    public void Init() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sg-failure-" + Guid.NewGuid().ToString("N")));

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    private string Project => Path.Combine(_dir, "App.csproj");

    private string Json => Path.Combine(_dir, "secretguard.json");

    private string Sarif => Path.Combine(_dir, "secretguard.sarif");

    private Diagnostic NotRun(string code, int line = 7) => new(code, Project, line, 5, $"check {code} could not run", IsFinding: false);

    private static ScanOutcome Outcome(params Diagnostic[] diagnostics) =>
        new(diagnostics, new CheckSummary { Stage = CheckStage.BeforeBuild, ConfigChecked = true, PublishedFiles = 3, ElapsedMilliseconds = 12 });

    private ReportRequest Request(bool adds = false) => new()
    {
        Subject = Project,
        SubjectDirectory = _dir,
        Settings = new CheckSettings(),
        JsonPath = Json,
        SarifPath = Sarif,
        AddsToReports = adds,
    };

    [TestMethod]
    [DataRow("SG0001")]
    [DataRow("SG0002")]
    [DataRow("SG0003")]
    [DataRow("SG0004")]
    [DataRow("SG0006")]
    [DataRow("SG0007")]
    [DataRow("SG0011")]
    public void A_check_that_could_not_run_fails_the_json_report_and_is_listed_there(string code)
    {
        ReportPipeline.Run(Outcome(NotRun(code)), Request());

        using var doc = JsonDocument.Parse(File.ReadAllText(Json));
        Assert.IsTrue(doc.RootElement.GetProperty("failed").GetBoolean(), "a check that could not run is not a pass");
        var project = doc.RootElement.GetProperty("projects").EnumerateArray().Single();
        Assert.IsTrue(project.GetProperty("failed").GetBoolean());
        Assert.AreEqual(0, project.GetProperty("findings").GetArrayLength(), "findings keep their meaning: credentials and places");
        var failure = project.GetProperty("checkFailures").EnumerateArray().Single();
        Assert.AreEqual((code, "error", Project, 7, 5, $"check {code} could not run"),
            (failure.GetProperty("code").GetString(), failure.GetProperty("level").GetString(), failure.GetProperty("file").GetString(),
                failure.GetProperty("line").GetInt32(), failure.GetProperty("column").GetInt32(), failure.GetProperty("message").GetString()));
    }

    [TestMethod]
    public void A_check_that_could_not_run_fails_the_sarif_project_and_is_a_tool_notification()
    {
        ReportPipeline.Run(Outcome(NotRun("SG0011")), Request());

        using var doc = JsonDocument.Parse(File.ReadAllText(Sarif));
        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.IsTrue(run.GetProperty("properties").GetProperty("projects")[0].GetProperty("failed").GetBoolean());
        var invocation = run.GetProperty("invocations").EnumerateArray().Single();
        Assert.IsFalse(invocation.GetProperty("executionSuccessful").GetBoolean());
        var notification = invocation.GetProperty("toolExecutionNotifications").EnumerateArray().Single();
        Assert.AreEqual(("SG0011", "error", "check SG0011 could not run"),
            (notification.GetProperty("descriptor").GetProperty("id").GetString(), notification.GetProperty("level").GetString(), notification.GetProperty("message").GetProperty("text").GetString()));
        Assert.AreEqual(7, notification.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [TestMethod]
    public void The_gates_failure_stays_when_the_verification_adds_a_clean_step()
    {
        ReportPipeline.Run(Outcome(NotRun("SG0011")), Request());
        ReportPipeline.Run(Outcome(), Request(adds: true));

        using var doc = JsonDocument.Parse(File.ReadAllText(Json));
        Assert.IsTrue(doc.RootElement.GetProperty("failed").GetBoolean());
        Assert.AreEqual("SG0011", doc.RootElement.GetProperty("projects")[0].GetProperty("checkFailures")[0].GetProperty("code").GetString());
    }

    [TestMethod]
    public void A_clean_check_lists_no_failures_and_passes()
    {
        ReportPipeline.Run(Outcome(), Request());

        using var doc = JsonDocument.Parse(File.ReadAllText(Json));
        Assert.IsFalse(doc.RootElement.GetProperty("failed").GetBoolean());
        Assert.AreEqual(0, doc.RootElement.GetProperty("projects")[0].GetProperty("checkFailures").GetArrayLength());
        using var sarif = JsonDocument.Parse(File.ReadAllText(Sarif));
        Assert.IsTrue(sarif.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
    }
}
