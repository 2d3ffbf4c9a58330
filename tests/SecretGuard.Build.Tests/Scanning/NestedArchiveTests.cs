using System.IO.Compression;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.Tests.ImageReading;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Scanning;

[TestClass]
public sealed class NestedArchiveTests
{
    private static List<Finding> Scan(string path, byte[] content, FileScanner? scanner = null) =>
        (scanner ?? new FileScanner(RuleSet.Default)).Scan(path, content.Length, new MemoryStream(content), 0, "sha256:x").Findings.ToList();

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
    public void Near_miss_archives_of_clean_files_are_quiet()
    {
        Assert.IsEmpty(Scan("/opt/clean.zip", Zip(("appsettings.json", Text("{ \"ApiKey\": \"<your-key>\" }")))));

        // A gzip without a .gz name is opened by its magic (see below); a clean one is quiet, not binary noise.
        Assert.IsEmpty(Scan("/usr/share/data.bin", TestImages.Gzip(Text("{ \"ApiKey\": \"<your-key>\" }"))));
    }

    [TestMethod]
    public void Depth_is_bounded_and_the_archive_not_opened_is_reported_at_its_path()
    {
        var key = TestSecrets.StripeLiveKey();
        var inner = Zip(("deep/.env", Text("STRIPE=" + key + "\n")));
        for (var i = 0; i < NestedArchives.MaxDepth; i++)
        {
            inner = Zip(($"level{i}.zip", inner));
        }

        // MaxDepth archives are opened; the one below that is not (nothing recurses forever), and it is
        // an SG0004 at its own path rather than a silent pass.
        var deep = Scan("/opt/nested.zip", inner);
        var notChecked = deep.Single();
        Assert.AreEqual("SG0004", notChecked.RuleId);
        var path = ((LayerFileLocation)notChecked.Location).Path;
        Assert.AreEqual(NestedArchives.MaxDepth, path.Split(NestedArchives.Separator).Length - 1, path);
        StringAssert.Contains(notChecked.Label, $"archives are opened down to {NestedArchives.MaxDepth} levels");
        Assert.HasCount(1, Scan("/opt/nested.zip", Zip(("deep/.env", Text("STRIPE=" + key + "\n")))));
    }

    [TestMethod]
    public void Corrupt_archive_is_reported_at_its_path_not_passed()
    {
        var zip = Zip(("a.json", Text(new string('a', 4000))));
        zip[^30] ^= 0x55;
        zip[^31] ^= 0x55;
        var finding = Scan("/opt/broken.zip", zip).Single();
        Assert.AreEqual("SG0004", finding.RuleId);
        Assert.AreEqual("/opt/broken.zip", ((LayerFileLocation)finding.Location).Path);
        StringAssert.StartsWith(finding.Label, "the zip reader could not read it: ");
    }

    [TestMethod]
    public void Zip_too_large_to_open_is_listed_and_reported_as_not_checked()
    {
        var scanner = new FileScanner(RuleSet.Default);
        var head = new byte[] { (byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0 };
        var scan = scanner.Scan("/opt/huge.zip", NestedArchives.MaxZipBytes + 1, new MemoryStream(head), 0, "sha256:x");
        var finding = scan.Findings.Single();
        Assert.AreEqual("SG0004", finding.RuleId);
        StringAssert.Contains(finding.Label, $"larger than the {NestedArchives.MaxZipBytes >> 20} MB");
        CollectionAssert.AreEqual(new[] { "/opt/huge.zip" }, scan.UnopenedArchives.ToList());
    }

    [TestMethod]
    [DataRow("gzip", "/app/creds.env.bak", "/app/creds.env.bak!/creds.env.bak", DisplayName = "a gzip not named .gz")]
    [DataRow("tar", "/app/backup.bak", "/app/backup.bak!/etc/app/creds.env", DisplayName = "a tar not named .tar")]
    [DataRow("tar.gz", "/app/backup.bak", "/app/backup.bak!/backup.bak!/etc/app/creds.env", DisplayName = "a tar.gz not named .tar.gz")]
    public void Gzip_and_tar_are_opened_by_their_content_whatever_their_name(string kind, string path, string expected)
    {
        var line = Text("GITHUB_TOKEN=" + TestSecrets.GitHubToken(seed: 71) + "\n");
        var content = kind switch
        {
            "gzip" => TestImages.Gzip(line),
            "tar" => TestImages.Tar(("etc/app/creds.env", line)),
            _ => TestImages.Gzip(TestImages.Tar(("etc/app/creds.env", line))),
        };

        var finding = Scan(path, content).Single();

        Assert.IsFalse(finding.IsNotChecked);
        Assert.AreEqual(expected, ((LayerFileLocation)finding.Location).Path);
    }

    [TestMethod]
    public void Text_with_ustar_at_offset_257_but_no_tar_header_is_scanned_as_text()
    {
        var text = new string('#', 256) + "\nustar" + new string('#', 300) + "\nGITHUB_TOKEN=" + TestSecrets.GitHubToken(seed: 72) + "\n";

        var finding = Scan("/app/notes.txt", Text(text)).Single();

        Assert.IsFalse(finding.IsNotChecked);
        Assert.AreEqual("/app/notes.txt", ((LayerFileLocation)finding.Location).Path);
    }
}
