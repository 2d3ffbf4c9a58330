using System.IO.Compression;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Scanning;
using SecretGuard.Tests.ImageReading;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Scanning;

/// <summary>
/// A nested archive that cannot be read in full is an SG0004 at the archive, and what was found in it
/// before is kept; whatever it decompresses, read or skipped, is charged to the expansion budget.
/// </summary>
[TestClass]
public sealed class NestedArchiveFaultTests
{
    private static readonly string Token = TestSecrets.GitHubToken(seed: 41);
    private static readonly string LaterToken = TestSecrets.GitHubToken(seed: 42);

    private static string Credentials(string token) => "https://ci:" + token + "@github.com\n";

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static string PathOf(Finding f) => ((LayerFileLocation)f.Location).Path;

    private static List<Finding> Scan(string path, byte[] content, FileScanner? scanner = null) =>
        (scanner ?? new FileScanner(RuleSet.Default)).Scan(path, content.Length, new MemoryStream(content), 0, "sha256:x").Findings.ToList();

    /// <summary>The paths of the credentials found (never the credentials themselves, so no assertion can show one).</summary>
    private static string[] CredentialPaths(IEnumerable<Finding> findings) => findings.Where(f => !f.IsNotChecked).Select(PathOf).Order(StringComparer.Ordinal).ToArray();

    [TestMethod]
    [DataRow("over-long PAX header")]
    [DataRow("size field that is not a number")]
    public void A_tar_entry_that_cannot_be_read_is_SG0004_at_the_archive_and_the_credential_before_it_is_kept(string broken)
    {
        var unreadable = broken == "over-long PAX header"
            ? RawTar.Concat(RawTar.Header("PaxHeaders/big", 'x', TarStreamReader.MaxPaxHeaderBytes + 1), RawTar.Padded(new byte[TarStreamReader.MaxPaxHeaderBytes + 1]), RawTar.File("opt/after.txt", "after"))
            : RawTar.Header("opt/broken.bin", '0', 0, edit: h => Encoding.ASCII.GetBytes("zzzzzzzzzzz\0").CopyTo(h, 124));
        var tar = RawTar.Concat(RawTar.File("home/ci/.git-credentials", Credentials(Token)), unreadable, RawTar.End);

        var findings = Scan("/opt/backup.tar", tar);

        CollectionAssert.AreEqual(new[] { "/opt/backup.tar!/home/ci/.git-credentials" }, CredentialPaths(findings));
        var notChecked = findings.Single(f => f.IsNotChecked);
        Assert.AreEqual("/opt/backup.tar", PathOf(notChecked));
        StringAssert.StartsWith(notChecked.Label, "the tar reader could not read it: ");
    }

    [TestMethod]
    public void A_zip_entry_with_an_unsupported_compression_method_is_SG0004_at_the_archive_and_the_other_entries_are_read()
    {
        var zip = Zip(("home/ci/.git-credentials", Credentials(Token)), ("lib/packed.bin", "LZMA-compressed, say"), ("etc/.git-credentials", Credentials(LaterToken)));
        SetCompressionMethod(zip, entry: 1, method: 14); // LZMA, which System.IO.Compression does not read

        var findings = Scan("/opt/plugin.zip", zip);

        CollectionAssert.AreEqual(new[] { "/opt/plugin.zip!/etc/.git-credentials", "/opt/plugin.zip!/home/ci/.git-credentials" }, CredentialPaths(findings));
        var notChecked = findings.Single(f => f.IsNotChecked);
        Assert.AreEqual("/opt/plugin.zip", PathOf(notChecked));
        StringAssert.StartsWith(notChecked.Label, "the zip reader could not read it: ");
        StringAssert.Contains(notChecked.Label, "lib/packed.bin");
    }

    [TestMethod]
    [DataRow("/opt/backup.tar", DisplayName = "tar")]
    [DataRow("/opt/backup.tar.gz", DisplayName = "tar.gz")]
    public void Data_after_a_nested_tar_s_end_of_archive_marker_is_SG0004_at_the_archive_and_the_entries_before_it_are_kept(string path)
    {
        var tar = RawTar.Concat(RawTar.File("home/ci/.git-credentials", Credentials(Token)), RawTar.End, RawTar.File("etc/.git-credentials", Credentials(LaterToken)), RawTar.End);
        var content = path.EndsWith(".gz", StringComparison.Ordinal) ? TestImages.Gzip(tar) : tar;

        var findings = Scan(path, content);

        CollectionAssert.AreEqual(new[] { path + "!/home/ci/.git-credentials" }, CredentialPaths(findings));
        var notChecked = findings.Single(f => f.IsNotChecked);
        Assert.AreEqual(path, PathOf(notChecked));
        StringAssert.Contains(notChecked.Label, "data after the tar's end-of-archive marker was not read");

        // Zero padding to a record, as every tar writer leaves, is not data.
        var padded = RawTar.Concat(RawTar.File("home/ci/.git-credentials", Credentials(Token)), new byte[10240 - 1024]);
        Assert.IsFalse(Scan(path, path.EndsWith(".gz", StringComparison.Ordinal) ? TestImages.Gzip(padded) : padded).Any(f => f.IsNotChecked));
    }

