using System.IO.Compression;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.Tests.ImageReading;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Scanning;

/// <summary>
/// One input that cannot be read is one finding at that input (SG0004 for a file, SG0003 for a layer);
/// it never stops the check of the rest, and a credential beside it is still found.
/// </summary>
[TestClass]
public sealed class FaultIsolationTests
{
    private static readonly string Planted = "STRIPE_KEY=" + TestSecrets.StripeLiveKey(seed: 90) + "\n";

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static byte[] Gzip(byte[] data) => TestImages.Gzip(data);

    private static List<Finding> ScanLayer(byte[] blob, FileScanner? files = null)
    {
        var layer = TestImages.Layer(blob);
        var (result, failure) = new LayerScanner(files ?? new FileScanner(RuleSet.Default)).Scan(layer, new MemoryStream(blob), layerIndex: 1);
        return failure is null ? [.. result.Findings] : [.. result.Findings, failure];
    }

    private static string PathOf(Finding f) => f.Location switch
    {
        LayerFileLocation l => l.Path,
        AssemblyLocation a => a.Path,
        _ => "",
    };

    [TestMethod]
    public void A_corrupt_nested_gzip_is_SG0004_at_its_path_and_the_credential_beside_it_is_found()
    {
        var corrupt = Gzip(Utf8(new string('a', 10000)));
        corrupt[12] ^= 0xFF;
        corrupt[13] ^= 0xFF;
        var blob = Gzip(TestImages.Tar(("opt/a/notes.txt.gz", corrupt), ("app/.env", Utf8(Planted))));

        var findings = ScanLayer(blob);

        var notChecked = findings.Single(f => f.IsNotChecked);
        Assert.AreEqual("/opt/a/notes.txt.gz", PathOf(notChecked));
        StringAssert.StartsWith(notChecked.Label, "the gzip reader could not read it: ");
        Assert.AreEqual(Fingerprints.Compute("SG0004", notChecked.Location, ""), notChecked.Fingerprint, "an identity by path, to accept it");
        Assert.IsTrue(findings.Any(f => f.RuleId == "SG1005" && PathOf(f) == "/app/.env"), "the planted key is still found");
    }

    [TestMethod]
    public void A_layer_whose_stream_breaks_mid_file_is_SG0003_at_the_layer_with_what_came_before()
    {
        var tar = TestImages.Tar(("app/.env", Utf8(Planted)), ("opt/big.txt", Utf8(new string('b', 400_000))));
        var blob = Gzip(tar);
        var cut = blob[..(blob.Length * 2 / 3)];

        var findings = ScanLayer(cut);

        var failure = findings.Single(f => f.RuleId == "SG0003");
        Assert.IsInstanceOfType<LayerLocation>(failure.Location);
        Assert.IsFalse(findings.Any(f => f.IsNotChecked), "the layer's fault is not pinned on the file being read when it broke");
        Assert.IsTrue(findings.Any(f => f.RuleId == "SG1005"), "what the layer yielded before it broke is kept");
    }

    [TestMethod]
    public void A_reader_failing_on_a_file_names_the_reader_never_the_content()
    {
        // A zip entry whose deflate data is damaged (an invalid block type right at its start).
        var zip = Zip(("secret.env", Utf8(Planted + new string('#', 4000))));
        var data = 30 + "secret.env".Length;
        zip[data] = 0xFF;
        zip[data + 1] = 0xFF;
        var scanner = new FileScanner(RuleSet.Default);

        var findings = scanner.Scan("/app/plugins/p.zip", zip.Length, new MemoryStream(zip), 1, "sha256:l").Findings;

        var notChecked = findings.Single();
        StringAssert.StartsWith(notChecked.Label, "the zip reader could not read it: ");
        Assert.IsFalse(notChecked.Label.Contains(TestSecrets.StripeLiveKey(seed: 90)[8..], StringComparison.Ordinal));
    }

