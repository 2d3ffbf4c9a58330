using System.Text;
using SecretGuard.Findings;
using SecretGuard.ImageReading;

namespace SecretGuard.Tests.ImageReading;

[TestClass]
public sealed class LayerReaderTests
{
    private static List<string> Paths(byte[] blob)
    {
        var paths = new List<string>();
        LayerReader.ReadFiles(TestImages.Layer(blob), new MemoryStream(blob), f => paths.Add(f.Path));
        return paths;
    }

    [TestMethod]
    public void Reads_gzip_and_plain_layers_with_normalised_paths()
    {
        var tar = TestImages.Tar(("app/a.json", "{}"), ("./app/b.txt", "x"));
        CollectionAssert.AreEqual(new[] { "/app/a.json", "/app/b.txt" }, Paths(TestImages.Gzip(tar)));
        CollectionAssert.AreEqual(new[] { "/app/a.json", "/app/b.txt" }, Paths(tar));
    }

    [TestMethod]
    public void Corrupt_gzip_is_a_corrupt_layer_error()
    {
        var blob = TestImages.Gzip(TestImages.Tar(("app/a.json", new string('x', 5000))));
        for (var i = 20; i < 40; i++)
        {
            blob[i] ^= 0x5A;
        }

        var ex = Assert.Throws<ImageReadException>(() => Paths(blob));
        Assert.AreEqual(ImageReadFailure.CorruptLayer, ex.Failure);
        StringAssert.Contains(ex.Message, TestImages.Digest(blob));
    }

    [TestMethod]
    public void Truncated_tar_is_a_corrupt_layer_error()
    {
        var tar = TestImages.Tar(("app/a.json", new string('x', 5000)));
        var blob = tar[..2000];
        var ex = Assert.Throws<ImageReadException>(() => Paths(blob));
        Assert.AreEqual(ImageReadFailure.CorruptLayer, ex.Failure);
    }

    [TestMethod]
    public void Blob_that_does_not_match_its_digest_is_an_error()
    {
        var blob = TestImages.Gzip(TestImages.Tar(("app/a.json", "{}")));
        // Of the same size: a blob of another size is reported as longer or shorter than its descriptor first.
        var other = TestImages.Layer(TestImages.Gzip(TestImages.Tar(("app/other.json", "{}")))) with { Size = blob.Length };
        var ex = Assert.Throws<ImageReadException>(() => LayerReader.ReadFiles(other, new MemoryStream(blob), _ => { }));
        Assert.AreEqual(ImageReadFailure.CorruptLayer, ex.Failure);
        StringAssert.Contains(ex.Message, "does not match its digest");
    }

    private static string Sha512(byte[] blob) => "sha512:" + Convert.ToHexString(System.Security.Cryptography.SHA512.HashData(blob)).ToLowerInvariant();

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void A_layer_named_by_a_sha512_digest_is_checked_against_it(bool gzip)
    {
        var tar = TestImages.Tar(("app/a.json", "{}"));
        var blob = gzip ? TestImages.Gzip(tar) : tar;
        var layer = TestImages.Layer(blob) with { Digest = Sha512(blob) };
        var diffId = TestImages.Digest(tar);
        var paths = new List<string>();
        LayerReader.ReadFiles(layer, new MemoryStream(blob), f => paths.Add(f.Path), diffId: diffId);
        CollectionAssert.AreEqual(new[] { "/app/a.json" }, paths);

        // A byte nothing else checks: the gzip header's modification time, or the tar's padding after a file.
        var altered = blob.ToArray();
        altered[gzip ? 4 : 612] ^= 1;
        var ex = Assert.Throws<ImageReadException>(() => LayerReader.ReadFiles(layer, new MemoryStream(altered), _ => { }));
        Assert.AreEqual(ImageReadFailure.CorruptLayer, ex.Failure);
        StringAssert.Contains(ex.Message, "does not match its digest");
    }

