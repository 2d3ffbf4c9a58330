using System.Security.Cryptography;
using System.Text;
using SecretGuard.ImageReading;
using SecretGuard.ImageReading.Registry;

namespace SecretGuard.Tests.ImageReading;

/// <summary>Hostile manifests, indexes and configs from a registry: each a Registry failure (SG0011) naming the cause.</summary>
[TestClass]
public sealed class RegistryImageSourceFaultTests
{
    private const string Repository = "team/base";
    private const string IndexType = "application/vnd.oci.image.index.v1+json";
    private const string ManifestType = "application/vnd.oci.image.manifest.v1+json";

    [ClassInitialize]
    public static void EnoughThreads(TestContext _) => RegistryFaultTests.EnsureThreads();

    private static string Sha256(string text) => "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    /// <summary>A registry serving fixed documents by path (the tag is "1.0"), 404 for anything else.</summary>
    private static MisbehavingServer Serve(Dictionary<string, (string ContentType, string Body)> documents) =>
        new((request, stream, cancel) => documents.TryGetValue(request.Path, out var d)
            ? MisbehavingServer.RespondAsync(stream, 200, d.Body, cancel, d.ContentType)
            : MisbehavingServer.RespondAsync(stream, 404, "", cancel));

    private static ImageReadException Resolve(MisbehavingServer server, params Platform[] platforms)
    {
        using var client = new RegistryClient(server.Authority, RegistryFaultTests.NoCredentials(), RegistryFaultTests.Fast);
        var source = new RegistryImageSource(client, []);
        return RegistryFaultTests.FailsQuickly(() => source.Resolve(new ImageReference(server.Authority, Repository, "1.0"), platforms.Length == 0 ? [new Platform("linux", "amd64")] : platforms));
    }

    private static ImageReadException ResolveManifest(string manifest, string contentType = ManifestType, Dictionary<string, (string, string)>? more = null)
    {
        var documents = new Dictionary<string, (string, string)>(more ?? []) { [$"/v2/{Repository}/manifests/1.0"] = (contentType, manifest) };
        using var server = Serve(documents);
        return Resolve(server);
    }

    private static string Manifest(string configDigest, long configSize, string layers = "[]", string configType = "application/vnd.oci.image.config.v1+json") =>
        "{\"schemaVersion\":2,\"mediaType\":\"" + ManifestType + "\",\"config\":{\"mediaType\":\"" + configType + "\",\"digest\":\"" + configDigest + "\",\"size\":" + configSize + "},\"layers\":" + layers + "}";

    [TestMethod]
    public void An_index_without_the_platform_lists_a_bounded_number_of_those_it_has()
    {
        var entries = Enumerable.Range(0, 30).Select(i => "{\"digest\":\"sha256:" + new string('a', 64) + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"arch" + i + "\"}}");
        var index = "{\"schemaVersion\":2,\"manifests\":[" + string.Join(",", entries) + "]}";

        var ex = ResolveManifest(index, IndexType);

        StringAssert.Contains(ex.Message, "has no image for linux/amd64 (it has linux/arch0, linux/arch1,");
        StringAssert.Contains(ex.Message, "linux/arch9 and 20 more)");
        Assert.DoesNotContain("arch10", ex.Message);
    }

    [TestMethod]
    public void An_index_with_only_attestations_says_it_has_no_platforms()
    {
        var index = "{\"manifests\":[{\"digest\":\"sha256:" + new string('b', 64) + "\",\"platform\":{\"os\":\"unknown\",\"architecture\":\"unknown\"}}]}";
        var ex = ResolveManifest(index, IndexType);
        StringAssert.Contains(ex.Message, "(it has no platforms at all)");
    }

    [TestMethod]
    public void An_index_platform_with_control_characters_and_huge_names_is_shown_cleaned()
    {
        var index = "{\"manifests\":[{\"digest\":\"sha256:" + new string('c', 64) + "\",\"platform\":{\"os\":\"li\\u0007nux\",\"architecture\":\"" + new string('x', 10_000) + "\"}}]}";
        var ex = ResolveManifest(index, IndexType);
        Assert.DoesNotContain("\u0007", ex.Message);
        Assert.IsLessThan(500, ex.Message.Length, ex.Message);
    }