    [TestMethod]
    public void Many_small_bombs_in_one_layer_stop_at_the_layers_budget_each_reported()
    {
        // Each file inflates to 4 MB of zeros; the layer may expand to 10 MB, a file to 8 MB: the first
        // two are read, the rest are reported unread, quickly, whatever their number.
        var bomb = Gzip(Gzip(new byte[4 << 20]));
        var entries = Enumerable.Range(0, 40).Select(i => ($"opt/logs/{i:D2}.log.gz.gz", bomb)).Append(("app/.env", Utf8(Planted))).ToArray();
        var blob = Gzip(TestImages.Tar(entries));
        var files = new FileScanner(RuleSet.Default) { Expansion = new ExpansionBudget(8 << 20, 10 << 20) };

        var findings = ScanLayer(blob, files);

        var notChecked = findings.Where(f => f.IsNotChecked).ToList();
        Assert.IsInRange(35, 40, notChecked.Count, $"{notChecked.Count} not checked");
        StringAssert.Contains(notChecked.Last().Label, "(the budget of one layer)");
        Assert.IsTrue(findings.Any(f => f.RuleId == "SG1005"), "a plain file after the bombs is still read");
        Assert.IsLessThan(16L << 20, files.Expansion.LayerExpanded, $"expanded {files.Expansion.LayerExpanded} bytes");
    }

    [TestMethod]
    public void A_bomb_split_across_nesting_levels_is_charged_to_its_file_and_keeps_what_came_before()
    {
        // Nested zips whose entries each declare 3 MB: within any one archive's bound, not within the file's.
        var inner = Zip(Enumerable.Range(0, 4).Select(i => ($"part{i}.bin", new byte[3 << 20])).Prepend(("first/.env", Utf8(Planted))).ToArray());
        var outer = Zip(("inner.zip", inner), ("late.txt", Utf8("after")));
        var scanner = new FileScanner(RuleSet.Default) { Expansion = new ExpansionBudget(8 << 20, 64 << 20) };

        var findings = scanner.Scan("/opt/bundle.zip", outer.Length, new MemoryStream(outer), 1, "sha256:l").Findings;

        // The archive that ran past the budget is the place; the outer one is not read further either.
        var notChecked = findings.Where(f => f.IsNotChecked).ToDictionary(PathOf, f => f.Label);
        CollectionAssert.AreEquivalent(new[] { "/opt/bundle.zip!/inner.zip", "/opt/bundle.zip" }, notChecked.Keys.ToArray());
        StringAssert.Contains(notChecked["/opt/bundle.zip!/inner.zip"], "(the budget of one file); entries from part");
        StringAssert.Contains(notChecked["/opt/bundle.zip"], "entries from late.txt on were not read");
        Assert.IsTrue(findings.Any(f => f.RuleId == "SG1005"), "what was read before the budget ran out is kept");
    }

    [TestMethod]
    public void The_budget_starts_again_for_each_top_level_file_and_each_layer()
    {
        var budget = new ExpansionBudget(10, 100);
        budget.BeginLayer();
        budget.BeginFile(1);
        budget.Charge(10, "a");
        budget.BeginFile(1);
        budget.Charge(10, "b");
        Assert.Throws<ExpansionBudgetException>(() => budget.Charge(1, "b"));
        budget.BeginLayer();
        budget.BeginFile(1);
        budget.Charge(10, "c");
        Assert.AreEqual(10, budget.LayerExpanded);
    }

    [TestMethod]
    public void The_layer_budget_grows_with_the_layers_own_files()
    {
        var budget = new ExpansionBudget(long.MaxValue, 100);
        budget.BeginLayer();
        budget.BeginFile(1000); // 4x its bytes: 4,000 bytes of nested expansion
        budget.Charge(3999, "x");
        Assert.Throws<ExpansionBudgetException>(() => budget.Charge(2, "x"));
    }