    [TestMethod]
    public void Blob_longer_than_its_descriptor_is_an_error_and_not_read_past_it()
    {
        var blob = TestImages.Gzip(TestImages.Tar(("app/a.json", new string('x', 5000))));
        var layer = TestImages.Layer(blob) with { Size = blob.Length - 10 };
        var ex = Assert.ThrowsExactly<ImageReadException>(() => LayerReader.ReadFiles(layer, new MemoryStream(blob), f => f.Content.CopyTo(Stream.Null)));
        Assert.AreEqual(ImageReadFailure.CorruptLayer, ex.Failure);
        StringAssert.Contains(ex.Message, $"layer {layer.Digest} is longer than its descriptor says ({blob.Length - 10} bytes)");
    }

    [TestMethod]
    public void Blob_shorter_than_its_descriptor_is_reported_truncated()
    {
        var blob = TestImages.Tar(("app/a.json", "{}"));
        var layer = TestImages.Layer(blob) with { Size = blob.Length + 512 };
        var ex = Assert.ThrowsExactly<ImageReadException>(() => LayerReader.ReadFiles(layer, new MemoryStream(blob), _ => { }));
        Assert.AreEqual(ImageReadFailure.CorruptLayer, ex.Failure);
        StringAssert.Contains(ex.Message, "shorter than its descriptor says");
        StringAssert.Contains(ex.Message, "truncated");
    }

    [TestMethod]
    public void Layer_streaming_without_end_stops_at_its_descriptor_size()
    {
        // A PAX size of 10^15 and a source that never ends: the read stops one byte past the descriptor's size.
        var head = RawTar.Concat(RawTar.Pax(("size", "1000000000000000")), RawTar.Header("app/endless.bin", '0', 0));
        var source = new PartsStream().Add(head).Add((byte)'A', long.MaxValue);
        var layer = new Descriptor("application/vnd.oci.image.layer.v1.tar", "sha256:" + new string('0', 64), 8 << 20);
        var ex = Assert.ThrowsExactly<ImageReadException>(() => LayerReader.ReadFiles(layer, source, f => f.Content.CopyTo(Stream.Null)));
        StringAssert.Contains(ex.Message, "is longer than its descriptor says (8388608 bytes)");
        Assert.IsLessThanOrEqualTo((8L << 20) + 1, source.BytesRead);
    }

    [TestMethod]
    public void Unreadable_entries_are_reported_and_the_rest_of_the_layer_is_read()
    {
        var tar = RawTar.Concat(
            RawTar.Pax(("size", "99999999999999999999")), RawTar.File("app/odd.bin", "odd"),
            RawTar.Header("app/dir/", '5', 3), RawTar.Padded("abc"u8.ToArray()),
            RawTar.File("app/appsettings.json", "{}"),
            RawTar.End);
        var blob = TestImages.Gzip(tar);
        var paths = new List<string>();
        var unreadable = new List<string>();
        LayerReader.ReadFiles(TestImages.Layer(blob), new MemoryStream(blob), f => paths.Add(f.Path), unreadable: (path, reason) => unreadable.Add(path + ": " + reason));

        CollectionAssert.AreEqual(new[] { "/app/appsettings.json" }, paths);
        Assert.HasCount(2, unreadable);
        StringAssert.StartsWith(unreadable[0], "/app/odd.bin: its PAX size \"99999999999999999999\" is not a number that fits 64 bits");
        StringAssert.StartsWith(unreadable[1], "/app/dir/: a tar entry of type '5' carries 3 bytes");
    }

