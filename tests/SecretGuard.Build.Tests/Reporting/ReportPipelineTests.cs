using SecretGuard.Findings;
using SecretGuard.Reporting;
using SecretGuard.Scanning;

namespace SecretGuard.Tests.Reporting;

/// <summary>The decisions a user sees after a scan, with no build engine.</summary>
[TestClass]
public sealed class ReportPipelineTests
{
    private string _dir = "";

    [TestInitialize]
    public void Init() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sg-report-" + Guid.NewGuid().ToString("N")));

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    private string Project => Path.Combine(_dir, "App.csproj");

    private Diagnostic Credential(string code = "SG1010", int line = 4, string fingerprint = "sg1:0123456789abcdef0123", string secretKey = "k1", bool baseImage = false) =>
        new(code, Project, line, 5, $"credential {code} [Su*** (12 chars)] (fingerprint {fingerprint})", IsFinding: true, Fingerprint: fingerprint, ImagePath: "/app/a.json", Place: "file:/app/a.json", IsBaseImage: baseImage)
        { SecretKey = secretKey };

    private Diagnostic NotRun(string code) => new(code, Project, 7, 5, $"check {code} could not run", IsFinding: false);

    private static ScanOutcome Outcome(params Diagnostic[] diagnostics) =>
        new(diagnostics, new CheckSummary { Stage = CheckStage.BeforeBuild, ConfigChecked = true, PublishedFiles = 3, ElapsedMilliseconds = 12 });

    private ReportRequest Request(CheckSettings? settings = null, IReadOnlyList<Suppression>? accepted = null, GateHandover? before = null, bool last = false) => new()
    {
        Subject = Project,
        SubjectDirectory = _dir,
        Settings = settings ?? new CheckSettings(),
        Acceptances = accepted ?? [],
        Before = before ?? GateHandover.Nothing,
        IsLastStep = last,
        BaselinePath = Path.Combine(_dir, "secretguard.baseline.json"),
    };

    private static CheckSettings Read(CheckSettingsText text)
    {
        var problems = new List<Diagnostic>();
        var settings = CheckSettings.Read(text, "App.csproj", problems);
        Assert.IsEmpty(problems, string.Join("\n", problems.Select(p => p.Message)));
        return settings!;
    }

    [TestMethod]
    public void A_credential_is_an_error_and_the_verdict_says_what_failed()
    {
        var result = ReportPipeline.Run(Outcome(Credential()), Request());
        Assert.AreEqual(("SG1010", true), (result.Diagnostics.Single().Diagnostic.Code, result.Diagnostics.Single().IsError));
        Assert.IsTrue(result.HasErrors);
        StringAssert.StartsWith(result.Verdict, "SecretGuard: failed: 1 error (1 credential); checked the container config, 3 published files in 12 ms before building the image");
        StringAssert.Contains(result.Table!, "SecretGuard findings (1):");
        CollectionAssert.AreEqual(new[] { "sg1:0123456789abcdef0123" }, result.Handover.Reported.ToArray());
    }

    [TestMethod]
    public void A_clean_check_is_quiet_and_passes()
    {
        var result = ReportPipeline.Run(Outcome(), Request());
        Assert.IsTrue(result.IsClean);
        Assert.IsNull(result.Table);
        StringAssert.StartsWith(result.Verdict, "SecretGuard: passed, no credentials; checked ");
    }

    [TestMethod]
    public void NoWarn_hides_a_rule_and_counts_it_as_accepted()
    {
        var result = ReportPipeline.Run(Outcome(Credential()), Request(Read(new CheckSettingsText { NoWarn = "CS1591;sg1010" })));
        Assert.IsEmpty(result.Diagnostics);
        Assert.AreEqual("SG1010: credential SG1010 [Su*** (12 chars)] (fingerprint sg1:0123456789abcdef0123) (suppressed by NoWarn)", result.Details.Single());
        StringAssert.StartsWith(result.Verdict, "SecretGuard: passed, no credentials, 1 accepted;");
    }