    [TestMethod]
    public void A_publish_folder_file_that_cannot_be_opened_is_SG0004_and_the_rest_is_checked()
    {
        var root = Path.Combine(Path.GetTempPath(), "sg-fault-" + Guid.NewGuid().ToString("N"));
        var publish = Path.Combine(root, "publish");
        Directory.CreateDirectory(publish);
        try
        {
            File.WriteAllText(Path.Combine(publish, ".env"), Planted);
            File.CreateSymbolicLink(Path.Combine(publish, "gone.json"), Path.Combine(root, "missing.json"));
            var project = new SecretGuard.SourceMapping.ProjectContext { ProjectFile = Path.Combine(root, "App.csproj"), WorkingDirectory = "/app" };

            var outcome = ContainerCheck.RunBeforeBuild(new ContainerInputs(null, publish), project, RuleSet.Default);

            var notChecked = outcome.Diagnostics.Single(d => d.Code == "SG0004");
            Assert.AreEqual("/app/gone.json", notChecked.ImagePath);
            StringAssert.Contains(notChecked.Message, "could not fully check /app/gone.json");
            StringAssert.Contains(notChecked.Message, "Include=\"SG0004\" ImagePath=\"/app/gone.json\"");
            Assert.IsTrue(outcome.Diagnostics.Any(d => d.Code == "SG1005"), string.Join("\n", outcome.Diagnostics.Select(d => d.Message)));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    public void An_SG0004_is_accepted_by_an_ImagePath_suppression_and_is_never_counted_as_a_credential()
    {
        var location = new LayerFileLocation(LayerFileLocation.AppLayerToBuild, "", "/app/data.zip", 0, 0);
        var finding = Finding.NotCheckedAt(location, "the zip reader could not read it: damaged");
        var project = new SecretGuard.SourceMapping.ProjectContext { ProjectFile = "/src/App/App.csproj", WorkingDirectory = "/app" };
        var d = new SecretGuard.SourceMapping.SourceMapper(project).Map(finding);

        Assert.IsTrue(d.IsFinding);
        Assert.AreEqual(0, FindingGroups.CountCredentials([d]));
        Assert.AreEqual(1, FindingGroups.CountNotChecked([d]));
        var filter = new SuppressionFilter([new Suppression("SG0004", "vendor data, no secrets", null, ImagePath: "/app/data.zip")], "/src/App");
        Assert.IsNotNull(filter.Why(d));
        var other = new SuppressionFilter([new Suppression("SG0004", "x", null, ImagePath: "/app/other.zip")], "/src/App");
        Assert.IsNull(other.Why(d));
    }

    [TestMethod]
    public void Whole_file_reads_of_several_threads_wait_for_each_other_but_never_for_themselves()
    {
        var buffers = new WholeFileBuffers();
        var holding = buffers.Hold(300L << 20);
        using (buffers.Hold(300L << 20))
        {
            // The same thread (a bundle reading an assembly inside it) goes on past the bound.
        }

        var other = Task.Run(() =>
        {
            using var held = buffers.Hold(100L << 20);
        });
        Assert.IsFalse(other.Wait(300), "another thread waits while the bound is held");
        holding.Dispose();
        Assert.IsTrue(other.Wait(10_000), "and goes on once it is released");
    }

    [TestMethod]
    public void A_reason_quoting_what_the_reader_failed_on_is_redacted()
    {
        var quoted = "The input string '" + TestSecrets.StripeLiveKey(seed: 91) + "' was not in a correct format";
        var redacted = FileScanner.RedactQuoted(quoted);
        Assert.IsFalse(redacted.Contains(TestSecrets.StripeLiveKey(seed: 91)[8..], StringComparison.Ordinal), redacted);
        StringAssert.StartsWith(redacted, "The input string 'sk_l***");
        Assert.AreEqual("its PAX size \"12abc\" is not a number", FileScanner.RedactQuoted("its PAX size \"12abc\" is not a number"), "short quotes are names, kept");
        const string prose = "the bundle's entries together exceed the bundle's size";
        Assert.AreEqual(prose, FileScanner.RedactQuoted(prose), "apostrophes are not quotes");
    }

    private static byte[] Zip(params (string Path, byte[] Content)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in entries)
            {
                using var s = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
                s.Write(content);
            }
        }

        return ms.ToArray();
    }
}