    [TestMethod]
    public void Sparse_files_in_a_layer_are_visited_with_their_stored_data()
    {
        var stored = "stored-data";
        var tar = RawTar.Concat(
            RawTar.Pax(("GNU.sparse.major", "1"), ("GNU.sparse.minor", "0"), ("GNU.sparse.name", "var/lib/app.db"), ("GNU.sparse.realsize", "9000"), ("size", (512 + stored.Length).ToString())),
            RawTar.Header("GNUSparseFile.0/app.db", '0', 512 + stored.Length),
            RawTar.Padded(RawTar.Concat(RawTar.Padded(System.Text.Encoding.ASCII.GetBytes("2\n0\n6\n8995\n5\n")), System.Text.Encoding.ASCII.GetBytes(stored))),
            RawTar.End);
        var files = new List<string>();
        LayerReader.ReadFiles(TestImages.Layer(tar), new MemoryStream(tar), f => files.Add(f.Path + "=" + new StreamReader(f.Content).ReadToEnd()));
        CollectionAssert.AreEqual(new[] { "/var/lib/app.db=" + stored }, files);
    }

    [TestMethod]
    public void Reads_zstd_layers()
    {
        var tar = TestImages.Tar(("app/a.json", "{}"), ("etc/b.txt", "x"));
        CollectionAssert.AreEqual(new[] { "/app/a.json", "/etc/b.txt" }, Paths(TestImages.Zstd(tar)));
    }

    [TestMethod]
    public void A_zstd_layers_skippable_frames_are_read_as_files_at_its_root()
    {
        // A decoder passes over them (zstd:chunked keeps its table of contents there), yet they ship in the blob.
        var tar = TestImages.Tar(("app/a.json", "{}"));
        var blob = (byte[])[.. TestImages.Zstd(tar), .. SecretGuard.Fuzzing.SeedInputs.SkippableFrame("GITHUB_TOKEN=hidden\n"u8.ToArray()), .. SecretGuard.Fuzzing.SeedInputs.SkippableFrame(new byte[64])];
        var files = new List<string>();
        LayerReader.ReadFiles(TestImages.Layer(blob), new MemoryStream(blob), f => files.Add(f.Path + "=" + new StreamReader(f.Content).ReadToEnd()), diffId: TestImages.Digest(tar));

        CollectionAssert.AreEqual(new[] { "/app/a.json={}", "/(zstd skippable frame 1)=GITHUB_TOKEN=hidden\n" }, files, "zero padding is not a file");
    }

    [TestMethod]
    public void A_gzip_layer_s_header_fields_are_read_as_files_at_its_root()
    {
        // No runtime unpacks a gzip member's comment, name or extra field, yet they ship in the blob.
        var tar = TestImages.Tar(("app/a.json", "{}"));
        var blob = TestImages.GzipWithComment(tar, "GITHUB_TOKEN=hidden\n"u8.ToArray());
        var files = new List<string>();
        LayerReader.ReadFiles(TestImages.Layer(blob), new MemoryStream(blob), f => files.Add(f.Path + "=" + new StreamReader(f.Content).ReadToEnd()), diffId: TestImages.Digest(tar));

        CollectionAssert.AreEqual(new[] { "/app/a.json={}", "/(gzip member 1 comment)=GITHUB_TOKEN=hidden\n" }, files);
    }

    [TestMethod]
    public void A_layer_s_pax_records_are_read_as_files_beside_their_entry()
    {
        var tar = RawTar.Concat(
            RawTar.Pax(("SCHILY.xattr.user.token", "GITHUB_TOKEN=hidden")),
            RawTar.File("app/a.json", "{}"),
            RawTar.PaxGlobal(("comment", "the end")),
            RawTar.End);
        var files = new List<string>();
        LayerReader.ReadFiles(TestImages.Layer(tar), new MemoryStream(tar), f => files.Add(f.Path + "=" + new StreamReader(f.Content).ReadToEnd()));

        CollectionAssert.AreEqual(new[] { "/app/a.json (PAX records)=SCHILY.xattr.user.token=GITHUB_TOKEN=hidden\n", "/app/a.json={}", "/(PAX records after the last entry)=comment=the end\n" }, files);
    }

