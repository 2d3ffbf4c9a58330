using SecretGuard.ImageReading;

namespace SecretGuard.Tests.ImageReading;

/// <summary>Hostile image archives and content stores give clear errors, and a blob is never read past its size.</summary>
[TestClass]
public sealed class BlobSourceFaultTests
{
    private static string TempPath(string extension) => Path.Combine(Path.GetTempPath(), "sg-blobs-" + Guid.NewGuid().ToString("N") + extension);

    [TestMethod]
    [DataRow("../blobs/sha256/")]
    [DataRow("blobs/../../blobs/sha256/")]
    [DataRow("..\\blobs\\sha256\\")]
    public void An_archive_entry_that_climbs_out_is_named(string prefix)
    {
        var layer = TestImages.Gzip(TestImages.Tar(("app/a.json", "{}")));
        var descriptor = TestImages.Layer(layer);
        var path = TempPath(".tar");
        File.WriteAllBytes(path, TestImages.Tar((prefix + descriptor.Hex, layer)));
        try
        {
            var ex = Assert.Throws<ImageReadException>(() => new ArchiveBlobSource(path).ReadBlobs([descriptor], (_, _) => Assert.Fail("not visited")));
            Assert.AreEqual(ImageReadFailure.Unreadable, ex.Failure);
            StringAssert.Contains(ex.Message, "which climbs out of the archive with '..'");
            StringAssert.Contains(ex.Message, path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void An_archive_blob_of_another_size_than_its_descriptor_is_not_read()
    {
        var layer = TestImages.Gzip(TestImages.Tar(("app/a.json", "{}")));
        var descriptor = TestImages.Layer(layer) with { Size = 10 };
        var path = TempPath(".tar");
        TestImages.WriteOciArchive(path, layer);
        try
        {
            var ex = Assert.Throws<ImageReadException>(() => new ArchiveBlobSource(path).ReadBlobs([descriptor], (_, _) => Assert.Fail("not visited")));
            Assert.AreEqual(ImageReadFailure.CorruptLayer, ex.Failure);
            StringAssert.Contains(ex.Message, $"is {layer.Length} bytes, but the image manifest says it is 10 bytes");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void A_failure_of_the_layer_reader_is_not_blamed_on_the_archive()
    {
        var layer = TestImages.Gzip(TestImages.Tar(("app/a.json", "{}")));
        var path = TempPath(".tar");
        TestImages.WriteOciArchive(path, layer);
        try
        {
            Assert.Throws<InvalidDataException>(() => new ArchiveBlobSource(path).ReadBlobs([TestImages.Layer(layer)], (_, _) => throw new InvalidDataException("the visitor's own")));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void A_truncated_content_store_blob_is_not_taken_for_the_layer()
    {
        var layer = TestImages.Gzip(TestImages.Tar(("app/a.json", "{}")));
        var descriptor = TestImages.Layer(layer);
        var dir = TempPath("");
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllBytes(Path.Combine(dir, descriptor.Hex + ".tar.gz"), layer[..(layer.Length / 2)]);
            var store = new ContentStoreBlobSource([dir]);

            Assert.IsFalse(store.Contains(descriptor), "an interrupted download is fetched again from the registry");
            var ex = Assert.Throws<ImageReadException>(() => store.ReadBlobs([descriptor], (_, _) => Assert.Fail("not visited")));
            Assert.AreEqual(ImageReadFailure.MissingBlob, ex.Failure);
            StringAssert.Contains(ex.Message, $"is {layer.Length / 2} bytes, but the image manifest says the layer is {layer.Length} bytes");

            File.WriteAllBytes(Path.Combine(dir, descriptor.Hex + ".tar.gz"), layer);
            Assert.IsTrue(store.Contains(descriptor));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void A_hostile_digest_never_becomes_a_content_store_path()
    {
        var root = TempPath("");
        var store = Path.Combine(root, "store");
        Directory.CreateDirectory(store);
        File.WriteAllText(Path.Combine(root, "escaped.tar.gz"), "outside the store");
        try
        {
            var hostile = new Descriptor("", "sha256:../escaped", -1);
            var source = new ContentStoreBlobSource([store]);
            Assert.IsFalse(source.Contains(hostile));
            var ex = Assert.Throws<ImageReadException>(() => source.ReadBlobs([hostile], (_, _) => Assert.Fail("not visited")));
            StringAssert.Contains(ex.Message, "is not one a blob can be named by");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