    [TestMethod]
    [DataRow("SG0001")]
    [DataRow("SG0002")]
    [DataRow("SG0003")]
    [DataRow("SG0006")]
    [DataRow("SG0007")]
    [DataRow("SG0011")]
    public void NoWarn_never_hides_a_check_that_did_not_run(string code)
    {
        var settings = Read(new CheckSettingsText { NoWarn = $"{code};SG1010", FindingsAsWarnings = "true" });
        var result = ReportPipeline.Run(Outcome(NotRun(code), Credential()), Request(settings));
        var shown = result.Diagnostics.Single();
        Assert.AreEqual((code, true), (shown.Diagnostic.Code, shown.IsError), "still an error, even with every finding a warning");
        Assert.IsTrue(result.HasErrors);
        StringAssert.Contains(result.Verdict, "1 check that could not run");
    }

    [TestMethod]
    public void NoWarn_hides_a_place_that_could_not_be_read_but_never_a_check_that_ran_out_of_time()
    {
        var settings = Read(new CheckSettingsText { NoWarn = "SG0004" });
        var unreadableFile = new Diagnostic("SG0004", Project, 3, 5, "could not fully read /app/a.zip", IsFinding: true, Fingerprint: "sg1:00000000000000000004", Place: "file:/app/a.zip");
        var outOfTime = new Diagnostic("SG0004", Project, 7, 5, "the check ran past SecretGuardTimeBudget", IsFinding: false);

        var result = ReportPipeline.Run(Outcome(unreadableFile, outOfTime), Request(settings));

        var shown = result.Diagnostics.Single();
        Assert.AreEqual(("SG0004", 7, true), (shown.Diagnostic.Code, shown.Diagnostic.Line, shown.IsError));
        Assert.IsTrue(result.HasErrors);
        StringAssert.Contains(result.Details.Single(), "could not fully read /app/a.zip (suppressed by NoWarn)");
    }

    [TestMethod]
    public void A_suppression_accepts_the_finding_and_the_next_step_counts_it_once()
    {
        var accepted = new[] { new Suppression("SG1010", "demo image", null) };
        var gate = ReportPipeline.Run(Outcome(Credential()), Request(accepted: accepted));
        Assert.IsEmpty(gate.Diagnostics);
        StringAssert.Contains(gate.Details.Single(), "suppressed by SecretGuardSuppress 'SG1010': demo image");
        var handover = GateHandover.Parse(gate.Handover.ToText());
        CollectionAssert.AreEqual(new[] { accepted[0].Key }, handover.MatchedSuppressions.ToArray());

        // The verification sees the same finding again and accepts it again: one accepted finding, no stale warning.
        var verification = ReportPipeline.Run(Outcome(Credential()), Request(accepted: accepted, before: handover, last: true));
        StringAssert.Contains(verification.Verdict, ", 1 accepted;");
        Assert.IsEmpty(verification.Afterwards);
    }

    [TestMethod]
    public void An_acceptance_that_matched_nothing_in_either_step_is_stale_at_its_line()
    {
        var accepted = new[] { new Suppression("sg1:ffffffffffffffffffff", "old", new SourceLocation(Project, 9, 5)) };
        var result = ReportPipeline.Run(Outcome(), Request(accepted: accepted, last: true));
        var stale = result.Afterwards.Single();
        Assert.AreEqual((DiagnosticCodes.StaleSuppression, Project, 9), (stale.Code, stale.File, stale.Line));
        StringAssert.Contains(stale.Message, "SecretGuardSuppress 'sg1:ffffffffffffffffffff' matched nothing in this image");
    }

    [TestMethod]
    public void Of_two_items_with_one_rule_the_one_that_matched_nothing_is_stale_at_its_line()
    {
        var accepted = new[]
        {
            new Suppression("SG1010", "fixture", new SourceLocation(Project, 9, 5), ImagePath: "/app/a.json"),
            new Suppression("SG1010", "old fixture", new SourceLocation(Project, 10, 5), ImagePath: "/app/gone.json"),
        };
        var result = ReportPipeline.Run(Outcome(Credential()), Request(accepted: accepted, last: true));
        var stale = result.Afterwards.Single();
        Assert.AreEqual((DiagnosticCodes.StaleSuppression, Project, 10), (stale.Code, stale.File, stale.Line));
    }

