using Microsoft.Build.Framework;
using SecretGuard.MSBuild;
using SecretGuard.Findings;

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
        var key = task.HandedOver().Reported.Single();
        Assert.IsTrue(Fingerprints.IsFingerprint(key), key);
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
        StringAssert.Contains(engine.Messages.Single(m => m.Importance == MessageImportance.Normal).Message, "SecretGuard: passed, no credentials; checked the container config, ");
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
        task.Handover = first.HandoverOut;
        Assert.IsTrue(task.Execute());
        Assert.IsEmpty(engine.Warnings);
    }

    [TestMethod]
    public void Medium_confidence_findings_are_warnings_unless_minimum_confidence_is_medium()
    {
        // A short one-case password in a published file is medium confidence (it may be a sample);
        // the same setting in ENV, or a password that mixes kinds of characters, is high.
        void Publish(string publish) => File.WriteAllText(Path.Combine(publish, "settings.ini"), "[db]\npassword = hunter2hunter\nadmin_password = Tr0ub4dor&3x\n");

        var (task, engine, _, publish) = Setup();
        Publish(publish);
        Assert.IsFalse(task.Execute());
        Assert.AreEqual("SG1010", engine.Warnings.Single().Code);
        StringAssert.Contains(engine.Warnings.Single().Message, "(value of password)");
        CollectionAssert.AreEquivalent(new[] { "value of DB_PASSWORD", "value of admin_password" }, engine.Errors.Select(e => (e.Message ?? "").Contains("ENV DB_PASSWORD", StringComparison.Ordinal) ? "value of DB_PASSWORD" : "value of admin_password").ToList());

        var (strict, strictEngine, _, strictPublish) = Setup();
        Publish(strictPublish);
        strict.MinimumConfidence = "medium";
        Assert.IsFalse(strict.Execute());
        Assert.HasCount(3, strictEngine.Errors);
        Assert.IsEmpty(strictEngine.Warnings);

        var (lenient, lenientEngine, _, lenientPublish) = Setup();
        Publish(lenientPublish);
        lenient.MinimumConfidence = "high";
        Assert.IsFalse(lenient.Execute());
        Assert.HasCount(2, lenientEngine.Errors);
    }

    [TestMethod]
    public void Files_over_the_max_size_are_not_read_and_are_named_in_the_summary()
    {
        var (task, engine, _, publish) = Setup();
        task.EnvironmentVariables = [];
        File.WriteAllText(Path.Combine(publish, "big.env"), "STRIPE=" + TestSecrets.StripeLiveKey() + "\n" + new string('#', 4096));
        task.MaxFileSize = "2KB";

        Assert.IsTrue(task.Execute());
        StringAssert.Contains(engine.Messages.Last().Message, "1 file over SecretGuardMaxFileSize not read: /app/big.env");

        var (unlimited, unlimitedEngine, _, unlimitedPublish) = Setup();
        unlimited.EnvironmentVariables = [];
        File.WriteAllText(Path.Combine(unlimitedPublish, "big.env"), "STRIPE=" + TestSecrets.StripeLiveKey() + "\n" + new string('#', 4096));
        Assert.IsFalse(unlimited.Execute());
        Assert.AreEqual("SG1005", unlimitedEngine.Errors.Single().Code);
    }

    [TestMethod]
    public void A_check_past_its_time_budget_fails_rather_than_passes()
    {
        var (task, engine, _, publish) = Setup();
        task.EnvironmentVariables = [];
        for (var i = 0; i < 50; i++)
        {
            File.WriteAllText(Path.Combine(publish, $"f{i}.json"), new string('x', 200_000));
        }

        task.TimeBudget = "0.001";
        Assert.IsFalse(task.Execute());
        var error = engine.Errors.Single();
        Assert.AreEqual("SG0004", error.Code);
        StringAssert.Contains(error.Message, "time budget");
    }

    [TestMethod]
    [DataRow("MinimumConfidence", "low", "SecretGuardMinimumConfidence")]
    [DataRow("MaxFileSize", "big", "SecretGuardMaxFileSize")]
    [DataRow("MaxFileSize", "-5MB", "SecretGuardMaxFileSize")]
    [DataRow("TimeBudget", "soon", "SecretGuardTimeBudget")]
    [DataRow("TimeBudget", "0", "SecretGuardTimeBudget")]
    [DataRow("ScanBaseImage", "maybe", "SecretGuardScanBaseImage")]
    [DataRow("StartBaseImageCheckEarly", "yes", "SecretGuardStartBaseImageCheckEarly")]
    [DataRow("StartBaseImageCheckEarly", "0", "SecretGuardStartBaseImageCheckEarly")]
    [DataRow("BaseImageFindingsAsWarnings", "yes", "SecretGuardBaseImageFindingsAsWarnings")]
    [DataRow("RuleHelpUri", "docs/{0}.md", "SecretGuardRuleHelpUri")]
    [DataRow("RuleHelpUri", "/wiki/{0}", "SecretGuardRuleHelpUri")]
    [DataRow("ThirdPartyFindingsAsWarnings", "sometimes", "SecretGuardThirdPartyFindingsAsWarnings")]
    [DataRow("Enabled", "ture", "SecretGuardEnabled")]
    [DataRow("Enabled", "yes", "SecretGuardEnabled")]
    [DataRow("Enabled", " true", "SecretGuardEnabled")]
    public void Invalid_setting_is_an_error_naming_the_property(string parameter, string value, string property)
    {
        var (task, engine, _, _) = Setup();
        typeof(CheckContainerInputs).GetProperty(parameter)!.SetValue(task, value);
        Assert.IsFalse(task.Execute());
        var error = engine.Errors.Single();
        Assert.AreEqual("SG0005", error.Code);
        StringAssert.Contains(error.Message, property);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("true")]
    [DataRow("TRUE")]
    [DataRow("False")]
    public void SecretGuardEnabled_as_the_targets_read_it_is_no_error(string value)
    {
        // The targets skip the task on false (any case) and run it on every other value; these are valid.
        var (task, engine, _, _) = Setup();
        task.EnvironmentVariables = task.EnvironmentVariables.Take(1).ToArray();
        task.Enabled = value;
        Assert.IsTrue(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));
        Assert.IsEmpty(engine.Errors.ToList());
    }

    [TestMethod]
    [DataRow("FindingsAsWarnings", "yes", "SecretGuardFindingsAsWarnings")]
    [DataRow("ScanBaseImage", "maybe", "SecretGuardScanBaseImage")]
    [DataRow("Enabled", "no", "SecretGuardEnabled")]
    public void An_invalid_setting_replaces_an_earlier_passing_report_with_a_failed_one_naming_it(string parameter, string value, string property)
    {
        var (passing, _, project, _) = Setup();
        passing.EnvironmentVariables = passing.EnvironmentVariables.Take(1).ToArray();
        var json = Path.Combine(_dir, "reports", "secretguard.json");
        var sarif = Path.Combine(_dir, "reports", "secretguard.sarif");
        passing.JsonReportPath = json;
        passing.SarifPath = sarif;
        Assert.IsTrue(passing.Execute());

        // The next publish stops at the setting: a CI step reading the report must not see the earlier pass.
        var (task, engine, _, _) = Setup();
        task.JsonReportPath = json;
        task.SarifPath = sarif;
        typeof(CheckContainerInputs).GetProperty(parameter)!.SetValue(task, value);
        Assert.IsFalse(task.Execute());
        Assert.AreEqual("SG0005", engine.Errors.Single().Code);

        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        Assert.IsTrue(doc.RootElement.GetProperty("failed").GetBoolean());
        var failure = doc.RootElement.GetProperty("projects").EnumerateArray().Single().GetProperty("checkFailures").EnumerateArray().Single();
        Assert.AreEqual(("SG0005", project), (failure.GetProperty("code").GetString(), failure.GetProperty("file").GetString()));
        StringAssert.Contains(failure.GetProperty("message").GetString(), property);
        using var sarifDoc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(sarif));
        Assert.IsTrue(sarifDoc.RootElement.GetProperty("runs")[0].GetProperty("properties").GetProperty("projects")[0].GetProperty("failed").GetBoolean());
    }

    [TestMethod]
    public void Findings_are_tabulated_and_written_to_the_json_report_redacted()
    {
        var (task, engine, _, _) = Setup();
        var report = Path.Combine(_dir, "reports", "secretguard.json");
        task.JsonReportPath = report;
        Assert.IsFalse(task.Execute());

        var table = engine.Messages.Single(m => (m.Message ?? "").StartsWith("SecretGuard findings (1):", StringComparison.Ordinal)).Message!;
        StringAssert.Contains(table, "error    SG1010  ENV DB_PASSWORD");
        StringAssert.Contains(table, "app.csproj(4)");

        var json = File.ReadAllText(report);
        Assert.IsFalse(json.Contains("Sup3rS3cret", StringComparison.Ordinal), "the report is redacted");
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.IsTrue(doc.RootElement.GetProperty("failed").GetBoolean());
        var finding = doc.RootElement.GetProperty("projects").EnumerateArray().Single().GetProperty("findings").EnumerateArray().Single();
        Assert.AreEqual(("SG1010", "error", 4, "env:DB_PASSWORD", "high"), (finding.GetProperty("ruleId").GetString(), finding.GetProperty("level").GetString(), finding.GetProperty("line").GetInt32(), finding.GetProperty("place").GetString(), finding.GetProperty("confidence").GetString()));
        Assert.IsTrue(Fingerprints.IsFingerprint(finding.GetProperty("fingerprint").GetString()!));
    }

    [TestMethod]
    public void One_credential_in_several_places_is_one_error_naming_the_others_and_one_result_in_the_reports()
    {
        // The ENV password is copied into two published files: rotate once, remove from each place.
        var (task, engine, project, publish) = Setup();
        File.WriteAllText(Path.Combine(publish, "appsettings.json"), "{\n  \"Db\": { \"Password\": \"Sup3rS3cret!\" }\n}\n");
        File.WriteAllText(Path.Combine(publish, "db.env"), "PGPASSWORD=Sup3rS3cret!\n");
        File.WriteAllText(Path.Combine(publish, "other.env"), "API_TOKEN=q8Zr1kPw0sLx7YtBv4Nc\n");
        var sarif = Path.Combine(_dir, "out.sarif");
        var json = Path.Combine(_dir, "out.json");
        task.SarifPath = sarif;
        task.JsonReportPath = json;

        Assert.IsFalse(task.Execute());
        Assert.HasCount(2, engine.Errors);
        var grouped = engine.Errors.Single(e => (e.Message ?? "").Contains("ENV DB_PASSWORD", StringComparison.Ordinal));
        Assert.AreEqual((project, 4), (grouped.File, grouped.LineNumber), "the project's ENV item is the place shown");
        StringAssert.Contains(grouped.Message, "The same credential is also in 2 other places: /app/appsettings.json line 2 at ");
        StringAssert.Contains(grouped.Message, "/app/db.env line 1 at ");
        StringAssert.Matches(grouped.Message, new System.Text.RegularExpressions.Regex(@"\(fingerprint sg1:[0-9a-f]{20}\)$"));
        Assert.HasCount(4, task.HandedOver().Reported, "every place is known as reported, so a later step does not repeat them");
        StringAssert.Contains(engine.Messages.Single(m => (m.Message ?? "").StartsWith("SecretGuard: ", StringComparison.Ordinal) && m.Importance == MessageImportance.High).Message, "SecretGuard: failed: 2 errors (2 credentials); checked the container config, 4 published files in ");
        StringAssert.Contains(engine.Messages.Single(m => (m.Message ?? "").StartsWith("SecretGuard findings (2):", StringComparison.Ordinal)).Message, "ENV DB_PASSWORD (+2 more)");

        using var sarifDoc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(sarif));
        var results = sarifDoc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.HasCount(2, results);
        var related = results.Single(r => r.TryGetProperty("relatedLocations", out _)).GetProperty("relatedLocations").EnumerateArray().ToList();
        Assert.HasCount(2, related);
        StringAssert.StartsWith(related[0].GetProperty("message").GetProperty("text").GetString(), "The same credential in /app/");

        using var jsonDoc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        var findings = jsonDoc.RootElement.GetProperty("projects")[0].GetProperty("findings").EnumerateArray().ToList();
        Assert.HasCount(2, findings);
        var others = findings.Single(f => f.GetProperty("place").GetString() == "env:DB_PASSWORD").GetProperty("otherPlaces").EnumerateArray()
            .ToDictionary(o => o.GetProperty("imagePath").GetString()!, o => o.GetProperty("imageLine").GetInt32());
        Assert.AreEqual(2, others["/app/appsettings.json"], "the line of the published file in the image");
        Assert.AreEqual(1, others["/app/db.env"]);
        Assert.IsFalse(File.ReadAllText(json).Contains("Sup3rS3cret", StringComparison.Ordinal));
    }

    [TestMethod]
    public void A_place_hidden_by_NoWarn_is_not_named_and_the_others_still_fail()
    {
        // The ENV password (SG1010) also sits in a published connection string (SG1008).
        var (task, engine, _, publish) = Setup();
        File.WriteAllText(Path.Combine(publish, "db.json"), "{ \"Db\": \"Host=pg;Username=app;Password=Sup3rS3cret!\" }\n");
        task.NoWarn = "SG1010";

        Assert.IsFalse(task.Execute());
        var error = engine.Errors.Single();
        Assert.AreEqual("SG1008", error.Code);
        Assert.IsFalse((error.Message ?? "").Contains("also in", StringComparison.Ordinal), error.Message);
    }

    [TestMethod]
    public void A_republish_with_no_change_does_not_read_clean_files_again_but_always_rereads_leaking_ones()
    {
        var state = Path.Combine(_dir, "obj");
        var (first, _, _, publish) = Setup();
        first.EnvironmentVariables = [];
        first.StateDirectory = state;
        var leaky = Path.Combine(publish, "leaky.env");
        File.WriteAllText(leaky, "STRIPE=" + TestSecrets.StripeLiveKey() + "\n");
        Assert.IsFalse(first.Execute());

        var engine = new RecordingBuildEngine();
        var second = new CheckContainerInputs { BuildEngine = engine, ProjectFile = first.ProjectFile, PublishDirectory = publish, StateDirectory = state };
        Assert.IsFalse(second.Execute(), "the leaking file is read again and still fails");
        Assert.AreEqual("SG1005", engine.Errors.Single().Code);
        StringAssert.Contains(engine.Messages.Last().Message, "2 published files (1 unchanged since the last clean check)");

        // A clean file that changes is read again.
        var clean = Path.Combine(publish, "app.runtimeconfig.json");
        File.WriteAllText(clean, "{ \"ApiKey\": \"" + TestSecrets.StripeLiveKey(seed: 9) + "\" }");
        File.SetLastWriteTimeUtc(clean, DateTime.UtcNow.AddMinutes(1));
        var thirdEngine = new RecordingBuildEngine();
        var third = new CheckContainerInputs { BuildEngine = thirdEngine, ProjectFile = first.ProjectFile, PublishDirectory = publish, StateDirectory = state };
        Assert.IsFalse(third.Execute());
        Assert.HasCount(2, thirdEngine.Errors);
    }

    [TestMethod]
    public void Credentials_in_NuGet_package_files_are_warnings_unless_the_team_says_otherwise()
    {
        foreach (var (setting, expected) in new[] { ((string?)null, "warning"), ("false", "error") })
        {
            var (task, engine, _, publish) = Setup();
            task.EnvironmentVariables = [];
            task.ThirdPartyFindingsAsWarnings = setting;
            File.WriteAllText(Path.Combine(publish, "vendor.json"), "{ \"key\": \"" + TestSecrets.StripeLiveKey() + "\" }");
            task.PublishedFiles = [new EngineItem("/root/.nuget/packages/contoso.sdk/1.2.0/contentFiles/any/any/vendor.json", ("RelativePath", "vendor.json"), ("NuGetPackageId", "Contoso.Sdk"), ("NuGetPackageVersion", "1.2.0"))];

            Assert.AreEqual(expected == "warning", task.Execute());
            var reported = expected == "warning" ? engine.Warnings.Select(w => (w.Code, w.Message)) : engine.Errors.Select(e => (e.Code, e.Message));
            var (code, message) = reported.Single();
            Assert.AreEqual("SG1005", code);
            StringAssert.Contains(message, "a file of NuGet package Contoso.Sdk 1.2.0");
        }
    }
}
