using SecretGuard.Reporting;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Reporting;

[TestClass]
public sealed class SuppressionTests
{
    private string _dir = "";

    [TestInitialize]
    public void Init() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sg-supp-" + Guid.NewGuid().ToString("N")));

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    private Diagnostic Finding(string code = "SG1010", string file = "config/prod.json", int line = 2, string fingerprint = "sg1:00000000000000000000", string? imagePath = "/app/config/prod.json", int column = 5) =>
        new(code, Path.Combine(_dir, file), line, column, "message", IsFinding: true, Fingerprint: fingerprint, ImagePath: imagePath);

    private SuppressionFilter Filter(params string[] includes) =>
        new(includes.Select(p => new Suppression(p, "accepted", null)).ToList(), _dir);

    private SuppressionFilter Filter(Suppression suppression) => new([suppression], _dir);

    [TestMethod]
    public void Fingerprints_are_stable_across_lines_layers_and_steps_but_not_secrets()
    {
        var hash = Fingerprints.HashSecret("k8Ds93jdQ");
        var inGate = Fingerprints.Compute("SG1008", new LayerFileLocation(LayerFileLocation.AppLayerToBuild, "", "/app/a.json", 3, 10), hash);
        var inImage = Fingerprints.Compute("SG1008", new LayerFileLocation(1, "sha256:abc", "/app/a.json", 9, 1), hash);
        Assert.AreEqual(inGate, inImage);
        Assert.IsTrue(Fingerprints.IsFingerprint(inGate), inGate);
        Assert.AreNotEqual(inGate, Fingerprints.Compute("SG1008", new LayerFileLocation(1, "", "/app/a.json", 3, 10), Fingerprints.HashSecret("other-secret")));
        Assert.AreNotEqual(inGate, Fingerprints.Compute("SG1008", new LayerFileLocation(1, "", "/app/b.json", 3, 10), hash));
        Assert.IsFalse(inGate.Contains("k8Ds", StringComparison.Ordinal));
    }

    [TestMethod]
    public void Matches_by_fingerprint_rule_image_glob_and_source_glob()
    {
        Assert.IsNotNull(Filter("sg1:00000000000000000000").Why(Finding()));
        Assert.IsNull(Filter("sg1:11111111111111111111").Why(Finding()));
        Assert.IsNotNull(Filter("SG1010").Why(Finding()));
        Assert.IsNull(Filter("SG1008").Why(Finding()));
        Assert.IsNotNull(Filter("/app/config/prod.json").Why(Finding()));
        Assert.IsNotNull(Filter("config/prod.json").Why(Finding()));

        // Globs in metadata (MSBuild would expand them in Include), alone or with a rule id.
        Assert.IsNotNull(Filter(new Suppression("settings", "ok", null, ImagePath: "/app/**/*.json")).Why(Finding()));
        Assert.IsNotNull(Filter(new Suppression("settings", "ok", null, ImagePath: "/app/config/*.json")).Why(Finding()));
        Assert.IsNull(Filter(new Suppression("settings", "ok", null, ImagePath: "/etc/**")).Why(Finding()));
        Assert.IsNotNull(Filter(new Suppression("settings", "ok", null, SourcePath: "**/prod.json")).Why(Finding()));
        Assert.IsNull(Filter(new Suppression("code", "ok", null, SourcePath: "src/**/*.cs")).Why(Finding()));
        Assert.IsNotNull(Filter(new Suppression("SG1010", "ok", null, ImagePath: "/app/**")).Why(Finding()));
        Assert.IsNull(Filter(new Suppression("SG1008", "ok", null, ImagePath: "/app/**")).Why(Finding()));
    }

    [TestMethod]
    public void SecretGuard_failures_are_never_suppressed()
    {
        var failure = new Diagnostic("SG0003", Path.Combine(_dir, "app.csproj"), 0, 0, "corrupt layer", IsFinding: false);
        Assert.IsNull(Filter("SG0003", "**").Why(failure));
    }

