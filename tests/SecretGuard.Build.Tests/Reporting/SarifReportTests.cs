using System.Text.Json;
using SecretGuard.Reporting;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Reporting;

[TestClass]
public sealed class SarifReportTests
{
    private string _dir = "";

    [TestInitialize]
    public void Init() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sg-sarif-" + Guid.NewGuid().ToString("N")));

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    private Diagnostic Finding(string code, string file, int line, string fingerprint) =>
        new(code, Path.Combine(_dir, file), line, 3, $"{code} message [Su*** (16 chars)]", IsFinding: true, Fingerprint: fingerprint);

    [TestMethod]
    public void Gate_report_and_verification_merge_make_one_run_with_rules_results_and_fingerprints()
    {
        var path = Path.Combine(_dir, "out", "secretguard.sarif");
        SarifReport.Write(path, [new(Finding("SG1010", "src/app.csproj", 8, "sg1:aaaaaaaaaaaaaaaaaaaa"), "error", null)], Path.Combine(_dir, "src/app.csproj"), _dir, "1.2.3", merge: false);
        SarifReport.Write(path,
        [
            new(Finding("SG1010", "src/app.csproj", 8, "sg1:aaaaaaaaaaaaaaaaaaaa"), "error", null), // the gate's, again: not repeated
            new(Finding("SG1004", "src/app.csproj", 0, "sg1:bbbbbbbbbbbbbbbbbbbb"), "warning", "suppressed by SecretGuardSuppress 'SG1004': fixture"),
            new(new Diagnostic("SG0002", Path.Combine(_dir, "src/app.csproj"), 0, 0, "missing layer", IsFinding: false), "error", null),
        ], Path.Combine(_dir, "src/app.csproj"), _dir, "1.2.3", merge: true);

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.AreEqual("2.1.0", doc.RootElement.GetProperty("version").GetString());
        Assert.AreEqual("SecretGuard.Build", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        CollectionAssert.AreEqual(new[] { "SG1004", "SG1010" }, rules);

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.HasCount(2, results);
        var first = results[0];
        Assert.AreEqual("SG1010", first.GetProperty("ruleId").GetString());
        Assert.AreEqual(1, first.GetProperty("ruleIndex").GetInt32());
        var location = first.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.AreEqual("src/app.csproj", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.AreEqual("REPOROOT", location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.AreEqual(8, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.AreEqual("sg1:aaaaaaaaaaaaaaaaaaaa", first.GetProperty("partialFingerprints").GetProperty("secretGuard/v1").GetString());

        var second = results[1];
        // A whole-file finding (line 0) is placed at line 1: code scanning needs a start line.
        Assert.AreEqual(1, second.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules")[1].GetProperty("properties");
        Assert.AreEqual(("medium", "7.5"), (rule.GetProperty("precision").GetString(), rule.GetProperty("security-severity").GetString()), "SG1010 is the medium-confidence rule");
        Assert.AreEqual("external", second.GetProperty("suppressions")[0].GetProperty("kind").GetString());
    }

    [TestMethod]
    public void Each_rules_precision_is_its_confidence_as_the_configuration_reference_says()
    {
        // One finding of every rule of the rule set: precision and security-severity follow the rule's confidence.
        var path = Path.Combine(_dir, "out", "precision.sarif");
        var rules = SecretGuard.Detection.RuleSet.Default.Rules;
        SarifReport.Write(path, rules.Select((r, i) => new SarifReport.Entry(Finding(r.Id, "src/app.csproj", i + 1, $"sg1:{i:x20}"), "error", null)).ToList(),
            Path.Combine(_dir, "src/app.csproj"), _dir, "1.2.3", merge: false);

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var written = doc.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("properties"));
        Assert.IsGreaterThan(10, rules.Count(r => r.Confidence == Confidence.Medium), "several rules are of medium confidence");
        foreach (var rule in rules)
        {
            var expected = rule.Confidence == Confidence.Medium ? ("medium", "7.5") : ("high", "9.0");
            var properties = written[rule.Id];
            Assert.AreEqual(expected, (properties.GetProperty("precision").GetString(), properties.GetProperty("security-severity").GetString()), rule.Id);
        }

        var reference = SecretGuard.Tests.Documentation.Repository.Read("docs/configuration.md");
        StringAssert.Contains(reference, "`high`, or `medium` for a rule of medium confidence");
        StringAssert.Contains(reference, "`security-severity` (9.0, or 7.5 for a rule of medium confidence)");
    }

    [TestMethod]
    public void A_place_not_fully_checked_is_a_result_with_a_rule_of_its_own()
    {
        var path = Path.Combine(_dir, "out", "secretguard.sarif");
        SarifReport.Write(path,
        [
            new(Finding("SG0004", "src/app.csproj", 0, "sg1:dddddddddddddddddddd") with { ImagePath = "/app/data.zip" }, "error", null),
            new(Finding("SG1005", "src/app.csproj", 4, "sg1:eeeeeeeeeeeeeeeeeeee"), "error", null),
        ], Path.Combine(_dir, "src/app.csproj"), _dir, "1.2.3", merge: false);

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var run = doc.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        var result = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "SG0004");
        Assert.AreEqual("SG0004", rules[result.GetProperty("ruleIndex").GetInt32()]);
        Assert.AreEqual("error", result.GetProperty("level").GetString());
    }

    [TestMethod]
    public void Rules_carry_a_help_uri_when_the_team_says_where_its_docs_are()
    {
        var path = Path.Combine(_dir, "with-help.sarif");
        SarifReport.Write(path, [new(Finding("SG1005", "src/app.csproj", 3, "sg1:cccccccccccccccccccc"), "error", null)], Path.Combine(_dir, "src/app.csproj"), _dir, "1.2.3", merge: false, helpUri: "https://wiki.example.test/secretguard/{0}.md");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var rule = doc.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules")[0];
        Assert.AreEqual("https://wiki.example.test/secretguard/SG1005.md", rule.GetProperty("helpUri").GetString());

        Assert.IsNull(SarifReport.HelpUriFor("docs/{0}.md", "SG1005"), "relative: not a helpUri");
        Assert.IsNull(SarifReport.HelpUriFor("/wiki/{0}", "SG1005"), "a bare path (a file URI on Linux): not a web address");
        Assert.IsNull(SarifReport.HelpUriFor("file:///srv/wiki/{0}", "SG1005"), "a file URI: not a web address");
        Assert.IsNull(SarifReport.HelpUriFor("ftp://wiki.example.test/{0}", "SG1005"), "only http and https");
        Assert.AreEqual("http://wiki.example.test/SG1005", SarifReport.HelpUriFor("http://wiki.example.test/{0}", "SG1005"));
        Assert.IsNull(SarifReport.HelpUriFor("https://wiki.example.test/secretguard", "SG1005"), "no {0}: every rule would share one page");
    }
}
