using System.IO.Compression;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.Findings;
using SecretGuard.ImageReading;
using SecretGuard.Scanning;
using Entry = SecretGuard.Tests.TestBundles.Entry;
using SecretGuard.Tests.ImageReading;

namespace SecretGuard.Tests.Scanning;

/// <summary>
/// What a single-file bundle holds is read as the files a layer holds: a bundle read only in part keeps
/// what its earlier files gave and says from which entry on nothing was read; archives bundled in it are
/// opened within the same depth and expansion bounds as anywhere else.
/// </summary>
[TestClass]
public sealed class BundleScanningTests
{
    /// <summary>An ELF magic number and some host bytes, so that an extensionless file is read as an app host.</summary>
    private static readonly byte[] Host = TestBundles.Host;

    private static byte[] Bundle(params Entry[] files) => TestBundles.Build(null, files);

    private static byte[] BundleWithHost(byte[] host, params Entry[] files) => TestBundles.Build(null, files, host);

    /// <summary>A zip whose entries are deflated (ZipArchive's default), so nothing of them shows in its bytes.</summary>
    private static byte[] Zip(params (string Path, byte[] Content)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in entries)
            {
                using var s = zip.CreateEntry(path, CompressionLevel.Optimal).Open();
                s.Write(content);
            }
        }

        return ms.ToArray();
    }

    private static byte[] Credentials(int seed) => Encoding.UTF8.GetBytes("https://ci:" + TestSecrets.GitHubToken(seed: seed) + "@github.com\n");

    private static List<Finding> Scan(byte[] bundle, FileScanner? scanner = null) =>
        (scanner ?? new FileScanner(RuleSet.Default)).Scan("/app/App", bundle.Length, new MemoryStream(bundle), 0, "sha256:x").Findings.ToList();

    private static LayerFileLocation At(Finding f) => (LayerFileLocation)f.Location;

    /// <summary>Where each finding is, and its rule (never a credential, so no assertion can show one).</summary>
    private static string Places(IEnumerable<Finding> findings) =>
        string.Join(" | ", findings.Select(f => $"{f.RuleId} {At(f).Path}{(At(f).Bundle is null ? "" : " in " + At(f).Bundle)}"));

    [TestMethod]
    public void A_bundle_of_no_files_does_not_hide_its_host_bytes()
    {
        // Any extensionless ELF can carry a bundle signature pointing at a valid, empty manifest.
        byte[] host = [.. Host, 0, 0, .. Credentials(35), 0, 0];

        Assert.AreEqual("SG1004 /app/App", Places(Scan(BundleWithHost(host))));
    }

    [TestMethod]
    public void The_host_bytes_of_a_bundle_are_scanned_once_and_its_files_bytes_are_not_scanned_again()
    {
        byte[] host = [.. Host, 0, 0, .. Credentials(36), 0, 0];

        var findings = Scan(BundleWithHost(host, new Entry("config/.git-credentials", Credentials(37))));

        Assert.AreEqual("SG1004 /app/config/.git-credentials in /app/App | SG1004 /app/App", Places(findings));
    }

    [TestMethod]
    public void A_bundle_whose_manifest_breaks_at_an_entry_reports_the_earlier_entries_and_names_that_entry()
    {
        // The second entry, stored uncompressed, claims a terabyte: it lies outside the file.
        var bundle = Bundle(new Entry("config/.git-credentials", Credentials(31)), new Entry("data.bin", "x"u8.ToArray(), DeclaredSize: 1L << 40));

        var findings = Scan(bundle);

        Assert.AreEqual("SG1004 /app/config/.git-credentials in /app/App | SG0004 /app/App", Places(findings));
        StringAssert.Contains(findings[1].Label, "cannot be read at entry 2 of 2");
        StringAssert.Contains(findings[1].Label, "from that entry on were not read");
    }

    [TestMethod]
    public void A_bundle_whose_manifest_breaks_at_its_first_entry_is_one_SG0004()
    {
        var findings = Scan(Bundle(new Entry("data.bin", "x"u8.ToArray(), DeclaredSize: 1L << 40)));

        Assert.AreEqual("SG0004 /app/App", Places(findings));
        StringAssert.Contains(findings[0].Label, "lies outside the file");
    }

    [TestMethod]
    public void A_bundle_past_its_unpack_budget_reports_the_earlier_entries_and_names_the_entry_from_which_on_nothing_was_read()
    {
        // The second entry claims a gigabyte from a few bytes of deflate: far past 8 times this small bundle plus 64 MB.
        var bundle = Bundle(
            new Entry(".git-credentials", Credentials(seed: 51)),
            new Entry("data.bin", new byte[1024], Compress: true, DeclaredSize: 1L << 30),
            new Entry("later/.git-credentials", Credentials(seed: 52)));

        var findings = Scan(bundle);

        // The entries not unpacked are bytes no bundled file covers: their strings are still read, at the bundle.
        var credential = findings.Where(f => f.RuleId != Finding.NotCheckedId).ToList();
        Assert.HasCount(2, credential, Places(findings));
        Assert.AreEqual(("/app/.git-credentials", "/app/App"), (At(credential[0]).Path, At(credential[0]).Bundle), "the credential in the entry within the budget is reported, in its bundle");
        Assert.AreEqual(("/app/App", (string?)null), (At(credential[1]).Path, At(credential[1]).Bundle), "the stored credential of an entry not unpacked is found in the bundle's strings");

        var notChecked = findings.Single(f => f.RuleId == Finding.NotCheckedId);
        Assert.AreEqual(("/app/App", (string?)null), (At(notChecked).Path, At(notChecked).Bundle), "the SG0004 is at the bundle");
        StringAssert.Contains(notChecked.Label, "unpack to more than");
        StringAssert.Contains(notChecked.Label, "from entry 2 of 3 (data.bin) on were not read");
    }

    [TestMethod]
    [DataRow(false, DisplayName = "stored")]
    [DataRow(true, DisplayName = "compressed in the bundle")]
    public void A_zip_in_a_bundle_is_opened_and_a_credential_deflated_in_it_is_found(bool compressInBundle)
    {
        var zip = Zip(("readme.txt", "hello"u8.ToArray()), ("config/.git-credentials", Credentials(seed: 53)));
        var bundle = Bundle(new Entry("App.deps.json", "{}"u8.ToArray()), new Entry("plugins/tools.zip", zip, compressInBundle));

        var findings = Scan(bundle);

        var finding = findings.Single(f => f.RuleId != Finding.NotCheckedId);
        Assert.AreEqual(("/app/plugins/tools.zip!/config/.git-credentials", "/app/App"), (At(finding).Path, At(finding).Bundle), Places(findings));
        Assert.IsFalse(findings.Any(f => f.RuleId == Finding.NotCheckedId), Places(findings));
    }

    [TestMethod]
    public void A_tar_gz_in_a_bundle_is_opened_too()
    {
        var tarGz = TestImages.Gzip(TestImages.Tar(("home/ci/.git-credentials", Encoding.UTF8.GetString(Credentials(seed: 54)))));
        var findings = Scan(Bundle(new Entry("backup/home.tar.gz", tarGz)));

        Assert.AreEqual("SG1004 /app/backup/home.tar.gz!/home/ci/.git-credentials in /app/App", Places(findings));
    }

    [TestMethod]
    public void Archives_in_a_bundle_are_nested_as_deep_as_archives_elsewhere()
    {
        // Three zips inside each other are opened; a fourth is too deep, as it is straight in a layer.
        var innermost = Zip(("deepest/.git-credentials", Credentials(seed: 55)));
        var zip = Zip(("c.zip", Zip(("b.zip", Zip(("a.zip", innermost))))));
        var findings = Scan(Bundle(new Entry("nested.zip", zip)));

        var notChecked = findings.Single();
        Assert.AreEqual(Finding.NotCheckedId, notChecked.RuleId, Places(findings));
        Assert.AreEqual(("/app/nested.zip!/c.zip!/b.zip!/a.zip", "/app/App"), (At(notChecked).Path, At(notChecked).Bundle));
        StringAssert.Contains(notChecked.Label, "archives are opened down to 3 levels");
    }

    [TestMethod]
    public void A_bundle_inside_an_archive_does_not_start_the_nesting_depth_again()
    {
        // zip > zip > bundle > zip > zip: the last zip is the fourth archive, too deep however the bundle sits
        // between them. The bundled zip is where the app sees it, beside its host.
        var bundle = Bundle(new Entry("plugin.zip", Zip(("inner.zip", Zip((".git-credentials", Credentials(seed: 56)))))));
        var outer = Zip(("apps.zip", Zip(("App", bundle))));
        var findings = new FileScanner(RuleSet.Default).Scan("/srv/outer.zip", outer.Length, new MemoryStream(outer), 0, "sha256:x").Findings.ToList();

        var notChecked = findings.Single();
        Assert.AreEqual(Finding.NotCheckedId, notChecked.RuleId, Places(findings));
        Assert.AreEqual(("/srv/outer.zip!/apps.zip!/plugin.zip!/inner.zip", "/srv/outer.zip!/apps.zip!/App"), (At(notChecked).Path, At(notChecked).Bundle));
    }

    [TestMethod]
    public void The_archives_of_a_bundle_share_the_bundles_expansion_budget()
    {
        // Each zip expands to 600 bytes within a 1,000-byte budget for the file: the second runs past it at its
        // first entry, since the bundle, not each bundled file, is the file the budget is for.
        var first = Zip(("a/.git-credentials", Credentials(seed: 57)), ("a/pad.txt", new byte[600 - Credentials(seed: 57).Length]));
        var second = Zip(("b/pad.txt", new byte[600 - Credentials(seed: 58).Length]), ("b/.git-credentials", Credentials(seed: 58)));
        var scanner = new FileScanner(RuleSet.Default) { Expansion = new ExpansionBudget(1000, 1L << 30) };

        var findings = Scan(Bundle(new Entry("first.zip", first), new Entry("second.zip", second)), scanner);

        Assert.AreEqual("SG1004 /app/first.zip!/a/.git-credentials in /app/App | SG0004 /app/second.zip in /app/App", Places(findings));
        StringAssert.Contains(findings[1].Label, "what is nested in it expands to more than");
        StringAssert.Contains(findings[1].Label, "entries from b/pad.txt on were not read");
    }

    [TestMethod]
    public void A_zip_in_a_bundle_over_the_zip_limit_is_listed_as_not_opened()
    {
        // Declared larger than a zip is read into memory for: not opened, and said so, as straight in a layer.
        var zip = Zip(("x/.git-credentials", Credentials(seed: 59)));
        var bundle = Bundle(new Entry("big.zip", zip, Compress: true, DeclaredSize: NestedArchives.MaxZipBytes + 1));

        var scan = new FileScanner(RuleSet.Default).Scan("/app/App", bundle.Length, new MemoryStream(bundle), 0, "sha256:x");

        Assert.AreEqual("SG0004 /app/big.zip in /app/App", Places(scan.Findings));
        CollectionAssert.AreEqual(new[] { "/app/big.zip" }, scan.UnopenedArchives.ToArray());
    }
}