    [TestMethod]
    public void Inline_marker_on_the_reported_line_suppresses()
    {
        File.WriteAllText(Path.Combine(_dir, ".env"), "A=1\nAPI_KEY=q8Zr1kPw0sLx7YtB # secretguard:ignore test fixture\nDB_PASSWORD=Sup3rS3cret!\n");
        var filter = Filter();
        Assert.IsNotNull(filter.Why(Finding(file: ".env", line: 2)));
        Assert.IsNull(filter.Why(Finding(file: ".env", line: 3)));
    }

    [TestMethod]
    public void In_a_one_line_file_a_marker_accepts_only_the_finding_near_it()
    {
        // Minified JSON: every finding is on line 1, so the line alone would let one marker accept them all.
        var near = "{\"apiKey\":\"" + TestSecrets.GitHubToken(seed: 61) + "\",\"_comment\":\"secretguard:ignore test fixture\",";
        var filler = "\"data\":\"" + new string('x', 10_000) + "\",";
        var text = near + filler + "\"other\":\"" + TestSecrets.GitHubToken(seed: 62) + "\"}";
        File.WriteAllText(Path.Combine(_dir, "app.min.json"), text);
        var filter = Filter();

        Assert.IsNotNull(filter.Why(Finding(file: "app.min.json", line: 1, column: near.IndexOf("ghp_", StringComparison.Ordinal) + 1)));
        Assert.IsNull(filter.Why(Finding(file: "app.min.json", line: 1, column: text.LastIndexOf("ghp_", StringComparison.Ordinal) + 1)), "the token far from the marker is still reported");
    }

    [TestMethod]
    public void A_file_with_carriage_returns_only_is_one_line_and_the_marker_stays_beside_its_finding()
    {
        var text = "API_KEY=q8Zr1kPw0sLx7YtB # secretguard:ignore test fixture\r" + new string('#', 5000) + "\rDB_PASSWORD=Sup3rS3cret!\r";
        File.WriteAllText(Path.Combine(_dir, "old.env"), text);
        var filter = Filter();

        Assert.IsNotNull(filter.Why(Finding(file: "old.env", line: 1, column: 9)));
        Assert.IsNull(filter.Why(Finding(file: "old.env", line: 1, column: text.IndexOf("Sup3r", StringComparison.Ordinal) + 1)));
    }

    [TestMethod]
    public void A_marker_cut_by_the_read_chunk_still_counts_at_its_own_column()
    {
        // The reader goes through a file in chunks of 64K characters; this marker straddles the first cut.
        const int Chunk = 64 * 1024;
        var markerAt = Chunk - 5;
        var text = new string(' ', markerAt) + "secretguard:ignore" + new string(' ', 20_000) + "x";
        File.WriteAllText(Path.Combine(_dir, "long.txt"), text);
        var filter = Filter();

        Assert.IsNotNull(filter.Why(Finding(file: "long.txt", line: 1, column: markerAt + 1 - SuppressionFilter.MarkerReach)));
        Assert.IsNull(filter.Why(Finding(file: "long.txt", line: 1, column: markerAt - SuppressionFilter.MarkerReach)));
        Assert.IsNotNull(filter.Why(Finding(file: "long.txt", line: 1, column: markerAt + "secretguard:ignore".Length + SuppressionFilter.MarkerReach)));
        Assert.IsNull(filter.Why(Finding(file: "long.txt", line: 1, column: markerAt + "secretguard:ignore".Length + SuppressionFilter.MarkerReach + 1)));
    }

    [TestMethod]
    public void Remembers_which_suppressions_matched()
    {
        var matching = new Suppression("SG1010", "accepted", null);
        var filter = new SuppressionFilter([matching, new Suppression("SG1005", "accepted", null)], _dir);
        filter.Why(Finding());
        CollectionAssert.AreEquivalent(new[] { matching.Key }, filter.Matched.ToList());
    }
}