    [TestMethod]
    [DataRow("sha256:../../../../etc/passwd")]
    [DataRow("sha256:abc")]
    [DataRow("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [DataRow("sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void An_index_entry_whose_digest_is_not_sha256_hex_is_refused(string digest)
    {
        var index = "{\"manifests\":[{\"digest\":\"" + digest + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}";
        var ex = ResolveManifest(index, IndexType);
        StringAssert.Contains(ex.Message, "the entry for linux/amd64 has the digest");
        StringAssert.Contains(ex.Message, "which is not sha256: or sha512: with lower-case hex");
    }

    [TestMethod]
    public void A_manifest_of_an_unknown_media_type_is_named()
    {
        var ex = ResolveManifest("{\"schemaVersion\":2}", "application/vnd.oci.artifact.manifest.v1+json");
        StringAssert.Contains(ex.Message, "of media type 'application/vnd.oci.artifact.manifest.v1+json', which is not an image manifest or index");
    }

    [TestMethod]
    public void A_manifest_declaring_an_unknown_media_type_in_its_body_is_named()
    {
        var ex = ResolveManifest("{\"schemaVersion\":2,\"mediaType\":\"application/x-custom\"}", "application/json");
        StringAssert.Contains(ex.Message, "of media type 'application/x-custom'");
    }

    [TestMethod]
    public void A_schema_1_manifest_says_the_format_is_not_read()
    {
        var ex = ResolveManifest("{\"schemaVersion\":1,\"fsLayers\":[]}", "application/vnd.docker.distribution.manifest.v1+prettyjws");
        StringAssert.Contains(ex.Message, "a Docker schema 1 manifest");
    }

    [TestMethod]
    public void A_manifest_that_is_not_JSON_is_named()
    {
        var ex = ResolveManifest("<html>gateway</html>", "text/html");
        StringAssert.Contains(ex.Message, "which is not an image manifest or index");
        var ex2 = ResolveManifest("<html>gateway</html>", "");
        StringAssert.Contains(ex2.Message, "that is not JSON");
    }

    [TestMethod]
    public void A_manifest_or_index_with_strings_that_are_not_UTF_8_is_named()
    {
        // Found by the manifest fuzz target: GetString threw InvalidOperationException on bytes that are not UTF-8.
        static byte[] WithBadByte(string json) => Encoding.UTF8.GetBytes(json).Select(b => b == (byte)'~' ? (byte)0xC0 : b).ToArray();
        foreach (var (type, json) in new[]
        {
            ("application/json", "{\"mediaType\":\"applic~ation\"}"),
            (IndexType, "{\"manifests\":[{\"digest\":\"sha~256\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}"),
            (IndexType, "{\"manifests\":[{\"digest\":\"x\",\"platform\":{\"os\":\"lin~ux\",\"architecture\":\"amd64\"}}]}"),
            ("application/json", "{\"mediaType\":\"\\ud800\"}"),
        })
        {
            var body = WithBadByte(json);
            using var server = new MisbehavingServer((_, stream, cancel) => MisbehavingServer.RespondAsync(stream, 200, body, cancel, type));
            var ex = Resolve(server);
            StringAssert.Contains(ex.Message, "with a string that is not valid UTF-8", json);
        }
    }

    [TestMethod]
    public void A_manifest_nested_100k_deep_is_refused_without_recursion()
    {
        var ex = ResolveManifest(new string('[', 100_000) + new string(']', 100_000), "application/json");
        StringAssert.Contains(ex.Message, "that is not JSON");
    }

    [TestMethod]
    public void A_manifest_whose_layer_size_is_negative_is_refused()
    {
        var ex = ResolveManifest(Manifest("sha256:" + new string('d', 64), 2, "[{\"digest\":\"sha256:" + new string('e', 64) + "\",\"size\":-5}]"));
        StringAssert.Contains(ex.Message, "the layer 1 descriptor (sha256:eeee");
        StringAssert.Contains(ex.Message, "has the size -5, which is not a whole number of bytes");
    }

    [TestMethod]
    public void A_manifest_with_an_absurd_layer_count_is_refused()
    {
        var layers = "[" + string.Join(",", Enumerable.Repeat("{\"digest\":\"sha256:" + new string('e', 64) + "\",\"size\":1}", 5000)) + "]";
        var ex = ResolveManifest(Manifest("sha256:" + new string('d', 64), 2, layers));
        StringAssert.Contains(ex.Message, "lists 5000 layers, more than the 1000 an image can have");
    }

    [TestMethod]
    public void A_manifest_whose_layer_digest_climbs_out_is_refused()
    {
        var ex = ResolveManifest(Manifest("sha256:" + new string('d', 64), 2, "[{\"digest\":\"sha256:../../../etc/shadow\",\"size\":1}]"));
        StringAssert.Contains(ex.Message, "has the digest 'sha256:../../../etc/shadow', which is not sha256: or sha512: with lower-case hex");
    }

    [TestMethod]
    public void A_manifest_of_an_artifact_that_is_not_an_image_is_named()
    {
        var ex = ResolveManifest(Manifest("sha256:" + new string('d', 64), 2, configType: "application/vnd.cncf.helm.config.v1+json"));
        StringAssert.Contains(ex.Message, "is not of a container image: its config has media type 'application/vnd.cncf.helm.config.v1+json'");
    }

    [TestMethod]
    public void A_50_MB_config_is_refused_by_its_descriptor_or_as_it_arrives()
    {
        var ex = ResolveManifest(Manifest("sha256:" + new string('d', 64), 50L << 20));
        StringAssert.Contains(ex.Message, "is 52428800 bytes by its descriptor, more than the 8 MB read for it");

        // The descriptor says nothing of the size; the registry sends on and on.
        var digest = "sha256:" + new string('d', 64);
        var manifest = "{\"schemaVersion\":2,\"config\":{\"digest\":\"" + digest + "\"},\"layers\":[]}";
        using var server = new MisbehavingServer(async (request, stream, cancel) =>
        {
            if (request.Path.Contains("/manifests/", StringComparison.Ordinal))
            {
                await MisbehavingServer.RespondAsync(stream, 200, manifest, cancel, ManifestType);
                return;
            }

            await MisbehavingServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", cancel);
            var chunk = new byte[64 * 1024];
            for (var i = 0; i < 800; i++)
            {
                await stream.WriteAsync(chunk, cancel);
            }
        });
        var ex2 = Resolve(server);
        StringAssert.Contains(ex2.Message, $"blob {digest} from registry {server.Authority} is larger than 8 MB");
    }

    [TestMethod]
    public void A_config_nested_100k_deep_is_refused_without_recursion()
    {
        var config = "{\"config\":" + new string('[', 100_000) + new string(']', 100_000) + "}";
        var ex = ResolveManifest(Manifest(Sha256(config), config.Length), more: new() { [$"/v2/{Repository}/blobs/{Sha256(config)}"] = ("application/octet-stream", config) });
        StringAssert.Contains(ex.Message, "sent an unusable image for");
        StringAssert.Contains(ex.Message, "the image config is not valid JSON");
    }

    [TestMethod]
    public void A_config_that_does_not_match_its_digest_is_refused()
    {
        var config = "{\"config\":{}}";
        var digest = "sha256:" + new string('f', 64);
        var ex = ResolveManifest(Manifest(digest, config.Length), more: new() { [$"/v2/{Repository}/blobs/{digest}"] = ("application/octet-stream", config) });
        StringAssert.Contains(ex.Message, $"blob {digest} from ");
        StringAssert.Contains(ex.Message, "does not match its digest");
    }

    [TestMethod]
    public void An_index_pointing_at_another_index_is_named()
    {
        var inner = "{\"schemaVersion\":2,\"mediaType\":\"" + IndexType + "\",\"manifests\":[]}";
        var outer = "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"" + Sha256(inner) + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}";
        var ex = ResolveManifest(outer, IndexType, new() { [$"/v2/{Repository}/manifests/{Sha256(inner)}"] = (IndexType, inner) });
        StringAssert.Contains(ex.Message, "points at another index");
    }

    [TestMethod]
    public void A_well_formed_image_still_resolves()
    {
        var config = "{\"config\":{\"Env\":[\"A=1\",5,null]}}";
        var layer = "sha256:" + new string('1', 64);
        var documents = new Dictionary<string, (string, string)>
        {
            [$"/v2/{Repository}/manifests/1.0"] = ("application/vnd.docker.distribution.manifest.v2+json", Manifest(Sha256(config), config.Length, "[{\"digest\":\"" + layer + "\",\"size\":10}]")),
            [$"/v2/{Repository}/blobs/{Sha256(config)}"] = ("application/octet-stream", config),
        };
        using var server = Serve(documents);
        using var client = new RegistryClient(server.Authority, RegistryFaultTests.NoCredentials(), RegistryFaultTests.Fast);

        var image = new RegistryImageSource(client, []).Resolve(new ImageReference(server.Authority, Repository, "1.0"), [new Platform("linux", "amd64")]).Single();

        Assert.AreEqual(layer, image.Manifest.Layers.Single().Digest);
        CollectionAssert.AreEqual(new[] { "A=1", "5", "" }, image.Config.Env.ToList());
    }
}
