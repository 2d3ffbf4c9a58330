using System.IO.Compression;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.Tests.ImageReading;

namespace SecretGuard.Tests.Scanning;

[TestClass]
public sealed class NestedArchiveTests
{
    private static List<Finding> Scan(string path, byte[] content, FileScanner? scanner = null) =>
        (scanner ?? new FileScanner(RuleSet.Default)).Scan(path, content.Length, new MemoryStream(content), 0, "sha256:x").ToList();

    private static byte[] Zip(params (string Path, byte[] Content)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in entries)
            {
                using var s = zip.CreateEntry(path).Open();
                s.Write(content);
            }
        }

        return ms.ToArray();
    }

    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);

    [TestMethod]
    public void Finds_a_secret_in_a_zip_entry_and_names_the_entry()
    {
        var key = TestSecrets.StripeLiveKey();
        var zip = Zip(("config/settings.json", Text("{\n  \"Stripe\": \"" + key + "\"\n}\n")), ("readme.txt", Text("hello")));

        var finding = Scan("/opt/tools/plugin.nupkg", zip).Single();

        Assert.AreEqual("SG1005", finding.RuleId);
        var location = (LayerFileLocation)finding.Location;
        Assert.AreEqual("/opt/tools/plugin.nupkg!/config/settings.json", location.Path);
        Assert.AreEqual(2, location.Line);
    }

    [TestMethod]
    public void Opens_a_tar_gz_inside_a_zip_inside_a_layer()
    {
        var token = TestSecrets.GitHubToken();
        var tarGz = TestImages.Gzip(TestImages.Tar(("home/ci/.git-credentials", "https://ci:" + token + "@github.com\n")));
        var zip = Zip(("backup/home.tar.gz", tarGz));

        var finding = Scan("/srv/backup.zip", zip).Single(f => f.RuleId == "SG1004");

        Assert.AreEqual("/srv/backup.zip!/backup/home.tar.gz!/home/ci/.git-credentials", ((LayerFileLocation)finding.Location).Path);
    }

    [TestMethod]
    public void Reads_a_plain_tar_and_a_gz_file()
    {
        var key = TestSecrets.StripeLiveKey();
        Assert.HasCount(1, Scan("/opt/a.tar", TestImages.Tar(("x/.env", "STRIPE=" + key + "\n"))));

        var gz = Scan("/var/backups/app.env.gz", TestImages.Gzip(Text("STRIPE=" + key + "\n"))).Single();
        Assert.AreEqual("/var/backups/app.env.gz!/app.env", ((LayerFileLocation)gz.Location).Path);
    }

    [TestMethod]
    public void Near_miss_archives_of_clean_files_and_gzip_that_is_not_named_gz_are_quiet()
    {
        Assert.IsEmpty(Scan("/opt/clean.zip", Zip(("appsettings.json", Text("{ \"ApiKey\": \"<your-key>\" }")))));

        // A gzip stream without a .gz name is binary data, not an archive we open: no false positive from its bytes.
        Assert.IsEmpty(Scan("/usr/share/data.bin", TestImages.Gzip(Text("STRIPE=" + TestSecrets.StripeLiveKey() + "\n"))));
    }

    [TestMethod]
    public void Depth_is_bounded()
    {
        var key = TestSecrets.StripeLiveKey();
        var inner = Zip(("deep/.env", Text("STRIPE=" + key + "\n")));
        for (var i = 0; i < NestedArchives.MaxDepth; i++)
        {
            inner = Zip(($"level{i}.zip", inner));
        }

        // MaxDepth archives are opened; the one below that is not, so nothing is found and nothing recurses forever.
        Assert.IsEmpty(Scan("/opt/nested.zip", inner));
        Assert.HasCount(1, Scan("/opt/nested.zip", Zip(("deep/.env", Text("STRIPE=" + key + "\n")))));
    }

    [TestMethod]
    public void Corrupt_archive_is_reported_not_passed()
    {
        var zip = Zip(("a.json", Text(new string('a', 4000))));
        zip[^30] ^= 0x55;
        zip[^31] ^= 0x55;
        Assert.Throws<ScanIncompleteException>(() => Scan("/opt/broken.zip", zip));
    }

    [TestMethod]
    public void Zip_too_large_to_open_is_listed()
    {
        var scanner = new FileScanner(RuleSet.Default);
        var head = new byte[] { (byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0 };
        var findings = scanner.Scan("/opt/huge.zip", NestedArchives.MaxZipBytes + 1, new MemoryStream(head), 0, "sha256:x").ToList();
        Assert.IsEmpty(findings);
        CollectionAssert.AreEqual(new[] { "/opt/huge.zip" }, scanner.UnopenedArchives);
    }
}