    [TestMethod]
    public void Of_two_items_with_one_rule_the_one_that_matched_nothing_is_stale_across_the_handover()
    {
        var accepted = new[]
        {
            new Suppression("SG1010", "fixture", new SourceLocation(Project, 9, 5), ImagePath: "/app/a.json"),
            new Suppression("SG1010", "old fixture", new SourceLocation(Project, 10, 5), ImagePath: "/app/gone.json"),
        };
        var gate = ReportPipeline.Run(Outcome(Credential()), Request(accepted: accepted));
        var verification = ReportPipeline.Run(Outcome(), Request(accepted: accepted, before: GateHandover.Parse(gate.Handover.ToText()), last: true));
        var stale = verification.Afterwards.Single();
        Assert.AreEqual((DiagnosticCodes.StaleSuppression, 10), (stale.Code, stale.Line));
    }

    [TestMethod]
    public void An_item_is_stale_though_a_baseline_entry_of_its_fingerprint_matched()
    {
        var baseline = Path.Combine(_dir, "secretguard.baseline.json");
        var accepted = new[]
        {
            new Suppression("sg1:0123456789abcdef0123", "only in the old folder", new SourceLocation(Project, 9, 5), ImagePath: "/old/**"),
            new Suppression("sg1:0123456789abcdef0123", "", new SourceLocation(baseline, 4, 20), FromBaseline: true),
        };
        var result = ReportPipeline.Run(Outcome(Credential()), Request(accepted: accepted, last: true));
        var stale = result.Afterwards.Single();
        Assert.AreEqual((Project, 9), (stale.File, stale.Line));
    }

    [TestMethod]
    public void A_fingerprint_is_accepted_in_upper_case()
    {
        var problems = new List<Diagnostic>();
        var acceptances = Acceptances.Read([new SuppressionRequest("SG1:0123456789ABCDEF0123", "fixture", new SourceLocation(Project, 9, 5))], null, false, Project, problems)!;
        var result = ReportPipeline.Run(Outcome(Credential()), Request(accepted: acceptances.ActiveOn(new DateOnly(2026, 1, 1)), last: true));
        Assert.IsEmpty(result.Diagnostics, "the finding is accepted");
        Assert.IsEmpty(result.Afterwards, "and the item is not stale");
    }

    [TestMethod]
    public void A_baseline_acceptance_is_worded_as_the_baseline_with_its_line()
    {
        var baseline = Path.Combine(_dir, "secretguard.baseline.json");
        Baseline.Write(baseline, [new BaselineEntry("sg1:0123456789abcdef0123", "SG1010", "file:/app/a.json")]);
        var accepted = Baseline.Load(baseline);
        var result = ReportPipeline.Run(Outcome(Credential()), Request(accepted: accepted));
        var detail = result.Details.Single();
        StringAssert.EndsWith(detail, "(accepted by the baseline secretguard.baseline.json, line 4)");
        Assert.IsFalse(detail.Contains("SecretGuardSuppress", StringComparison.Ordinal), detail);
    }

    [TestMethod]
    public void Stale_acceptances_are_not_judged_when_part_of_the_check_did_not_run()
    {
        var accepted = new[] { new Suppression("sg1:ffffffffffffffffffff", "old", null) };
        var result = ReportPipeline.Run(Outcome(NotRun("SG0011")), Request(accepted: accepted, last: true));
        Assert.IsEmpty(result.Afterwards);
    }

    [TestMethod]
    public void What_the_gate_reported_is_not_repeated_after_the_build()
    {
        var gate = ReportPipeline.Run(Outcome(Credential()), Request());
        var verification = ReportPipeline.Run(Outcome(Credential()), Request(before: gate.Handover, last: true));
        Assert.IsEmpty(verification.Diagnostics);
        Assert.IsNull(verification.Table);
        StringAssert.Contains(verification.Verdict, "1 reported before the build");
    }

