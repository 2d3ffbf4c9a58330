using System.IO.Compression;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.Findings;
using SecretGuard.Fuzzing;
using SecretGuard.Scanning;
using SecretGuard.Tests.ImageReading;

namespace SecretGuard.Tests.Scanning;

/// <summary>
/// Content wrapped where the file scanner used to read only noise, and said nothing: a zip after a script
/// or a program, data after a gzip stream's last member, compressions and packages not decompressed.
/// </summary>
[TestClass]
public sealed class WrappedContentTests
{
    private static byte[] TokenLine(int seed = 1) => Encoding.ASCII.GetBytes("GITHUB_TOKEN=" + TestSecrets.GitHubToken(seed: seed) + "\n");

    private static readonly byte[] LaunchScript = Encoding.ASCII.GetBytes("#!/bin/bash\n# Spring Boot launch script\nexec java -jar \"$0\" \"$@\"\nexit 0\n");

    private static FileScan ScanFile(string path, byte[] content) =>
        new FileScanner(RuleSet.Default).Scan(path, content.Length, new MemoryStream(content), 0, "sha256:x");

    private static List<Finding> Scan(string path, byte[] content) => ScanFile(path, content).Findings.ToList();

    /// <summary>Rule and place of each finding (never a credential, so no assertion can show one).</summary>
    private static string Places(IEnumerable<Finding> findings) =>
        string.Join(" | ", findings.Select(f => $"{f.RuleId} {((LayerFileLocation)f.Location).Path}"));

    /// <summary>A zip; with <paramref name="prefix"/>, written after it in the same stream, so that its offsets count from the file's start (as `zip -A` leaves them).</summary>
    private static byte[] Zip(string entry, byte[] content, byte[]? prefix = null, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var ms = new MemoryStream();
        ms.Write(prefix ?? []);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var s = zip.CreateEntry(entry, level).Open();
            s.Write(content);
        }

