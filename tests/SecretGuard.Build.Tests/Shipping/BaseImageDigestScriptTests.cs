using SecretGuard.Tests.ImageReading;

namespace SecretGuard.Tests.Shipping;

/// <summary>
/// scripts/base-image-digest.sh, which docs/ci.md and every CI recipe use for the layer cache's key, against
/// a registry on loopback: it prints the Docker-Content-Digest the registry serves for a tag, asking for an
/// index or a manifest; it follows a Bearer challenge to an anonymous pull token, as MCR, Docker Hub and
/// GHCR ask; it sends REGISTRY_AUTH for a private registry; it prints a pinned digest without asking; and
/// it fails (never prints an empty key) when the registry does not serve the image.
/// </summary>
[TestClass]
public sealed class BaseImageDigestScriptTests
{
    private const string Digest = "sha256:3d0f6b30aa5be8d0c5a7c5a1f4c7a1e0b9e3f2a4d6c8b0a2e4f6a8c0e2b4d6f8";

    private static readonly string Script = Path.Combine(TestPaths.RepositoryRoot(), "scripts", "base-image-digest.sh");

    private static ToolProcess.Result Run(string image, string? auth = null) =>
        ToolProcess.Run("bash", [Script, image], TestPaths.RepositoryRoot(), TimeSpan.FromMinutes(1), new Dictionary<string, string?> { ["REGISTRY_AUTH"] = auth });

    private static Task Manifest(Stream stream, CancellationToken cancel) =>
        MisbehavingServer.RespondAsync(stream, 200, "", cancel, "application/vnd.oci.image.index.v1+json", $"Docker-Content-Digest: {Digest}");

    [TestMethod]
    public void Prints_the_digest_a_registry_serves_for_a_tag_asking_for_an_index_or_a_manifest()
    {
        using var server = new MisbehavingServer((request, stream, cancel) => request.Method == "HEAD" && request.Path == "/v2/team/aspnet/manifests/10.0"
            ? Manifest(stream, cancel)
            : MisbehavingServer.RespondAsync(stream, 404, "", cancel));

        var result = Run($"{server.Authority}/team/aspnet:10.0");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual(Digest, result.Output.Trim(), result.ToString());
        // One Accept header per media type (the test server keeps the last): an index is asked for, so a
        // multi-platform base gets the digest of its index, the one a pin by digest names.
        Assert.IsTrue(server.Requests.First().Headers.ContainsKey("accept"));
        StringAssert.Contains(File.ReadAllText(Script), "-H 'Accept: application/vnd.oci.image.index.v1+json' -H 'Accept: application/vnd.docker.distribution.manifest.list.v2+json'");
    }

    [TestMethod]
    public void Follows_a_bearer_challenge_to_an_anonymous_pull_token()
    {
        MisbehavingServer? self = null;
        using var server = new MisbehavingServer((request, stream, cancel) =>
        {
            if (request.Path == "/token")
            {
                return request.Target.Contains("scope=repository%3Adotnet%2Faspnet%3Apull", StringComparison.OrdinalIgnoreCase) && request.Target.Contains("service=test-registry", StringComparison.Ordinal)
                    ? MisbehavingServer.RespondAsync(stream, 200, """{"token": "anonymous-pull-token", "expires_in": 300}""", cancel, "application/json")
                    : MisbehavingServer.RespondAsync(stream, 400, "", cancel);
            }

            return request.Headers.TryGetValue("authorization", out var auth) && auth == "Bearer anonymous-pull-token"
                ? Manifest(stream, cancel)
                : MisbehavingServer.RespondAsync(stream, 401, "", cancel, null,
                    $"WWW-Authenticate: Bearer realm=\"http://{self!.Authority}/token\",service=\"test-registry\",scope=\"repository:dotnet/aspnet:pull\"");
        });
        self = server;

        var result = Run($"{server.Authority}/dotnet/aspnet:10.0");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual(Digest, result.Output.Trim(), result.ToString());
    }

    [TestMethod]
    public void Sends_REGISTRY_AUTH_to_a_private_registry()
    {
        using var server = new MisbehavingServer((request, stream, cancel) =>
            request.Headers.TryGetValue("authorization", out var auth) && auth == "Basic dXNlcjpwYXNz"
                ? Manifest(stream, cancel)
                : MisbehavingServer.RespondAsync(stream, 401, "", cancel));

        var result = Run($"{server.Authority}/private/base:1", auth: "Basic dXNlcjpwYXNz");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual(Digest, result.Output.Trim(), result.ToString());
    }

    [TestMethod]
    public void A_pinned_digest_is_printed_without_asking_the_registry()
    {
        var result = Run($"127.0.0.1:9/dotnet/aspnet:10.0@{Digest}");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual(Digest, result.Output.Trim(), result.ToString());
    }

    [TestMethod]
    public void An_image_the_registry_does_not_serve_fails_rather_than_printing_an_empty_key()
    {
        using var server = new MisbehavingServer((_, stream, cancel) => MisbehavingServer.RespondAsync(stream, 404, "", cancel));

        var result = Run($"{server.Authority}/team/missing:1");

        Assert.AreNotEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "cannot read", result.ToString());
        Assert.DoesNotContain("sha256:", result.Output, result.ToString());
    }
}