    [TestMethod]
    public void Places_of_one_credential_are_one_finding()
    {
        var result = ReportPipeline.Run(Outcome(Credential(line: 4, fingerprint: "sg1:00000000000000000001"), Credential(line: 9, fingerprint: "sg1:00000000000000000002")), Request());
        Assert.HasCount(1, result.Diagnostics);
        StringAssert.Contains(result.Verdict, "failed: 1 error (1 credential)");
        Assert.HasCount(2, result.Handover.Reported);
    }

    [TestMethod]
    public void Severity_follows_the_settings()
    {
        var settings = Read(new CheckSettingsText { BaseImageFindingsAsWarnings = "true" });
        var result = ReportPipeline.Run(Outcome(Credential(baseImage: true), Credential(code: "SG1005", fingerprint: "sg1:00000000000000000003", secretKey: "k2")), Request(settings));
        Assert.AreEqual("SG1010:warning SG1005:error", string.Join(" ", result.Diagnostics.Select(d => $"{d.Diagnostic.Code}:{(d.IsError ? "error" : "warning")}")));
    }

    [TestMethod]
    public void Updating_the_baseline_records_every_finding_of_both_steps_and_fails_on_none()
    {
        var settings = Read(new CheckSettingsText { UpdateBaseline = "true" });
        var gate = ReportPipeline.Run(Outcome(Credential()), Request(settings));
        Assert.IsFalse(gate.HasErrors);
        var verification = ReportPipeline.Run(Outcome(Credential(code: "SG1005", fingerprint: "sg1:00000000000000000004", secretKey: "k3")), Request(settings, before: gate.Handover, last: true));
        Assert.IsFalse(verification.HasErrors);
        StringAssert.StartsWith(verification.Notes.Single(), "SecretGuard: wrote 2 finding(s) to the baseline ");
        var baseline = Baseline.Load(Path.Combine(_dir, "secretguard.baseline.json"));
        CollectionAssert.AreEquivalent(new[] { "sg1:0123456789abcdef0123", "sg1:00000000000000000004" }, baseline.Select(b => b.Include).ToArray());
    }

    [TestMethod]
    public void Reports_are_written_with_accepted_findings_and_their_reason()
    {
        var sarif = Path.Combine(_dir, "out.sarif");
        var json = Path.Combine(_dir, "out.json");
        var accepted = new[] { new Suppression("sg1:00000000000000000005", "fixture", null) };
        ReportPipeline.Run(Outcome(Credential(), Credential(code: "SG1005", fingerprint: "sg1:00000000000000000005", secretKey: "k4")), Request(accepted: accepted) with { SarifPath = sarif, JsonPath = json });
        var sarifText = File.ReadAllText(sarif);
        StringAssert.Contains(sarifText, "\"ruleId\": \"SG1010\"");
        StringAssert.Contains(sarifText, "fixture");
        var jsonText = File.ReadAllText(json);
        StringAssert.Contains(jsonText, "sg1:0123456789abcdef0123");
        StringAssert.Contains(jsonText, "sg1:00000000000000000005");
        Assert.IsFalse(sarifText.Contains("Sup3r", StringComparison.Ordinal) || jsonText.Contains("Sup3r", StringComparison.Ordinal));
    }

    [TestMethod]
    public void Invalid_settings_are_each_an_SG0005_naming_the_setting_as_the_user_knows_it()
    {
        var problems = new List<Diagnostic>();
        var settings = CheckSettings.Read(new CheckSettingsText { FindingsAsWarnings = "yes", MinimumConfidence = "low", MaxFileSize = "big", TimeBudget = "-1", RuleHelpUri = "wiki" },
            "App.csproj", problems, name => name == "SecretGuardMinimumConfidence" ? "--min-confidence" : name);
        Assert.IsNull(settings);
        Assert.HasCount(5, problems);
        Assert.IsTrue(problems.All(p => p.Code == DiagnosticCodes.InvalidSetting && p.File == "App.csproj"));
        StringAssert.Contains(problems[0].Message, "SecretGuardFindingsAsWarnings must be 'true' or 'false', not 'yes'.");
        StringAssert.Contains(problems[1].Message, "--min-confidence must be 'high'");
    }

