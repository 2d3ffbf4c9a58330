using System.Diagnostics;
using System.Text.Json;
using SecretGuard.Reporting;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Reporting;

/// <summary>
/// One SARIF file and one JSON report for a whole solution: projects written by several build nodes
/// (members), in any order and at once, and runs that replace what the run before them wrote.
/// </summary>
[TestClass]
public sealed class SharedReportTests
{
    private string _dir = "";

    [TestInitialize]
    public void Init() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sg-shared-" + Guid.NewGuid().ToString("N")));

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    private string Sarif => Path.Combine(_dir, "reports", "secretguard.sarif");

    private string Json => Path.Combine(_dir, "reports", "secretguard.json");

    private string ProjectFile(string name) => Path.Combine(_dir, name, name + ".csproj");

    private static string FingerprintOf(string project, int n) =>
        "sg1:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{project}/{n}")))[..20].ToLowerInvariant();

    private SarifReport.Entry Entry(string project, int n, string level = "error", string? suppressed = null) =>
        new(new Diagnostic(n % 2 == 0 ? "SG1010" : "SG1005", ProjectFile(project), 4 + n, 5, $"finding {n} [Su*** (12 chars)]", IsFinding: true, Fingerprint: FingerprintOf(project, n), Place: $"env:VAR{n}"), level, suppressed);

    /// <summary>What one project's publish writes: the gate's findings, then the verification's (merged).</summary>
    private void Publish(string project, ReportRunMember member, int gateFindings, int imageFindings = 0, string level = "error")
    {
        var gate = Enumerable.Range(0, gateFindings).Select(n => Entry(project, n, level)).ToList();
        SarifReport.Write(Sarif, gate, ProjectFile(project), _dir, "1.2.3", merge: false, member: member);
        JsonReport.Write(Json, gate, ProjectFile(project), "1.2.3", merge: false, member: member);
        var image = Enumerable.Range(0, gateFindings + imageFindings).Select(n => Entry(project, n, level)).ToList(); // the gate's again, and the image's own
        SarifReport.Write(Sarif, image, ProjectFile(project), _dir, "1.2.3", merge: true, member: member);
        JsonReport.Write(Json, image, ProjectFile(project), "1.2.3", merge: true, member: member);
    }

    private Dictionary<string, int> SarifResultsByProject()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Sarif));
        Assert.AreEqual(1, doc.RootElement.GetProperty("runs").GetArrayLength(), "one run: code scanning takes one run per tool and category");
        var run = doc.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            Assert.AreEqual(result.GetProperty("ruleId").GetString(), rules[result.GetProperty("ruleIndex").GetInt32()]);
        }

        return run.GetProperty("results").EnumerateArray()
            .GroupBy(r => r.GetProperty("properties").GetProperty("project").GetString()!)
            .ToDictionary(g => g.Key, g => g.Count());
    }

    private (bool Failed, Dictionary<string, (bool Failed, int Findings)> Projects) JsonProjects()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Json));
        Assert.AreEqual(3, doc.RootElement.GetProperty("format").GetInt32());
        return (doc.RootElement.GetProperty("failed").GetBoolean(), doc.RootElement.GetProperty("projects").EnumerateArray().ToDictionary(
            p => Path.GetFileNameWithoutExtension(p.GetProperty("project").GetString()!),
            p => (p.GetProperty("failed").GetBoolean(), p.GetProperty("findings").GetArrayLength())));
    }

    [TestMethod]
    public void Projects_of_one_build_on_several_nodes_each_keep_their_findings_under_their_name()
    {
        using var node1 = new ReportRunMember();
        using var node2 = new ReportRunMember();
        Publish("Billing", node1, gateFindings: 2, imageFindings: 1);
        Publish("Orders", node2, gateFindings: 0);
        Publish("Payments", node2, gateFindings: 1);

        var results = SarifResultsByProject();
        CollectionAssert.AreEquivalent(new Dictionary<string, int> { ["Billing/Billing.csproj"] = 3, ["Payments/Payments.csproj"] = 1 }, results, "the gate's findings are not repeated by the verification");
        using (var doc = JsonDocument.Parse(File.ReadAllText(Sarif)))
        {
            var projects = doc.RootElement.GetProperty("runs")[0].GetProperty("properties").GetProperty("projects").EnumerateArray()
                .Select(p => (p.GetProperty("project").GetString(), p.GetProperty("failed").GetBoolean())).ToList();
            CollectionAssert.AreEqual(new[] { ("Billing/Billing.csproj", true), ("Orders/Orders.csproj", false), ("Payments/Payments.csproj", true) }, projects, "the clean project is named too");
        }

        var (failed, json) = JsonProjects();
        Assert.IsTrue(failed);
        CollectionAssert.AreEquivalent(new Dictionary<string, (bool, int)> { ["Billing"] = (true, 3), ["Orders"] = (false, 0), ["Payments"] = (true, 1) }, json);
    }

    [TestMethod]
    public void A_clean_project_written_last_does_not_hide_the_others()
    {
        // The issue: the last project's report replaced the others', showing "failed": false and nothing.
        using var node = new ReportRunMember();
        Publish("Leaky", node, gateFindings: 5);
        Publish("Clean", node, gateFindings: 0);
        var (failed, json) = JsonProjects();
        Assert.IsTrue(failed);
        Assert.AreEqual((true, 5), json["Leaky"]);
        Assert.AreEqual(5, SarifResultsByProject()["Leaky/Leaky.csproj"]);
    }

    [TestMethod]
    public void A_new_build_replaces_what_the_last_build_wrote_and_drops_projects_it_did_not_check()
    {
        using (var first = new ReportRunMember())
        {
            Publish("Billing", first, gateFindings: 2);
            Publish("Orders", first, gateFindings: 1);
            Publish("Legacy", first, gateFindings: 1);
        }

        // The next build: Billing is fixed, Legacy left the solution (or failed before it was checked).
        using var node1 = new ReportRunMember();
        using var node2 = new ReportRunMember();
        Publish("Billing", node1, gateFindings: 0);
        Publish("Orders", node2, gateFindings: 1);

        var (failed, json) = JsonProjects();
        Assert.IsTrue(failed);
        CollectionAssert.AreEquivalent(new Dictionary<string, (bool, int)> { ["Billing"] = (false, 0), ["Orders"] = (true, 1) }, json);
        CollectionAssert.AreEquivalent(new Dictionary<string, int> { ["Orders/Orders.csproj"] = 1 }, SarifResultsByProject());
        Assert.IsFalse(Directory.EnumerateFiles(ReportParts.FolderOf(Sarif), "Legacy*").Any(), "the old run's part is removed");
    }

    [TestMethod]
    public void A_node_of_a_build_that_crashed_does_not_keep_its_run_alive()
    {
        using (var crashed = new ReportRunMember())
        {
            Publish("Billing", crashed, gateFindings: 1);
        }

        // A marker left by a process that has exited, as after a killed build.
        using var exited = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        exited.WaitForExit();
        File.WriteAllText(Path.Combine(ReportParts.FolderOf(Json), "live", "left-over"), $"{exited.Id} 0");

        using (var next = new ReportRunMember())
        {
            Publish("Orders", next, gateFindings: 0);
            var (failed, json) = JsonProjects();
            Assert.IsFalse(failed);
            CollectionAssert.AreEquivalent(new[] { "Orders" }, json.Keys.ToList());
        }

        // A marker of a process that still runs (another node, in its build) keeps the run: the next project joins it.
        File.WriteAllText(Path.Combine(ReportParts.FolderOf(Json), "live", "other-node"), $"{Environment.ProcessId} 0");
        using var joining = new ReportRunMember();
        Publish("Billing", joining, gateFindings: 1);
        CollectionAssert.AreEquivalent(new[] { "Billing", "Orders" }, JsonProjects().Projects.Keys.ToList());
    }

    [TestMethod]
    public void A_set_run_id_gathers_several_builds_and_a_new_id_starts_afresh()
    {
        using (var first = new ReportRunMember("ci-1234-1"))
        {
            Publish("Billing", first, gateFindings: 1);
        }

        using (var second = new ReportRunMember("ci-1234-1"))
        {
            Publish("Orders", second, gateFindings: 0);
        }

        CollectionAssert.AreEquivalent(new[] { "Billing", "Orders" }, JsonProjects().Projects.Keys.ToList());
        Assert.IsTrue(JsonProjects().Failed);

        using var retry = new ReportRunMember("ci-1234-2");
        Publish("Orders", retry, gateFindings: 0);
        CollectionAssert.AreEquivalent(new[] { "Orders" }, JsonProjects().Projects.Keys.ToList());
        Assert.IsFalse(JsonProjects().Failed);
    }

    [TestMethod]
    public void Writers_on_many_threads_at_once_lose_nothing_and_a_reader_never_sees_half_a_file()
    {
        const int projects = 8;
        for (var build = 0; build < 3; build++)
        {
            var nodes = Enumerable.Range(0, 3).Select(_ => new ReportRunMember()).ToList();
            using var stop = new CancellationTokenSource();
            var reader = Task.Run(() =>
            {
                var reads = 0;
                while (!stop.IsCancellationRequested)
                {
                    foreach (var file in new[] { Sarif, Json }.Where(File.Exists))
                    {
                        using var _ = JsonDocument.Parse(File.ReadAllText(file)); // throws on a torn file
                        reads++;
                    }
                }

                return reads;
            });
            Parallel.For(0, projects, new ParallelOptions { MaxDegreeOfParallelism = projects }, i =>
                Publish($"P{i}", nodes[i % nodes.Count], gateFindings: i % 3, imageFindings: i % 2));
            stop.Cancel();
            reader.GetAwaiter().GetResult();
            nodes.ForEach(n => n.Dispose());

            var (failed, json) = JsonProjects();
            Assert.IsTrue(failed);
            Assert.HasCount(projects, json, $"build {build}");
            for (var i = 0; i < projects; i++)
            {
                Assert.AreEqual(i % 3 + i % 2, json[$"P{i}"].Findings, $"build {build}, P{i}");
            }

            Assert.AreEqual(Enumerable.Range(0, projects).Sum(i => i % 3 + i % 2), SarifResultsByProject().Values.Sum());
        }
    }

    [TestMethod]
    public void Accepted_and_warning_findings_do_not_fail_a_project()
    {
        using var node = new ReportRunMember();
        Publish("Warned", node, gateFindings: 2, level: "warning");
        var accepted = new[] { Entry("Accepted", 0, "error", "suppressed by SecretGuardSuppress 'SG1010': rotated weekly") };
        SarifReport.Write(Sarif, accepted, ProjectFile("Accepted"), _dir, "1.2.3", merge: false, member: node);
        JsonReport.Write(Json, accepted, ProjectFile("Accepted"), "1.2.3", merge: false, member: node);
        var (failed, json) = JsonProjects();
        Assert.IsFalse(failed);
        Assert.AreEqual((false, 2), json["Warned"]);
        Assert.AreEqual((false, 1), json["Accepted"]);
    }

    [TestMethod]
    public void Projects_outside_a_repository_are_named_from_the_folder_they_share()
    {
        // Without .git each project is its own root: REPOROOT becomes the folder they share, and addresses follow.
        using var node = new ReportRunMember();
        foreach (var name in new[] { "Billing", "Orders" })
        {
            var entries = new[] { Entry(name, 1) };
            SarifReport.Write(Sarif, entries, ProjectFile(name), Path.GetDirectoryName(ProjectFile(name))!, "1.2.3", merge: false, member: node);
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(Sarif));
        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.AreEqual(new Uri(_dir + Path.DirectorySeparatorChar).AbsoluteUri, run.GetProperty("originalUriBaseIds").GetProperty("REPOROOT").GetProperty("uri").GetString());
        var named = run.GetProperty("results").EnumerateArray().Select(r => (
            r.GetProperty("properties").GetProperty("project").GetString(),
            r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString())).ToList();
        CollectionAssert.AreEqual(new[] { ("Billing/Billing.csproj", "Billing/Billing.csproj"), ("Orders/Orders.csproj", "Orders/Orders.csproj") }, named);
    }
}
