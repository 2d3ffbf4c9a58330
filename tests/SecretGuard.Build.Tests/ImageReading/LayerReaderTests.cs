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
        var other = TestImages.Layer(TestImages.Gzip(TestImages.Tar(("app/other.json", "{}"))));
        var ex = Assert.Throws<ImageReadException>(() => LayerReader.ReadFiles(other, new MemoryStream(blob), _ => { }));
        Assert.AreEqual(ImageReadFailure.CorruptLayer, ex.Failure);
        StringAssert.Contains(ex.Message, "does not match its digest");
    }

    [TestMethod]
    public void Reads_zstd_layers()
    {
        var tar = TestImages.Tar(("app/a.json", "{}"), ("etc/b.txt", "x"));
        CollectionAssert.AreEqual(new[] { "/app/a.json", "/etc/b.txt" }, Paths(TestImages.Zstd(tar)));
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
}
