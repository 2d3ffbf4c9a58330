using SecretGuard.ImageReading;

namespace SecretGuard.Tests.ImageReading;

/// <summary>Manifest and config parsing is bounded and names what is wrong with hostile values.</summary>
[TestClass]
public sealed class ImageJsonParsingTests
{
    private static readonly string ConfigDigest = "sha256:" + new string('c', 64);
    private static readonly string LayerDigest = "sha256:" + new string('1', 64);

    private static string Manifest(string layer) =>
        "{\"schemaVersion\":2,\"config\":{\"digest\":\"" + ConfigDigest + "\",\"size\":2},\"layers\":[" + layer + "]}";

    private static string Unreadable(Action parse)
    {
        var ex = Assert.Throws<ImageReadException>(parse);
        Assert.AreEqual(ImageReadFailure.Unreadable, ex.Failure);
        return ex.Message;
    }

    [TestMethod]
    public void A_valid_manifest_parses()
    {
        var manifest = ImageManifest.Parse(Manifest("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + LayerDigest + "\",\"size\":10}"));
        Assert.AreEqual(new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", LayerDigest, 10), manifest.Layers.Single());
        Assert.AreEqual(-1, ImageManifest.Parse(Manifest("{\"digest\":\"" + LayerDigest + "\"}")).Layers.Single().Size, "a missing size is unknown");
    }

    [TestMethod]
    [DataRow("-1", "has the size -1, which is not a whole number of bytes")]
    [DataRow("1.5", "has the size 1.5")]
    [DataRow("1e300", "has the size 1e300")]
    [DataRow("99999999999999999999999", "has the size 99999999999999999999999")]
    [DataRow("\"10\"", "has the size \"10\"")]
    public void Hostile_sizes_are_named(string size, string expected)
    {
        StringAssert.Contains(Unreadable(() => ImageManifest.Parse(Manifest("{\"digest\":\"" + LayerDigest + "\",\"size\":" + size + "}"))), expected);
    }

    [TestMethod]
    [DataRow("\"sha256:../../x\"", "has the digest 'sha256:../../x'")]
    [DataRow("\"sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709\"", "which is not sha256: or sha512: with lower-case hex")]
    [DataRow("7", "has no digest")]
    [DataRow("null", "has no digest")]
    public void Hostile_digests_are_named(string digest, string expected)
    {
        StringAssert.Contains(Unreadable(() => ImageManifest.Parse(Manifest("{\"digest\":" + digest + ",\"size\":1}"))), expected);
    }

    [TestMethod]
    public void Wrong_shapes_are_named_not_thrown()
    {
        StringAssert.Contains(Unreadable(() => ImageManifest.Parse("[1,2]")), "is not a JSON object");
        StringAssert.Contains(Unreadable(() => ImageManifest.Parse("{\"config\":[],\"layers\":[]}")), "has no config descriptor");
        StringAssert.Contains(Unreadable(() => ImageManifest.Parse("{\"config\":{\"digest\":\"" + ConfigDigest + "\"},\"layers\":{}}")), "has no layers array");
        StringAssert.Contains(Unreadable(() => ImageManifest.Parse(Manifest("\"x\""))), "the layer 1 descriptor of the image manifest is not an object");
        StringAssert.Contains(Unreadable(() => ImageManifest.Parse("{\"manifests\":[]}")), "found an image index");
        StringAssert.Contains(Unreadable(() => ImageManifest.Parse("{\"schemaVersion\":1}")), "Docker schema 1");
        StringAssert.Contains(Unreadable(() => ImageManifest.Parse("{")), "is not valid JSON");
    }

    [TestMethod]
    public void Deep_and_huge_documents_are_refused_within_bounds()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        StringAssert.Contains(Unreadable(() => ImageManifest.Parse(deep)), "is not valid JSON");
        StringAssert.Contains(Unreadable(() => ImageConfig.Parse("{\"config\":" + deep + "}")), "is not valid JSON");
        StringAssert.Contains(Unreadable(() => ImageManifest.Parse(new string(' ', ImageManifest.MaxJsonChars + 1))), "more than the 4 MB a manifest may be");
        StringAssert.Contains(Unreadable(() => ImageConfig.Parse(new string(' ', ImageConfig.MaxJsonChars + 1))), "more than the 8 MB a config may be");
        var layers = string.Join(",", Enumerable.Repeat("{\"digest\":\"" + LayerDigest + "\",\"size\":1}", ImageManifest.MaxLayers + 1));
        StringAssert.Contains(Unreadable(() => ImageManifest.Parse(Manifest(layers))), "lists 1001 layers");
    }

    [TestMethod]
    public void A_config_with_odd_values_keeps_what_it_can()
    {
        var config = ImageConfig.Parse("{\"config\":{\"Env\":[\"A=1\",{\"B\":2},true],\"Cmd\":\"not-an-array\",\"Labels\":{\"x\":7}},\"history\":[1,{\"created_by\":5}]}");
        CollectionAssert.AreEqual(new[] { "A=1", "{\"B\":2}", "true" }, config.Env.ToList());
        Assert.IsEmpty(config.Cmd);
        Assert.AreEqual("7", config.Labels.Single().Value);
        Assert.HasCount(2, config.History);
        StringAssert.Contains(Unreadable(() => ImageConfig.Parse("\"text\"")), "is not a JSON object");
    }
}