    [TestMethod]
    [DataRow('A', DisplayName = "an unknown type flag")]
    [DataRow('5', DisplayName = "a directory")]
    [DataRow('1', DisplayName = "a hard link")]
    [DataRow('2', DisplayName = "a symbolic link")]
    public void A_nested_tar_entry_that_is_no_regular_file_but_carries_data_is_SG0004_at_the_archive_and_the_others_are_read(char type)
    {
        var data = Utf8(Credentials(LaterToken));
        var tar = RawTar.Concat(
            RawTar.File("home/ci/.git-credentials", Credentials(Token)),
            RawTar.Header("opt/creds.env", type, data.Length), RawTar.Padded(data),
            RawTar.End);

        var findings = Scan("/opt/backup.tar", tar);

        CollectionAssert.AreEqual(new[] { "/opt/backup.tar!/home/ci/.git-credentials" }, CredentialPaths(findings));
        var notChecked = findings.Single(f => f.IsNotChecked);
        Assert.AreEqual("/opt/backup.tar", PathOf(notChecked));
        StringAssert.StartsWith(notChecked.Label, "the tar reader could not read it: ");
        StringAssert.Contains(notChecked.Label, $"opt/creds.env: a tar entry of type '{type}' carries {data.Length} bytes of data");
    }

    [TestMethod]
    public void A_zip_directory_entry_that_carries_data_is_SG0004_at_the_archive_and_the_others_are_read()
    {
        var zip = Zip(("config/", Credentials(LaterToken)), ("home/ci/.git-credentials", Credentials(Token)), ("empty/", ""));

        var findings = Scan("/opt/plugin.zip", zip);

        CollectionAssert.AreEqual(new[] { "/opt/plugin.zip!/home/ci/.git-credentials" }, CredentialPaths(findings));
        var notChecked = findings.Single(f => f.IsNotChecked);
        Assert.AreEqual("/opt/plugin.zip", PathOf(notChecked));
        StringAssert.StartsWith(notChecked.Label, "the zip reader could not read it: ");
        StringAssert.Contains(notChecked.Label, "an entry that cannot be read (config/: a zip directory entry carries");
    }

    [TestMethod]
    [DataRow('5', "opt/data/", DisplayName = "a directory declaring data")]
    [DataRow('2', "opt/link", DisplayName = "a symbolic link declaring data")]
    [DataRow('g', "PaxHeaders/global", DisplayName = "a PAX global header")]
    [DataRow('x', "PaxHeaders/huge", DisplayName = "a PAX header over its cap")]
    public void What_a_nested_tar_gz_skips_is_charged_to_the_expansion_budget(char type, string name)
    {
        // 128 MiB of zeros the tar reader skips, not reads: a few hundred KiB once compressed.
        const long skipped = 128L << 20;
        var content = new PartsStream()
            .Add(RawTar.File("home/ci/.git-credentials", Credentials(Token)))
            .Add(RawTar.Header(name, type, skipped))
            .Add(0, skipped)
            .Add(RawTar.File("opt/after.txt", "after"))
            .Add(RawTar.End);
        var tarGz = GzipStreamed(content);
        var source = new MemoryStream(tarGz);
        var scanner = new FileScanner(RuleSet.Default) { Expansion = new ExpansionBudget(1L << 20, 64L << 20) };

        var findings = scanner.Scan("/opt/backup.tar.gz", tarGz.Length, source, 0, "sha256:x").Findings;

        CollectionAssert.AreEqual(new[] { "/opt/backup.tar.gz!/home/ci/.git-credentials" }, CredentialPaths(findings));
        var notChecked = findings.Single(f => f.IsNotChecked);
        Assert.AreEqual("/opt/backup.tar.gz", PathOf(notChecked));
        StringAssert.Contains(notChecked.Label, "(the budget of one file)");

        // Stopped at the budget: a small part of the compressed file was read, not all 128 MiB inflated.
        Assert.IsLessThan(tarGz.Length / 4, source.Position, $"read {source.Position} of {tarGz.Length} compressed bytes");
        Assert.IsLessThan(2L << 20, scanner.Expansion.LayerExpanded, $"expanded {scanner.Expansion.LayerExpanded} bytes");
    }