    [TestMethod]
    public void Header_fields_past_their_bound_are_reported_not_read()
    {
        var tar = TestImages.Tar(("app/a.json", "{}"));
        var blob = TestImages.GzipWithComment(tar, Encoding.ASCII.GetBytes(new string('c', GzipMembers.MaxHeaderBytes + 5)));
        var unreadable = new List<string>();
        LayerReader.ReadFiles(TestImages.Layer(blob), new MemoryStream(blob), _ => { }, unreadable: (path, reason) => unreadable.Add(path + ": " + reason), diffId: TestImages.Digest(tar));

        CollectionAssert.AreEqual(new[] { "/: " + Messages.GzipHeaderNotRead(5) }, unreadable);
    }

    [TestMethod]
    public void Corrupt_zstd_is_a_corrupt_layer_error()
    {
        var blob = TestImages.Zstd(TestImages.Tar(("app/a.json", new string('x', 5000))));
        var ex = Assert.Throws<ImageReadException>(() => Paths(blob[..(blob.Length / 2)]));
        Assert.AreEqual(ImageReadFailure.CorruptLayer, ex.Failure);
        StringAssert.Contains(ex.Message, "zstd");
    }

    [TestMethod]
    public void Whiteouts_are_reported_not_visited()
    {
        var blob = TestImages.Tar(("app/.wh.secret.env", ""), ("opt/cache/.wh..wh..opq", ""), ("app/kept.txt", "x"));
        var whiteouts = new List<Whiteout>();
        var paths = new List<string>();
        LayerReader.ReadFiles(TestImages.Layer(blob), new MemoryStream(blob), f => paths.Add(f.Path), whiteouts.Add);

        CollectionAssert.AreEqual(new[] { "/app/kept.txt" }, paths);
        CollectionAssert.AreEqual(new[] { new Whiteout("/app/secret.env", false), new Whiteout("/opt/cache", true) }, whiteouts);
    }

    [TestMethod]
    public void A_whiteout_that_carries_data_is_a_whiteout_and_a_file_at_its_own_path()
    {
        // The bytes ship in the pushed layer (and "tar x" gets them back) though a runtime creates no file.
        var blob = TestImages.Tar(("app/.wh.creds.env", "GITHUB_TOKEN=" + TestSecrets.GitHubToken(seed: 61)), ("opt/cache/.wh..wh..opq", "x"), ("app/.wh.empty", ""), ("app/kept.txt", "x"));
        var whiteouts = new List<Whiteout>();
        var paths = new List<string>();
        LayerReader.ReadFiles(TestImages.Layer(blob), new MemoryStream(blob), f => paths.Add(f.Path), whiteouts.Add);

        CollectionAssert.AreEqual(new[] { "/app/.wh.creds.env", "/opt/cache/.wh..wh..opq", "/app/kept.txt" }, paths);
        CollectionAssert.AreEqual(new[] { new Whiteout("/app/creds.env", false), new Whiteout("/opt/cache", true), new Whiteout("/app/empty", false) }, whiteouts);
    }

    [TestMethod]
    public void A_credential_in_a_whiteout_s_data_is_found_at_the_whiteout_s_path()
    {
        var blob = TestImages.Gzip(TestImages.Tar(("app/.wh.creds.env", "GITHUB_TOKEN=" + TestSecrets.GitHubToken(seed: 62) + "\n")));
        var (result, failure) = new SecretGuard.Scanning.LayerScanner(new SecretGuard.Scanning.FileScanner(SecretGuard.Detection.RuleSet.Default)).Scan(TestImages.Layer(blob), new MemoryStream(blob));

        Assert.IsNull(failure);
        var finding = result.Findings.Single();
        Assert.IsFalse(finding.IsNotChecked);
        Assert.AreEqual("/app/.wh.creds.env", ((SecretGuard.Findings.LayerFileLocation)finding.Location).Path);
        CollectionAssert.AreEqual(new[] { new Whiteout("/app/creds.env", false) }, result.Whiteouts.ToList());
    }