    [TestMethod]
    public void The_time_budget_error_states_the_limit_docs_configuration_gives()
    {
        var problems = new List<Diagnostic>();
        Assert.IsNull(CheckSettings.Read(new CheckSettingsText { TimeBudget = "86401" }, "App.csproj", problems));
        StringAssert.Contains(problems.Single().Message, "SecretGuardTimeBudget must be a number of seconds greater than 0 and at most 86400 (such as 120), not '86401'.");
        Assert.AreEqual(TimeSpan.FromDays(1), CheckSettings.Read(new CheckSettingsText { TimeBudget = "86400" }, "App.csproj", problems)!.TimeBudget);

        // The reference's table states the same bound.
        StringAssert.Contains(SecretGuard.Tests.Documentation.Repository.Read("docs/configuration.md"),
            $"| seconds, more than 0 and at most {CheckSettings.MaxTimeBudgetSeconds} (`120`, `90.5`) |");
    }

    [TestMethod]
    public void Empty_settings_take_their_defaults()
    {
        var settings = Read(new CheckSettingsText { FindingsAsWarnings = "", ThirdPartyFindingsAsWarnings = " ", MinimumConfidence = "" });
        Assert.AreEqual(new SeverityPolicy(), settings.Policy);
    }

    [TestMethod]
    public void Acceptances_warn_about_themselves_and_expire()
    {
        var problems = new List<Diagnostic>();
        var acceptances = Acceptances.Read(
            [new SuppressionRequest("SG1010", "", new SourceLocation(Project, 3, 5)), new SuppressionRequest("SG1005", "demo", new SourceLocation(Project, 4, 5), Expires: "2027-01-31")],
            baselinePath: null, updatingBaseline: false, Project, problems)!;
        Assert.IsEmpty(problems);
        Assert.AreEqual((DiagnosticCodes.SuppressionWithoutJustification, 3), (acceptances.Unjustified().Single().Code, acceptances.Unjustified().Single().Line));
        Assert.IsEmpty(acceptances.Expired(new DateOnly(2027, 1, 31)));
        Assert.AreEqual((DiagnosticCodes.AcceptanceExpired, 4), (acceptances.Expired(new DateOnly(2027, 2, 1)).Single().Code, acceptances.Expired(new DateOnly(2027, 2, 1)).Single().Line));
        Assert.HasCount(1, acceptances.ActiveOn(new DateOnly(2027, 2, 1)));

        var bad = Acceptances.Read([new SuppressionRequest("SG1010", "x", null, Expires: "soon")], null, false, Project, problems);
        Assert.IsNull(bad);
        Assert.AreEqual((DiagnosticCodes.InvalidSetting, Project, 0), (problems.Single().Code, problems.Single().File, problems.Single().Line));
    }

    [TestMethod]
    public void A_handover_that_cannot_be_read_is_nothing_handed_over()
    {
        Assert.AreSame(GateHandover.Nothing, GateHandover.Parse("not base64 !"));
        Assert.AreSame(GateHandover.Nothing, GateHandover.Parse(Convert.ToBase64String("{ not json"u8.ToArray())));
        var round = GateHandover.Parse(new GateHandover { Reported = ["sg1:0123456789abcdef0123"], AppLayerFilesChecked = 4, BaselineEntries = [new BaselineEntry("sg1:0123456789abcdef0123", "SG1010", "env:X", new DateOnly(2027, 1, 1))] }.ToText());
        Assert.AreEqual(4, round.AppLayerFilesChecked);
        Assert.AreEqual(new DateOnly(2027, 1, 1), round.BaselineEntries.Single().Expires);
    }
}