    [TestMethod]
    public void A_nested_tar_gz_entry_larger_than_the_budget_is_not_decompressed_up_to_it()
    {
        const long size = 16L << 20;
        var tarGz = GzipStreamed(new PartsStream()
            .Add(RawTar.File("home/ci/.git-credentials", Credentials(Token)))
            .Add(RawTar.Header("opt/zeros.bin", '0', size))
            .Add(0, size)
            .Add(RawTar.End));
        var scanner = new FileScanner(RuleSet.Default) { Expansion = new ExpansionBudget(1L << 20, 64L << 20) };

        var findings = Scan("/opt/backup.tar.gz", tarGz, scanner);

        CollectionAssert.AreEqual(new[] { "/opt/backup.tar.gz!/home/ci/.git-credentials" }, CredentialPaths(findings));
        StringAssert.Contains(findings.Single(f => f.IsNotChecked).Label, "(the budget of one file); entries from opt/zeros.bin on were not read");
        Assert.IsLessThan(64L << 10, scanner.Expansion.LayerExpanded, $"expanded {scanner.Expansion.LayerExpanded} bytes");
    }

    [TestMethod]
    public void A_nested_tar_gz_is_charged_once_for_what_it_decompresses()
    {
        // An entry of 600 KiB read in a budget of 1 MiB: charged once it fits, charged twice it would not.
        var tarGz = TestImages.Gzip(TestImages.Tar(("opt/data.txt", Utf8(new string('a', 600 << 10))), ("home/ci/.git-credentials", Utf8(Credentials(Token)))));
        var scanner = new FileScanner(RuleSet.Default) { Expansion = new ExpansionBudget(1L << 20, 64L << 20) };

        var findings = Scan("/opt/backup.tar.gz", tarGz, scanner);

        CollectionAssert.AreEqual(new[] { "/opt/backup.tar.gz!/home/ci/.git-credentials" }, CredentialPaths(findings));
        Assert.IsFalse(findings.Any(f => f.IsNotChecked), string.Join("\n", findings.Select(f => f.Label)));
        Assert.IsInRange(600L << 10, 700L << 10, scanner.Expansion.LayerExpanded);
    }

    [TestMethod]
    public void A_zip_inside_a_gz_file_is_opened_though_its_size_is_unknown()
    {
        var jarGz = TestImages.Gzip(Zip(("META-INF/.git-credentials", Credentials(Token))));

        var findings = Scan("/opt/lib/plugin.jar.gz", jarGz);

        Assert.IsFalse(findings.Any(f => f.IsNotChecked), string.Join("\n", findings.Where(f => f.IsNotChecked).Select(f => f.Label)));
        CollectionAssert.AreEqual(new[] { "/opt/lib/plugin.jar.gz!/plugin.jar!/META-INF/.git-credentials" }, CredentialPaths(findings));
    }

    [TestMethod]
    public void A_zip_inside_a_gz_file_over_the_zip_limit_is_reported_too_large_to_open()
    {
        // A zip of one stored entry just over the limit, written straight into the gzip: never held whole here.
        byte[] jarGz;
        using (var compressed = new MemoryStream())
        {
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            using (var zip = new ZipArchive(gzip, ZipArchiveMode.Create))
            using (var entry = zip.CreateEntry("data.bin", CompressionLevel.NoCompression).Open())
            {
                var zeros = new byte[1 << 20];
                for (long written = 0; written <= NestedArchives.MaxZipBytes; written += zeros.Length)
                {
                    entry.Write(zeros);
                }
            }

            jarGz = compressed.ToArray();
        }

        var scan = new FileScanner(RuleSet.Default).Scan("/opt/lib/big.jar.gz", jarGz.Length, new MemoryStream(jarGz), 0, "sha256:x");

        var finding = scan.Findings.Single();
        Assert.AreEqual("SG0004", finding.RuleId);
        Assert.AreEqual("/opt/lib/big.jar.gz!/big.jar", PathOf(finding));
        StringAssert.Contains(finding.Label, $"larger than the {NestedArchives.MaxZipBytes >> 20} MB");
        CollectionAssert.AreEqual(new[] { "/opt/lib/big.jar.gz!/big.jar" }, scan.UnopenedArchives.ToList());
    }

    private static byte[] Zip(params (string Path, string Content)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in entries)
            {
                using var s = zip.CreateEntry(path, CompressionLevel.NoCompression).Open();
                s.Write(Utf8(content));
            }
        }

        return ms.ToArray();
    }

    /// <summary>Sets the compression method of the zip's <paramref name="entry"/>th entry, in its local header and in the central directory.</summary>
    private static void SetCompressionMethod(byte[] zip, int entry, ushort method)
    {
        static int Nth(byte[] zip, byte[] signature, int n)
        {
            var at = -1;
            for (var i = 0; i <= n; i++)
            {
                at = zip.AsSpan(at + 1).IndexOf(signature) + at + 1;
            }

            return at;
        }

        BitConverter.TryWriteBytes(zip.AsSpan(Nth(zip, [(byte)'P', (byte)'K', 3, 4], entry) + 8), method);
        BitConverter.TryWriteBytes(zip.AsSpan(Nth(zip, [(byte)'P', (byte)'K', 1, 2], entry) + 10), method);
    }

    /// <summary>Gzips a stream as it is read, so gigabytes of zeros need not be held to be compressed.</summary>
    private static byte[] GzipStreamed(Stream content)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            content.CopyTo(gzip, 1 << 20);
        }

        return compressed.ToArray();
    }
}