    [TestMethod]
    [DataRow(false, DisplayName = "uncompressed")]
    [DataRow(true, DisplayName = "gzip")]
    public void Data_after_the_tar_s_end_of_archive_marker_is_reported_and_zero_padding_is_not(bool gzip)
    {
        var hidden = TestImages.Tar(("app/creds.env", "GITHUB_TOKEN=" + TestSecrets.GitHubToken(seed: 81)));
        var tar = RawTar.Concat(RawTar.File("app/a.txt", "x"), new byte[512], hidden);
        var padded = RawTar.Concat(RawTar.File("app/a.txt", "x"), new byte[10240 - 1024]);
        foreach (var (content, expected) in new[] { (tar, 1), (padded, 0) })
        {
            var blob = gzip ? TestImages.Gzip(content) : content;
            var paths = new List<string>();
            var unreadable = new List<string>();
            LayerReader.ReadFiles(TestImages.Layer(blob), new MemoryStream(blob), f => paths.Add(f.Path), unreadable: (path, reason) => unreadable.Add(path + ": " + reason));

            CollectionAssert.AreEqual(new[] { "/app/a.txt" }, paths);
            Assert.HasCount(expected, unreadable);
            if (expected > 0)
            {
                Assert.AreEqual("/: data after the tar's end-of-archive marker was not read", unreadable[0]);
            }
        }
    }

    [TestMethod]
    public void Whiteout_hides_the_file_or_the_directory_below_it()
    {
        var file = new Whiteout("/app/secret.env", Opaque: false);
        Assert.IsTrue(file.Hides("/app/secret.env"));
        Assert.IsFalse(file.Hides("/app/secret.env.bak"));

        var directory = new Whiteout("/root/.aws", Opaque: false);
        Assert.IsTrue(directory.Hides("/root/.aws/credentials"));
        Assert.IsFalse(directory.Hides("/root/.awsconfig"));

        var opaque = new Whiteout("/opt/cache", Opaque: true);
        Assert.IsTrue(opaque.Hides("/opt/cache/token"));
        Assert.IsFalse(opaque.Hides("/opt/cache"));
    }

    [TestMethod]
    public void Archive_blob_names_are_recognised()
    {
        var hex = new string('a', 64);
        Assert.AreEqual(hex, ArchiveBlobSource.HexOf("blobs/sha256/" + hex));
        Assert.AreEqual(hex, ArchiveBlobSource.HexOf(hex + "/layer.tar"));
        Assert.IsNull(ArchiveBlobSource.HexOf("index.json"));
        Assert.IsNull(ArchiveBlobSource.HexOf("blobs/sha256/short"));
    }

