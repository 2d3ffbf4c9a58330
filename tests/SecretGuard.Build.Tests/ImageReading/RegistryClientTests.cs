using System.Net;
using System.Text;
using SecretGuard.ImageReading;
using SecretGuard.ImageReading.Registry;

namespace SecretGuard.Tests.ImageReading;

[TestClass]
public sealed class RegistryClientTests
{
    private const string Registry = "registry.example.test";

    /// <summary>Answers requests with a function, recording them (the e2e tests use a real registry).</summary>
    private sealed class ScriptedHandler(Func<HttpRequestMessage, int, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            var response = answer(request, Requests.Count);
            if (response.StatusCode == (HttpStatusCode)599)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            }

            return response;
        }
    }

    private static HttpResponseMessage Json(string body, string mediaType = "application/vnd.oci.image.manifest.v1+json") =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    private static HttpResponseMessage Status(int status, string? challenge = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent("") };
        if (challenge is not null)
        {
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", challenge);
        }

        return response;
    }

    private static RegistryCredentials Credentials(Dictionary<string, string>? env = null, string? home = null) =>
        new(name => env is not null && env.TryGetValue(name, out var v) ? v : null, home ?? Path.Combine(Path.GetTempPath(), "sg-nohome-" + Guid.NewGuid().ToString("N")));

    private static readonly RegistryClientOptions Fast = new() { FirstRetryDelay = TimeSpan.FromMilliseconds(1), Timeout = TimeSpan.FromSeconds(5) };

    private const string Manifest = "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:c\",\"size\":2},\"layers\":[]}";

    [TestMethod]
    public void Bearer_challenge_gets_a_token_with_the_pull_credentials_from_the_environment()
    {
        var handler = new ScriptedHandler((request, _) => request.RequestUri!.Host switch
        {
            "auth.example.test" => request.Headers.Authorization?.Parameter == Convert.ToBase64String(Encoding.UTF8.GetBytes("ci:pw-from-env"))
                ? Json("{\"token\":\"tok123\"}", "application/json")
                : Status(401),
            _ => request.Headers.Authorization?.ToString() == "Bearer tok123"
                ? Json(Manifest)
                : Status(401, "Bearer realm=\"https://auth.example.test/token\",service=\"registry.example.test\",scope=\"repository:team/base:pull\""),
        });
        var env = new Dictionary<string, string> { ["DOTNET_CONTAINER_PULL_REGISTRY_UNAME"] = "ci", ["DOTNET_CONTAINER_PULL_REGISTRY_PWORD"] = "pw-from-env" };
        using var client = new RegistryClient(Registry, Credentials(env), Fast, handler);

        var (_, body) = client.GetManifest("team/base", "1.0");

        Assert.AreEqual(Manifest, Encoding.UTF8.GetString(body));
        var tokenRequest = handler.Requests.Single(r => r.RequestUri!.Host == "auth.example.test");
        StringAssert.Contains(tokenRequest.RequestUri!.Query, "scope=repository%3Ateam%2Fbase%3Apull");
        StringAssert.Contains(tokenRequest.RequestUri!.Query, "service=registry.example.test");
        Assert.AreEqual("https", handler.Requests[0].RequestUri!.Scheme, "a remote registry is HTTPS");
    }

    [TestMethod]
    public void Basic_challenge_uses_the_docker_config_auth_entry()
    {
        var home = Path.Combine(Path.GetTempPath(), "sg-home-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(home, ".docker"));
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("robot:from-config"));
        File.WriteAllText(Path.Combine(home, ".docker", "config.json"), "{\"auths\":{\"https://" + Registry + "\":{\"auth\":\"" + auth + "\"}}}");
        try
        {
            var handler = new ScriptedHandler((request, _) => request.Headers.Authorization?.ToString() == "Basic " + auth ? Json(Manifest) : Status(401, "Basic realm=\"registry\""));
            using var client = new RegistryClient(Registry, Credentials(home: home), Fast, handler);
            client.GetManifest("team/base", "1.0");
            Assert.HasCount(2, handler.Requests);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [TestMethod]
    public void Unauthorized_without_credentials_says_how_to_log_in()
    {
        var handler = new ScriptedHandler((_, _) => Status(401, "Basic realm=\"registry\""));
        using var client = new RegistryClient(Registry, Credentials(), Fast, handler);

        var ex = Assert.Throws<ImageReadException>(() => client.GetManifest("team/base", "1.0"));

        Assert.AreEqual(ImageReadFailure.Registry, ex.Failure);
        StringAssert.Contains(ex.Message, "(401)");
        StringAssert.Contains(ex.Message, "docker login " + Registry);
        StringAssert.Contains(ex.Message, "DOTNET_CONTAINER_PULL_REGISTRY_UNAME");
    }

    [TestMethod]
    public void Rejected_credentials_name_where_they_came_from_but_not_the_secret()
    {
        var handler = new ScriptedHandler((_, _) => Status(401, "Basic realm=\"registry\""));
        var env = new Dictionary<string, string> { ["DOTNET_CONTAINER_REGISTRY_UNAME"] = "ci", ["DOTNET_CONTAINER_REGISTRY_PWORD"] = "hunter2-secret" };
        using var client = new RegistryClient(Registry, Credentials(env), Fast, handler);

        var ex = Assert.Throws<ImageReadException>(() => client.GetManifest("team/base", "1.0"));

        StringAssert.Contains(ex.Message, "DOTNET_CONTAINER_REGISTRY_UNAME");
        Assert.IsFalse(ex.Message.Contains("hunter2", StringComparison.Ordinal));
    }

    [TestMethod]
    public void Missing_image_is_a_404_error_naming_it()
    {
        var handler = new ScriptedHandler((_, _) => Status(404));
        using var client = new RegistryClient(Registry, Credentials(), Fast, handler);
        var ex = Assert.Throws<ImageReadException>(() => client.GetManifest("team/base", "9.9"));
        StringAssert.Contains(ex.Message, $"the image {Registry}/team/base:9.9 was not found in registry {Registry} (404)");
        Assert.HasCount(1, handler.Requests, "a 404 is not retried");
    }

    [TestMethod]
    public void Transient_failures_are_retried_a_bounded_number_of_times()
    {
        var flaky = new ScriptedHandler((_, n) => n < 3 ? Status(503) : Json(Manifest));
        using (var client = new RegistryClient(Registry, Credentials(), Fast, flaky))
        {
            client.GetManifest("team/base", "1.0");
            Assert.HasCount(3, flaky.Requests);
        }

        var down = new ScriptedHandler((_, _) => Status(502));
        using (var client = new RegistryClient(Registry, Credentials(), Fast, down))
        {
            var ex = Assert.Throws<ImageReadException>(() => client.GetManifest("team/base", "1.0"));
            StringAssert.Contains(ex.Message, "failed 3 times");
            StringAssert.Contains(ex.Message, "502");
            Assert.HasCount(3, down.Requests);
        }
    }

    [TestMethod]
    public void A_registry_that_does_not_answer_times_out()
    {
        var handler = new ScriptedHandler((_, _) => Status(599));
        var options = Fast with { Timeout = TimeSpan.FromMilliseconds(100), Attempts = 2 };
        using var client = new RegistryClient(Registry, Credentials(), options, handler);
        var ex = Assert.Throws<ImageReadException>(() => client.GetManifest("team/base", "1.0"));
        StringAssert.Contains(ex.Message, "did not answer within");
        Assert.HasCount(2, handler.Requests);
    }

    [TestMethod]
    public void Unreachable_registry_is_a_clear_error()
    {
        // Nothing listens on port 9 of loopback: connection refused, retried, then reported.
        using var client = new RegistryClient("127.0.0.1:9", Credentials(), Fast);
        var ex = Assert.Throws<ImageReadException>(() => client.GetManifest("team/base", "1.0"));
        StringAssert.Contains(ex.Message, "registry 127.0.0.1:9 failed 3 times");
    }

    [TestMethod]
    public void Manifest_that_does_not_match_the_requested_digest_is_rejected()
    {
        var handler = new ScriptedHandler((_, _) => Json(Manifest));
        using var client = new RegistryClient(Registry, Credentials(), Fast, handler);
        var ex = Assert.Throws<ImageReadException>(() => client.GetManifest("team/base", "sha256:" + new string('0', 64)));
        StringAssert.Contains(ex.Message, "does not match that digest");
    }

    [TestMethod]
    [DoNotParallelize] // changes PATH for the helper
    public void Credential_helper_is_asked_for_the_registry()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("the helper is a shell script");
            return;
        }

        var dir = Path.Combine(Path.GetTempPath(), "sg-helper-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, ".docker"));
        var helper = Path.Combine(dir, "docker-credential-sgtest");
        File.WriteAllText(helper, "#!/bin/sh\nread reg\n[ \"$reg\" = \"" + Registry + "\" ] || exit 1\necho '{\"ServerURL\":\"'$reg'\",\"Username\":\"helper-user\",\"Secret\":\"helper-secret\"}'\n");
        File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(dir, ".docker", "config.json"), "{\"credHelpers\":{\"" + Registry + "\":\"sgtest\"}}");
        var path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", dir + ":" + path);
        try
        {
            var credential = Credentials(home: dir).Find(Registry);
            Assert.AreEqual(new RegistryCredential("helper-user", "helper-secret"), credential);
            Assert.IsFalse(credential!.ToString().Contains("helper-secret", StringComparison.Ordinal));
            Assert.IsNull(Credentials(home: dir).Find("other.example.test"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void Challenge_parameters_keep_commas_inside_quotes()
    {
        var p = RegistryClient.ParseChallenge("realm=\"https://a/token\",service=\"svc\",scope=\"repository:x:pull,push\"");
        Assert.IsNotNull(p);
        Assert.AreEqual("https://a/token", p["realm"]);
        Assert.AreEqual("repository:x:pull,push", p["scope"]);
    }

    [TestMethod]
    public void Image_references_resolve_like_docker()
    {
        Assert.AreEqual(new ImageReference("registry-1.docker.io", "library/ubuntu", "22.04"), ImageReference.Parse("ubuntu:22.04"));
        Assert.AreEqual(new ImageReference("registry-1.docker.io", "bitnami/redis", "latest"), ImageReference.Parse("docker.io/bitnami/redis"));
        Assert.AreEqual(new ImageReference("localhost:5000", "team/base", "1"), ImageReference.Parse("localhost:5000/team/base:1"));
        var digest = "sha256:" + new string('a', 64);
        Assert.AreEqual(new ImageReference("mcr.microsoft.com", "dotnet/aspnet", digest), ImageReference.Parse("mcr.microsoft.com/dotnet/aspnet:10.0@" + digest));
        Assert.AreEqual(new ImageReference("mcr.microsoft.com", "dotnet/aspnet", "10.0"), ImageReference.FromParts("mcr.microsoft.com", "dotnet/aspnet", "10.0", ""));
    }

    [TestMethod]
    public void Runtime_identifiers_map_to_platforms()
    {
        Assert.AreEqual(new Platform("linux", "amd64"), Platform.FromRuntimeIdentifier("linux-x64"));
        Assert.AreEqual(new Platform("linux", "amd64"), Platform.FromRuntimeIdentifier("linux-musl-x64"));
        Assert.AreEqual(new Platform("linux", "arm", "v7"), Platform.FromRuntimeIdentifier("linux-arm"));
        Assert.IsTrue(Platform.FromRuntimeIdentifier("linux-arm64").IsServedBy(new Platform("linux", "arm64", "v8")));
        Assert.IsFalse(Platform.FromRuntimeIdentifier("linux-arm64").IsServedBy(new Platform("linux", "amd64")));
        Assert.IsFalse(Platform.FromRuntimeIdentifier("linux-arm").IsServedBy(new Platform("linux", "arm", "v6")));
    }

    [TestMethod]
    public void Image_index_resolves_each_platform_once()
    {
        var amdConfig = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"A=1\"]}}";
        var armConfig = "{\"architecture\":\"arm64\",\"os\":\"linux\",\"config\":{\"Env\":[\"A=2\"]}}";
        string Digest(string s) => TestImages.Digest(Encoding.UTF8.GetBytes(s));
        string ManifestFor(string config) => "{\"schemaVersion\":2,\"config\":{\"digest\":\"" + Digest(config) + "\",\"size\":" + config.Length + "},\"layers\":[]}";
        var amd = ManifestFor(amdConfig);
        var arm = ManifestFor(armConfig);
        var index = "{\"schemaVersion\":2,\"manifests\":["
            + "{\"digest\":\"" + Digest(amd) + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}},"
            + "{\"digest\":\"" + Digest(arm) + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}},"
            + "{\"digest\":\"sha256:attestation\",\"platform\":{\"os\":\"unknown\",\"architecture\":\"unknown\"}}]}";
        var byPath = new Dictionary<string, (string Body, string Type)>
        {
            ["/v2/dotnet/aspnet/manifests/10.0"] = (index, "application/vnd.oci.image.index.v1+json"),
            ["/v2/dotnet/aspnet/manifests/" + Digest(amd)] = (amd, "application/vnd.oci.image.manifest.v1+json"),
            ["/v2/dotnet/aspnet/manifests/" + Digest(arm)] = (arm, "application/vnd.oci.image.manifest.v1+json"),
            ["/v2/dotnet/aspnet/blobs/" + Digest(amdConfig)] = (amdConfig, "application/octet-stream"),
            ["/v2/dotnet/aspnet/blobs/" + Digest(armConfig)] = (armConfig, "application/octet-stream"),
        };
        var handler = new ScriptedHandler((request, _) => byPath.TryGetValue(request.RequestUri!.AbsolutePath, out var r) ? Json(r.Body, r.Type) : Status(404));
        using var client = new RegistryClient(Registry, Credentials(), Fast, handler);
        var source = new RegistryImageSource(client, []);
        var image = new ImageReference(Registry, "dotnet/aspnet", "10.0");

        var images = source.Resolve(image, [Platform.FromRuntimeIdentifier("linux-x64"), Platform.FromRuntimeIdentifier("linux-arm64"), Platform.FromRuntimeIdentifier("linux-musl-x64")]);

        Assert.HasCount(2, images);
        CollectionAssert.AreEquivalent(new[] { "A=1", "A=2" }, images.SelectMany(i => i.Config.Env).ToList());
        var ex = Assert.Throws<ImageReadException>(() => source.Resolve(image, [Platform.FromRuntimeIdentifier("linux-s390x")]));
        StringAssert.Contains(ex.Message, "has no image for linux/s390x (it has linux/amd64, linux/arm64/v8)");
    }
}