        return ms.ToArray();
    }

    // ---- a zip after a head of something else ----

    [TestMethod]
    public void A_zip_after_a_launch_script_is_opened_and_its_entry_named()
    {
        // A Spring Boot "fully executable" jar: the script, then the jar, whose offsets count from its own start.
        var jar = Zip("BOOT-INF/classes/application.properties", TokenLine());

        var file = (byte[])[.. LaunchScript, .. jar];

        var findings = Scan("/app/x.jar", file);

        Assert.AreEqual("SG1004 /app/x.jar!/BOOT-INF/classes/application.properties", Places(findings));
        Assert.AreEqual(LaunchScript.Length, ZipEnd.Find(file, 0, checkCentralDirectory: true)!.Value.ZipStart, "the zip's offsets count from its own start");
    }

    [TestMethod]
    public void A_zip_whose_offsets_count_from_the_start_of_the_file_is_opened_too()
    {
        var file = Zip("BOOT-INF/classes/application.properties", TokenLine(), prefix: LaunchScript);

        Assert.AreEqual(0, ZipEnd.Find(file, 0, checkCentralDirectory: true)!.Value.ZipStart, "the zip's offsets count from the file's start");
        Assert.AreEqual("SG1004 /app/x.jar!/BOOT-INF/classes/application.properties", Places(Scan("/app/x.jar", file)));
    }

    [TestMethod]
    public void A_zip_appended_to_a_binary_is_opened_and_the_binary_still_read()
    {
        // A self-extracting installer: program bytes (with a zip library's signature constant in its code), then the zip.
        byte[] program = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0x3D, (byte)'P', (byte)'K', 3, 4, 0xC3, 0x90, 0, 0, 0, .. new byte[4000]];
        var head = (byte[])[.. program, .. TokenLine(2), 0, 0];
        var file = (byte[])[.. head, .. Zip("payload/creds.env", TokenLine(3))];

        var findings = Scan("/opt/installer.run", file);

        Assert.AreEqual("SG1004 /opt/installer.run | SG1004 /opt/installer.run!/payload/creds.env", Places(findings));
    }

    [TestMethod]
    public void A_zip_after_a_head_that_cannot_be_read_is_reported_at_the_file()
    {
        var jar = Zip("BOOT-INF/classes/application.properties", TokenLine());

        // The central directory's compression method for the entry: 12 (bzip2), which the zip reader does not read.
        var directory = jar.AsSpan().LastIndexOf("PK\x01\x02"u8);
        jar[directory + 10] = 12;
        jar[directory + 11] = 0;

        var finding = Scan("/app/x.jar", [.. LaunchScript, .. jar]).Single();

        Assert.AreEqual("SG0004 /app/x.jar", Places([finding]));
        StringAssert.Contains(finding.Label, "the zip reader");
    }

    [TestMethod]
    public void Text_that_holds_a_zip_signature_is_still_text()
    {
        // "PK\3\4" and then no local header: not a zip; the text around it is read as text, by every rule.
        var comment = string.Concat(Enumerable.Repeat("# settings for the archive tool, read at start-up\n", 20));
        var text = (byte[])[.. Encoding.ASCII.GetBytes(comment), .. "# magic PK\x03\x04 is a zip's\n"u8, .. "API_TOKEN=Zq8vL2xW9kR4mN7pT3sY6bV1\n"u8];

        var findings = Scan("/app/config.env", text);

        Assert.AreEqual("SG1010 /app/config.env", Places(findings));
        Assert.AreEqual(22, ((LayerFileLocation)findings[0].Location).Line);
    }

    [TestMethod]
    public void A_zip_after_a_head_larger_than_is_opened_is_reported_and_listed()
    {
        var big = new byte[(int)NestedArchives.MaxZipBytes + 1024];
        new Random(5).NextBytes(big);
        var jar = Zip("lib/big.bin", big, level: CompressionLevel.NoCompression);

        var scan = ScanFile("/app/x.jar", [.. LaunchScript, .. jar]);

        Assert.AreEqual("SG0004 /app/x.jar", Places(scan.Findings));
        CollectionAssert.AreEqual(new[] { "/app/x.jar" }, scan.UnopenedArchives.ToArray());
    }

    // ---- data after a gzip stream ----

    [TestMethod]
    public void Text_after_a_gzip_member_is_read_as_a_file_at_the_gzip()
    {
        var file = (byte[])[.. TestImages.Gzip("hello world\n"u8.ToArray()), .. TokenLine()];

        Assert.AreEqual("SG1004 /app/notes.txt.gz", Places(Scan("/app/notes.txt.gz", file)));
    }

    [TestMethod]
    public void Text_after_a_tar_gz_is_read_as_a_file_at_the_archive()
    {
        var file = (byte[])[.. TestImages.Gzip(TestImages.Tar(("a.txt", "hi"))), .. TokenLine()];

        Assert.AreEqual("SG1004 /app/b.tar.gz", Places(Scan("/app/b.tar.gz", file)));
    }

    [TestMethod]
    public void Text_after_a_large_gzip_member_and_after_concatenated_members_is_found()
    {
        // Compressed data over several of the inflater's chunks (random bytes do not compress), so the trailer is in the last.
        var noise = new byte[100_000];
        new Random(3).NextBytes(noise);
        var large = (byte[])[.. TestImages.Gzip(noise), .. TokenLine()];
        var members = (byte[])[.. TestImages.Gzip("a\n"u8.ToArray()), .. TestImages.Gzip("b\n"u8.ToArray()), .. TokenLine(2)];

        Assert.AreEqual("SG1004 /app/noise.bin.gz", Places(Scan("/app/noise.bin.gz", large)));
        Assert.AreEqual("SG1004 /app/two.txt.gz", Places(Scan("/app/two.txt.gz", members)));
    }

    [TestMethod]
    public void Zero_padding_after_a_gzip_stream_is_no_finding()
    {
        var file = (byte[])[.. TestImages.Gzip(TokenLine()), .. new byte[4096]];

        Assert.AreEqual("SG1004 /app/creds.env.gz!/creds.env", Places(Scan("/app/creds.env.gz", file)));
    }

    [TestMethod]
    public void A_gzip_cut_inside_its_trailer_is_reported()
    {
        var noise = new byte[50_000];
        new Random(4).NextBytes(noise);
        var gzip = TestImages.Gzip([.. TokenLine(), .. noise]);

        var finding = Scan("/app/creds.env.gz", gzip[..^4]).Single();

        Assert.AreEqual("SG0004 /app/creds.env.gz", Places([finding]));
        StringAssert.Contains(finding.Label, "truncated");
    }

    // ---- compressions and packages ----

    /// <summary>A file of each format the catalogue holds (its head, then bytes), with a near miss of each.</summary>
    private static IEnumerable<(string Format, string Path, byte[] Head, byte[] NearMiss)> Formats()
    {
        yield return ("xz", "/app/logs.xz", [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0, 0, 4, 0xE6, 0xD6, 0xB4, 0x46], [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0, 1, 4]);
        yield return ("bzip2", "/app/dump.bz2", [(byte)'B', (byte)'Z', (byte)'h', (byte)'9', 0x31, 0x41, 0x59, 0x26, 0x53, 0x59, 0x12], "BZh9 is how a bzip2 stream starts\n"u8.ToArray());
        yield return ("lz4", "/app/cache.lz4", [0x04, 0x22, 0x4D, 0x18, 0x64, 0x40, 0xA7], [0x04, 0x22, 0x4D, 0x18, 0x04, 0x40, 0xA7]);
        yield return ("7z", "/app/backup.7z", [(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C, 0, 4, 0x8D, 0x9B], [(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C, 9, 4]);
        yield return ("rar", "/app/backup.rar", "Rar!\x1A\x07\x01\x00\x33\x92"u8.ToArray(), "Rar! is the start of a RAR archive\n"u8.ToArray());
        yield return ("rpm", "/app/tool.rpm", [0xED, 0xAB, 0xEE, 0xDB, 3, 0, 0, 1], [0xED, 0xAB, 0xEE, 0xDB, 9, 0, 0, 1]);
        yield return ("lzma", "/app/data.lzma", [0x5D, 0, 0, 0x80, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x12], "hello, this .lzma file is plain text\n"u8.ToArray());
    }

    [TestMethod]
    public void Compressed_content_not_decompressed_is_reported_at_the_file()
    {
        foreach (var (format, path, head, _) in Formats())
        {
            // Compressed bytes that happen to hold the token in the clear: not read as if that were a check.
            var scan = ScanFile(path, [.. head, .. new byte[64], .. TokenLine()]);

            Assert.AreEqual($"SG0004 {path}", Places(scan.Findings), format);
            StringAssert.Contains(scan.Findings[0].Label, $"compressed content not opened ({format})", format);
            CollectionAssert.AreEqual(new[] { path }, scan.UnopenedArchives.ToArray(), format);
        }
    }

    [TestMethod]
    public void A_near_miss_of_each_format_is_read_as_any_file()
    {
        foreach (var (format, path, _, nearMiss) in Formats())
        {
            var scan = ScanFile(path, [.. nearMiss, .. new byte[8], .. TokenLine()]);

            Assert.AreEqual($"SG1004 {path}", Places(scan.Findings), format);
            Assert.IsEmpty(scan.UnopenedArchives, format);
        }
    }

    [TestMethod]
    public void Package_manager_state_and_documentation_are_read_as_before_and_listed_as_not_opened()
    {
        foreach (var path in new[] { "/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4", "/var/log/apt/eipp.log.xz", "/usr/share/doc/afl++-doc/testcases/small_archive.rar" })
        {
            var head = path.EndsWith(".lz4") ? [0x04, 0x22, 0x4D, 0x18, 0x64, 0x40, 0xA7] : path.EndsWith(".xz") ? [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0, 0, 4] : "Rar!\x1A\x07\x00\x33"u8.ToArray();

            var scan = ScanFile(path, [.. head, .. new byte[64]]);

            Assert.IsEmpty(scan.Findings, path);
            CollectionAssert.AreEqual(new[] { path }, scan.UnopenedArchives.ToArray(), path);
        }
    }

    [TestMethod]
    public void A_zstd_file_is_decompressed_and_a_tar_zst_opened()
    {
        Assert.AreEqual("SG1004 /app/creds.env.zst!/creds.env", Places(Scan("/app/creds.env.zst", TestImages.Zstd(TokenLine()))));
        Assert.AreEqual("SG1004 /app/backup.tar.zst!/etc/creds.env", Places(Scan("/app/backup.tar.zst", TestImages.Zstd(TestImages.Tar(("etc/creds.env", TokenLine()))))));
    }

    [TestMethod]
    public void Data_after_a_zstd_frame_is_reported_at_the_file()
    {
        var findings = Scan("/app/creds.env.zst", [.. TestImages.Zstd("hello\n"u8.ToArray()), .. TokenLine()]);

        Assert.AreEqual("SG0004 /app/creds.env.zst", Places(findings));
    }

    [TestMethod]
    public void A_debian_package_is_opened_through_its_gzip_or_zstd_data()
    {
        var control = TestImages.Gzip(TestImages.Tar(("./control", "Package: acme\n")));
        var gz = SeedInputs.Deb(("control.tar.gz", control), ("data.tar.gz", TestImages.Gzip(TestImages.Tar(("./etc/acme/creds.env", TokenLine())))));
        var zst = SeedInputs.Deb(("control.tar.zst", TestImages.Zstd(TestImages.Tar(("./control", "Package: acme\n")))), ("data.tar.zst", TestImages.Zstd(TestImages.Tar(("./etc/acme/creds.env", TokenLine())))));

        Assert.AreEqual("SG1004 /app/acme.deb!/data.tar.gz!/etc/acme/creds.env", Places(Scan("/app/acme.deb", gz)));
        Assert.AreEqual("SG1004 /app/acme.deb!/data.tar.zst!/etc/acme/creds.env", Places(Scan("/app/acme.deb", zst)));
    }

    [TestMethod]
    public void A_debian_package_with_xz_data_is_reported_at_the_member_except_in_the_apt_cache()
    {
        var deb = SeedInputs.Deb(("control.tar.xz", [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0, 0, 4, 1, 2, 3]), ("data.tar.xz", [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0, 0, 4, 4, 5, 6]));

        Assert.AreEqual("SG0004 /app/acme.deb!/control.tar.xz | SG0004 /app/acme.deb!/data.tar.xz", Places(Scan("/app/acme.deb", deb)));

        var cached = ScanFile("/var/cache/apt/archives/acme_1.0_amd64.deb", deb);
        Assert.IsEmpty(cached.Findings);
        Assert.HasCount(2, cached.UnopenedArchives);
    }

    [TestMethod]
    public void A_zips_comments_are_read()
    {
        // Shown by every zip tool, extracted by none, yet in the file: the archive's comment and an entry's.
        byte[] Commented(bool onArchive)
        {
            using var ms = new MemoryStream();
            using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            {
                var entry = zip.CreateEntry("notes.txt");
                using (var s = entry.Open())
                {
                    s.Write("hello\n"u8);
                }

                if (onArchive)
                {
                    zip.Comment = Encoding.ASCII.GetString(TokenLine());
                }
                else
                {
                    entry.Comment = Encoding.ASCII.GetString(TokenLine());
                }
            }

            return ms.ToArray();
        }

        Assert.AreEqual("SG1004 /app/bundle.zip!/(zip comment)", Places(Scan("/app/bundle.zip", Commented(onArchive: true))));
        Assert.AreEqual("SG1004 /app/bundle.zip!/notes.txt (zip comment)", Places(Scan("/app/bundle.zip", Commented(onArchive: false))));
    }

    [TestMethod]
    public void A_tar_files_pax_records_are_read()
    {
        var tar = SecretGuard.Tests.ImageReading.RawTar.Concat(
            SecretGuard.Tests.ImageReading.RawTar.Pax(("comment", Encoding.ASCII.GetString(TokenLine()).TrimEnd())),
            SecretGuard.Tests.ImageReading.RawTar.File("notes.txt", "hello\n"),
            SecretGuard.Tests.ImageReading.RawTar.End);

        Assert.AreEqual("SG1004 /app/data.tar!/notes.txt (PAX records)", Places(Scan("/app/data.tar", tar)));
    }

    [TestMethod]
    public void A_gzip_files_header_comment_is_read()
    {
        var gz = TestImages.GzipWithComment("hello\n"u8.ToArray(), TokenLine());
        var tarGz = TestImages.GzipWithComment(TestImages.Tar(("./notes.txt", "hello\n")), TokenLine());

        Assert.AreEqual("SG1004 /app/notes.txt.gz!/(gzip member 1 comment)", Places(Scan("/app/notes.txt.gz", gz)));
        Assert.AreEqual("SG1004 /app/data.tar.gz!/(gzip member 1 comment)", Places(Scan("/app/data.tar.gz", tarGz)));
    }

    [TestMethod]
    public void A_zstd_files_skippable_frames_are_read()
    {
        var hidden = (byte[])[.. TestImages.Zstd("hello\n"u8.ToArray()), .. SeedInputs.SkippableFrame(TokenLine())];
        var tarZst = (byte[])[.. TestImages.Zstd(TestImages.Tar(("./notes.txt", "hello\n"))), .. SeedInputs.SkippableFrame(TokenLine())];

        Assert.AreEqual("SG1004 /app/notes.txt.zst!/(zstd skippable frame 1)", Places(Scan("/app/notes.txt.zst", hidden)));
        Assert.AreEqual("SG1004 /app/data.tar.zst!/(zstd skippable frame 1)", Places(Scan("/app/data.tar.zst", tarZst)));
    }
}