    [TestMethod]
    public void Archive_source_reports_a_missing_blob()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".tar");
        try
        {
            var present = TestImages.Gzip(TestImages.Tar(("app/a.json", "{}")));
            TestImages.WriteOciArchive(path, present);
            var absent = TestImages.Layer(TestImages.Gzip(TestImages.Tar(("app/z.json", "{}"))));
            var ex = Assert.Throws<ImageReadException>(() => new ArchiveBlobSource(path).ReadBlobs([absent], (_, _) => { }));
            Assert.AreEqual(ImageReadFailure.MissingBlob, ex.Failure);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Reads_layers_from_a_gzip_compressed_docker_archive()
    {
        // docker save layout: manifest.json, <hex>/layer.tar; the whole archive may itself be gzip.
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".tar.gz");
        try
        {
            var layer = TestImages.Gzip(TestImages.Tar(("app/appsettings.json", "{}")));
            var descriptor = TestImages.Layer(layer);
            var archive = TestImages.Tar(
                ("manifest.json", System.Text.Encoding.UTF8.GetBytes("[{\"Config\":\"c.json\",\"Layers\":[\"" + descriptor.Hex + "/layer.tar\"]}]")),
                (descriptor.Hex + "/layer.tar", layer));
            File.WriteAllBytes(path, TestImages.Gzip(archive));

            var paths = new List<string>();
            new ArchiveBlobSource(path).ReadBlobs([descriptor], (d, blob) => LayerReader.ReadFiles(d, blob, f => paths.Add(f.Path)));
            CollectionAssert.AreEqual(new[] { "/app/appsettings.json" }, paths);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Unreadable_archive_is_an_error_naming_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".tar");
        File.WriteAllBytes(path, TestImages.Gzip(new byte[] { 1, 2, 3 }));
        try
        {
            var layer = TestImages.Layer([9]);
            var ex = Assert.Throws<ImageReadException>(() => new ArchiveBlobSource(path).ReadBlobs([layer], (_, _) => { }));
            StringAssert.Contains(ex.Message, path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// The first <paramref name="keep"/> bytes of the tar, gzip-compressed and flushed, with no gzip trailer:
    /// a stream that ends cleanly at a flush point, as a layer cut there would.
    /// </summary>
    private static byte[] GzipCutAfterFlush(byte[] tar, int keep)
    {
        using var ms = new MemoryStream();
        var gz = new System.IO.Compression.GZipStream(ms, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true);
        gz.Write(tar, 0, keep);
        gz.Flush();
        return ms.ToArray(); // the compressor is never disposed: no final block, no CRC or size
    }

    private static string Sha256(byte[] data) => TestImages.Digest(data);

    [TestMethod]
    public void Gzip_layer_cut_after_a_flush_point_is_a_corrupt_layer_even_without_its_diff_id()
    {
        // Two files; the blob keeps the first (header and padded data) and ends at a flush point.
        var tar = TestImages.Tar(("app/a.json", new string('x', 5000)), ("app/b.json", "{\"k\":1}"));
        var firstEntry = TestImages.Tar(("app/a.json", new string('x', 5000))).Length - 1024; // without the end-of-archive blocks
        var cut = GzipCutAfterFlush(tar, firstEntry);
        var layer = TestImages.Layer(cut);

        // The blob matches its own digest, and GZipStream decompressed it without a word; the gzip stream
        // ends inside its member (no final block, no trailer), which the member reader tells.
        var paths = new List<string>();
        var ex = Assert.ThrowsExactly<ImageReadException>(() => LayerReader.ReadFiles(layer, new MemoryStream(cut), f => paths.Add(f.Path)));
        Assert.AreEqual(ImageReadFailure.CorruptLayer, ex.Failure);
        StringAssert.Contains(ex.Message, "truncated");
        CollectionAssert.AreEqual(new[] { "/app/a.json" }, paths, "what the layer holds is still read before the failure");
    }

    [TestMethod]
    public void Layer_whose_tar_ends_early_in_a_whole_gzip_stream_is_a_corrupt_layer_when_checked_against_its_diff_id()
    {
        // The tar cut after its first file, then compressed whole: a valid gzip stream of less than the image names.
        var tar = TestImages.Tar(("app/a.json", new string('x', 5000)), ("app/b.json", "{\"k\":1}"));
        var firstEntry = TestImages.Tar(("app/a.json", new string('x', 5000))).Length - 1024; // without the end-of-archive blocks
        var cut = TestImages.Gzip(tar[..firstEntry]);
        var layer = TestImages.Layer(cut);

        // The blob matches its own digest and decompresses without error: only the diff_id tells.
        var paths = new List<string>();
        LayerReader.ReadFiles(layer, new MemoryStream(cut), f => paths.Add(f.Path));
        CollectionAssert.AreEqual(new[] { "/app/a.json" }, paths);

        paths.Clear();
        var ex = Assert.ThrowsExactly<ImageReadException>(() => LayerReader.ReadFiles(layer, new MemoryStream(cut), f => paths.Add(f.Path), diffId: Sha256(tar)));
        Assert.AreEqual(ImageReadFailure.CorruptLayer, ex.Failure);
        StringAssert.Contains(ex.Message, $"layer {layer.Digest} does not hold the content its image config names (diff_id {Sha256(tar)}, read {Sha256(tar[..firstEntry])})");
        CollectionAssert.AreEqual(new[] { "/app/a.json" }, paths, "what the layer holds is still read before the failure");
    }

    [TestMethod]
    public void Data_after_a_gzip_layer_s_last_member_is_reported_and_zero_padding_is_not()
    {
        var tar = TestImages.Tar(("app/a.txt", "x"), ("app/b.txt", "y"));
        var secret = System.Text.Encoding.ASCII.GetBytes("GITHUB_TOKEN=" + TestSecrets.GitHubToken(seed: 82) + "\n");
        var half = 1024; // the first file's header and data: the tar split across two members, as a parallel compressor may write it
        foreach (var (blob, expected) in new[]
        {
            ((byte[])[.. TestImages.Gzip(tar), .. secret], 1),
            ([.. TestImages.Gzip(tar), .. TestImages.Tar(("app/creds.env", secret))], 1),
            ([.. TestImages.Gzip(tar), .. new byte[4096]], 0),
            ([.. TestImages.Gzip(tar[..half]), .. TestImages.Gzip(tar[half..])], 0),
        })
        {
            var paths = new List<string>();
            var unreadable = new List<string>();

            // The digest covers the data after the gzip stream, the diff_id does not: both hold.
            LayerReader.ReadFiles(TestImages.Layer(blob), new MemoryStream(blob), f => paths.Add(f.Path), unreadable: (path, reason) => unreadable.Add(path + ": " + reason), diffId: Sha256(tar));

            CollectionAssert.AreEqual(new[] { "/app/a.txt", "/app/b.txt" }, paths);
            Assert.HasCount(expected, unreadable);
            if (expected > 0)
            {
                Assert.AreEqual("/: data after the gzip stream's last member was not read", unreadable[0]);
            }
        }
    }

    [TestMethod]
    public void Complete_layers_match_their_diff_id_in_every_compression()
    {
        var tar = TestImages.Tar(("app/a.json", new string('x', 5000)), ("app/b.json", "{}"));
        foreach (var blob in new[] { TestImages.Gzip(tar), TestImages.Zstd(tar), tar })
        {
            var paths = new List<string>();
            LayerReader.ReadFiles(TestImages.Layer(blob), new MemoryStream(blob), f => paths.Add(f.Path), diffId: Sha256(tar));
            CollectionAssert.AreEqual(new[] { "/app/a.json", "/app/b.json" }, paths);
        }
    }

    [TestMethod]
    public void Layer_whose_content_differs_from_its_diff_id_is_corrupt_in_every_compression()
    {
        var tar = TestImages.Tar(("app/a.json", "{}"));
        var other = TestImages.Tar(("app/a.json", "[]"));
        foreach (var blob in new[] { TestImages.Gzip(tar), TestImages.Zstd(tar), tar })
        {
            var ex = Assert.ThrowsExactly<ImageReadException>(() => LayerReader.ReadFiles(TestImages.Layer(blob), new MemoryStream(blob), _ => { }, diffId: Sha256(other)));
            Assert.AreEqual(ImageReadFailure.CorruptLayer, ex.Failure);
            StringAssert.Contains(ex.Message, "diff_id " + Sha256(other));
        }
    }

    [TestMethod]
    public void A_diff_id_that_is_not_a_sha256_digest_is_not_compared()
    {
        var blob = TestImages.Gzip(TestImages.Tar(("app/a.json", "{}")));
        foreach (var diffId in new[] { "", "sha512:" + new string('a', 128), "sha256:../../x", "md5:abc" })
        {
            var paths = new List<string>();
            LayerReader.ReadFiles(TestImages.Layer(blob), new MemoryStream(blob), f => paths.Add(f.Path), diffId: diffId);
            CollectionAssert.AreEqual(new[] { "/app/a.json" }, paths, diffId);
        }
    }
}
