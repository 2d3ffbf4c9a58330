using System.Text.Json;
using SecretGuard.EndToEnd.Infrastructure;

namespace SecretGuard.EndToEnd;

/// <summary>
/// The secretguard tool, installed from the folder feed, checking images it did not build: pushed by the
/// SDK to the loopback registry, written as the SDK's tarball, multi-platform indexes, a registry catalog,
/// and images that cannot be read. Every run is the real tool against a real registry.
/// </summary>
[TestClass]
public sealed class SecretGuardToolTests
{
    private static readonly string GitHubToken = Secrets.GitHubToken(seed: 70);
    private static readonly string StripeKey = Secrets.StripeLiveKey(seed: 71);

    /// <summary>A project without the package (nothing stops the publish): what a team without SecretGuard ships.</summary>
    private static SampleProject Unguarded(string name, string body = "") =>
        SampleProject.Create(name, body, directoryBuildProps: "<Project>\n</Project>\n");

    private static SampleProject Leaky(string name)
    {
        var project = Unguarded(name, $"""
              <ItemGroup>
                <ContainerEnvironmentVariable Include="GITHUB_TOKEN" Value="{GitHubToken}" />
                <None Update="appsettings.Production.json" CopyToPublishDirectory="PreserveNewest" />
              </ItemGroup>

            """);
        project.Write("appsettings.Production.json", "{\n  \"Payments\": {\n    \"StripeKey\": \"" + StripeKey + "\"\n  }\n}\n");
        return project;
    }

    private static void AssertNoSecret(ToolOutput output, params string[] files)
    {
        foreach (var text in new[] { output.Text }.Concat(files.Where(File.Exists).Select(File.ReadAllText)))
        {
            Assert.IsFalse(text.Contains(GitHubToken[4..], StringComparison.Ordinal) || text.Contains(StripeKey[8..], StringComparison.Ordinal), "a secret was printed or written:\n" + output);
        }
    }

    private static JsonElement Check(string jsonReport) => JsonDocument.Parse(File.ReadAllText(jsonReport)).RootElement.GetProperty("check");

    [TestMethod]
    public void Leaky_and_clean_images_pushed_by_the_SDK_exit_1_and_0_with_SARIF_and_JSON()
    {
        var leaky = Leaky("ToolLeaky");
        var pushed = leaky.PublishContainer($"-p:ContainerRegistry={TestEnvironment.Registry.Host}", "-p:ContainerImageTag=1");
        Assert.AreEqual(0, pushed.ExitCode, pushed.ToString());
        var clean = Unguarded("ToolClean");
        var pushedClean = clean.PublishContainer($"-p:ContainerRegistry={TestEnvironment.Registry.Host}", "-p:ContainerImageTag=1");
        Assert.AreEqual(0, pushedClean.ExitCode, pushedClean.ToString());

        var sarif = Path.Combine(leaky.Directory, "out", "secretguard.sarif");
        var json = Path.Combine(leaky.Directory, "out", "secretguard.json");
        var image = $"{TestEnvironment.Registry.Host}/toolleaky:1";
        var output = SecretGuardTool.Run("check", image, "--sarif", sarif, "--json", json);

        Assert.AreEqual(1, output.ExitCode, output.ToString());
        AssertNoSecret(output, sarif, json);
        StringAssert.Contains(output.Stdout, "SecretGuard: failed: 2 errors (2 credentials)", output.ToString());
        StringAssert.Contains(output.Stdout, "ENV GITHUB_TOKEN", output.ToString());
        StringAssert.Contains(output.Stdout, "/app/appsettings.Production.json", output.ToString());
        var stripe = output.Stderr.Split('\n').Single(l => l.Contains("SG1005", StringComparison.Ordinal));
        StringAssert.Contains(stripe, "toolleaky:1', /app/appsettings.Production.json line 3 in layer 2.", output.ToString());
        StringAssert.Contains(stripe, "Revoke and rotate it", output.ToString());
        StringAssert.Contains(stripe, "(fingerprint sg1:", output.ToString());

        using (var doc = JsonDocument.Parse(File.ReadAllText(sarif)))
        {
            var results = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
            Assert.HasCount(2, results);
            var file = results.Single(r => r.GetProperty("ruleId").GetString() == "SG1005").GetProperty("locations")[0];
            var artifact = file.GetProperty("physicalLocation").GetProperty("artifactLocation");
            Assert.AreEqual(("app/appsettings.Production.json", "IMAGEROOT"), (artifact.GetProperty("uri").GetString(), artifact.GetProperty("uriBaseId").GetString()));
            Assert.AreEqual(image, file.GetProperty("logicalLocations")[0].GetProperty("name").GetString());
            Assert.AreEqual("layer 2", file.GetProperty("logicalLocations")[1].GetProperty("name").GetString());
        }

        var validation = Shell.Run("bash", Path.Combine(TestEnvironment.RepositoryRoot, "scripts", "validate-sarif.sh"), sarif);
        Assert.AreEqual(0, validation.ExitCode, validation.Text);
        StringAssert.Contains(validation.Text, "schema: 0 error(s)");

        var report = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.AreEqual(2, report.GetProperty("findings").GetArrayLength());
        Assert.IsTrue(report.GetProperty("findings").EnumerateArray().All(f => f.GetProperty("image").GetString() == image));

        var cleanRun = SecretGuardTool.Run("check", $"{TestEnvironment.Registry.Host}/toolclean:1");
        Assert.AreEqual(0, cleanRun.ExitCode, cleanRun.ToString());
        StringAssert.StartsWith(cleanRun.Stdout.Trim(), "SecretGuard: passed, no credentials; checked 1 image", cleanRun.ToString());

        // --fail-on never reports but passes; a suppression with a reason accepts the finding.
        Assert.AreEqual(0, SecretGuardTool.Run("check", image, "--fail-on", "never").ExitCode);
        var accepted = SecretGuardTool.Run("check", image, "--suppress", "SG1004=rotated, image retired", "--suppress", "SG1005:/app/*.json=test key");
        Assert.AreEqual(0, accepted.ExitCode, accepted.ToString());
        StringAssert.Contains(accepted.Stdout, "2 accepted", accepted.ToString());
    }

    [TestMethod]
    public void A_baseline_the_package_wrote_for_the_SDK_tarball_accepts_the_same_findings()
    {
        var token = Secrets.GitHubToken(seed: 72);
        var project = SampleProject.Create("ToolBaseline", $"""
              <ItemGroup>
                <ContainerEnvironmentVariable Include="DB_PASSWORD" Value="Sup3rS3cret!2024" />
                <ContainerLabel Include="ci.token" Value="{token}" />
              </ItemGroup>

            """);
        var archive = project.PathOf("image.tar.gz");
        var update = project.PublishContainer($"-p:ContainerArchiveOutputPath={archive}", "-p:SecretGuardUpdateBaseline=true");
        Assert.AreEqual(0, update.ExitCode, update.ToString());
        Assert.IsTrue(File.Exists(archive), update.ToString());

        var without = SecretGuardTool.Run("check", archive);
        Assert.AreEqual(1, without.ExitCode, without.ToString());
        StringAssert.Contains(without.Stdout, "LABEL ci.token", without.ToString());
        StringAssert.Contains(without.Stdout, "ENV DB_PASSWORD", without.ToString());

        var with = SecretGuardTool.Run("check", archive, "--baseline", project.PathOf("secretguard.baseline.json"));
        Assert.AreEqual(0, with.ExitCode, with.ToString());
        StringAssert.StartsWith(with.Stdout.Trim(), "SecretGuard: passed, no credentials, 2 accepted; checked 1 image", with.ToString());
        Assert.IsFalse(with.Text.Contains(token[4..], StringComparison.Ordinal), with.ToString());
    }

    [TestMethod]
    public void A_base_image_a_publish_checked_is_read_from_its_layer_cache()
    {
        // The tool and the package may load different builds of the core (the tool its net8.0 one; the package
        // on the .NET 10 SDK on linux-x64 its precompiled net10.0 one): the cache is shared only if every build
        // of one version names the scanner the same way.
        var cache = Path.Combine(TestEnvironment.Root, "tool-shared-cache");
        var project = SampleProject.Create("ToolSharedCache");
        var publish = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}", $"-p:SecretGuardCacheDirectory={cache}");
        Assert.AreEqual(0, publish.ExitCode, publish.ToString());

        var check = SecretGuardTool.Run("check", TestEnvironment.BaseImage, "--cache-dir", cache, "-v");
        Assert.AreEqual(0, check.ExitCode, check.ToString());
        StringAssert.Contains(check.Stderr, "layers: 1 in the images, 1 distinct, 0 read, 1 from the cache", check.ToString());
    }

    [TestMethod]
    public void Every_platform_of_an_index_is_checked_and_a_shared_layer_is_read_once()
    {
        var json = Path.Combine(TestEnvironment.Root, "tool-multi.json");
        var all = SecretGuardTool.Run("check", TestEnvironment.MultiPlatformBaseImage, "--no-cache", "--json", json);
        Assert.AreEqual(1, all.ExitCode, all.ToString());
        StringAssert.Contains(all.Stdout, "(linux/arm64)", all.ToString());
        StringAssert.Contains(all.Stdout, "/root/.git-credentials", all.ToString());
        var check = Check(json);
        Assert.AreEqual(2, check.GetProperty("images").GetArrayLength());
        Assert.AreEqual(4, check.GetProperty("layerReferences").GetInt32());
        Assert.AreEqual(3, check.GetProperty("layersRead").GetInt32(), "the layer both platforms share is read once");

        var amd64 = SecretGuardTool.Run("check", TestEnvironment.MultiPlatformBaseImage, "--platform", "linux/amd64", "--no-cache");
        Assert.AreEqual(0, amd64.ExitCode, amd64.ToString());
    }

    [TestMethod]
    public void A_file_a_later_layer_deletes_is_still_reported_with_the_layer_that_deletes_it()
    {
        var output = SecretGuardTool.Run("check", TestEnvironment.LayeredLeakyBaseImage, "--no-cache");
        Assert.AreEqual(1, output.ExitCode, output.ToString());
        var aws = output.Stderr.Split('\n').First(l => l.Contains("/root/.aws/credentials", StringComparison.Ordinal));
        StringAssert.Contains(aws, "deleted in layer 3", output.ToString());
        StringAssert.Contains(output.Stderr, "/opt/tools/plugin.zip", output.ToString());
    }

    [TestMethod]
    public void A_catalog_of_images_sharing_a_base_reads_each_layer_once_and_shards_split_it()
    {
        var registry = TestEnvironment.Registry;
        var prefix = "fleet" + Guid.NewGuid().ToString("N")[..6];
        var shared = Layer.Gzip(Layer.Tar(("etc/os-release", "ID=fleet\n"u8.ToArray()), ("usr/lib/base.txt", new byte[4096])));
        var runtime = Layer.Gzip(Layer.Tar(("usr/share/dotnet/runtime.txt", "runtime\n"u8.ToArray())));
        for (var i = 0; i < 4; i++)
        {
            var app = Layer.Gzip(Layer.Tar(($"app/app{i}.txt", System.Text.Encoding.UTF8.GetBytes($"app {i}\n"))));
            registry.PushImage($"{prefix}/app{i}", "1", [shared, runtime, app], ["PATH=/usr/bin"]);
        }

        registry.PushImage($"{prefix}/app0", "2", [shared, runtime, Layer.Gzip(Layer.Tar(("app/v2.txt", "v2\n"u8.ToArray())))], ["PATH=/usr/bin"]);

        var json = Path.Combine(TestEnvironment.Root, prefix + ".json");
        var output = SecretGuardTool.Run("check", "--catalog", registry.Host, "--repository", prefix + "/*", "--no-cache", "--json", json, "-v", "--progress");
        Assert.AreEqual(0, output.ExitCode, output.ToString());
        StringAssert.Contains(output.Stderr, "secretguard: layers 7/7", "--progress on a log: a line per layer read\n" + output);
        var check = Check(json);
        Assert.AreEqual(5, check.GetProperty("images").GetArrayLength(), output.ToString());
        Assert.AreEqual(15, check.GetProperty("layerReferences").GetInt32());
        Assert.AreEqual(7, check.GetProperty("distinctLayers").GetInt32());
        Assert.AreEqual(7, check.GetProperty("layersRead").GetInt32(), "the base and runtime layers are read once for all five images");

        // --all-tags: every tag of one repository, through the registry's tag list.
        var tags = SecretGuardTool.Run("check", "--all-tags", $"{registry.Host}/{prefix}/app0", "--no-cache", "--json", json);
        Assert.AreEqual(0, tags.ExitCode, tags.ToString());
        CollectionAssert.AreEquivalent(
            new[] { $"{registry.Host}/{prefix}/app0:1", $"{registry.Host}/{prefix}/app0:2" },
            Check(json).GetProperty("images").EnumerateArray().Select(e => e.GetString()).ToList());

        // The layer cache (the MSBuild package's folder and keys) makes a second run read nothing.
        var cache = Path.Combine(TestEnvironment.Root, prefix + "-cache");
        Assert.AreEqual(0, SecretGuardTool.Run("check", "--catalog", registry.Host, "--repository", prefix + "/*", "--cache-dir", cache).ExitCode);
        var again = SecretGuardTool.Run("check", "--catalog", registry.Host, "--repository", prefix + "/*", "--cache-dir", cache, "--json", json);
        Assert.AreEqual(0, again.ExitCode, again.ToString());
        Assert.AreEqual(0, Check(json).GetProperty("layersRead").GetInt32(), again.ToString());
        Assert.AreEqual(7, Check(json).GetProperty("layersFromCache").GetInt32(), again.ToString());

        // Three shards: every image in exactly one, the same split every time.
        var shards = Enumerable.Range(1, 3).Select(k =>
        {
            var shardJson = Path.Combine(TestEnvironment.Root, $"{prefix}-shard{k}.json");
            var run = SecretGuardTool.Run("check", "--catalog", registry.Host, "--repository", prefix + "/*", "--shard", $"{k}/3", "--cache-dir", cache, "--json", shardJson);
            Assert.AreEqual(0, run.ExitCode, run.ToString());
            return Check(shardJson).GetProperty("images").EnumerateArray().Select(e => e.GetString()!).ToList();
        }).ToList();
        CollectionAssert.AreEquivalent(
            check.GetProperty("images").EnumerateArray().Select(e => e.GetString()!).ToList(),
            shards.SelectMany(s => s).ToList());
    }

    [TestMethod]
    public void Unreachable_unauthorized_and_corrupt_images_exit_2_naming_the_cause()
    {
        var unreachable = SecretGuardTool.Run("check", "127.0.0.1:1/app:1");
        Assert.AreEqual(2, unreachable.ExitCode, unreachable.ToString());
        StringAssert.Contains(unreachable.Stderr, "SG0011", unreachable.ToString());
        StringAssert.Contains(unreachable.Stderr, "Connection refused", unreachable.ToString());
        StringAssert.Contains(unreachable.Stdout, "the image could not be verified", unreachable.ToString());

        // A real registry that wants a login: 401, and the message says where credentials come from.
        var root = Path.Combine(TestEnvironment.Root, "auth-registry");
        Directory.CreateDirectory(root);
        var hash = Shell.Run("perl", "-e", "print crypt($ARGV[0], q($2b$05$) . $ARGV[1])", "sg-e2e-" + Secrets.Random(8, seed: 73), Secrets.Random(22, "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", seed: 74)).Text.Trim();
        File.WriteAllText(Path.Combine(root, "htpasswd"), $"ci:{hash}\n");
        using (var locked = LocalRegistry.Start(Path.Combine(root, "registry"), $"auth:\n  htpasswd:\n    realm: sg-e2e\n    path: {Path.Combine(root, "htpasswd")}\n"))
        {
            var denied = SecretGuardTool.Run(new Dictionary<string, string> { ["DOCKER_CONFIG"] = Path.Combine(root, "no-docker-config") }, "check", $"{locked.Host}/app:1");
            Assert.AreEqual(2, denied.ExitCode, denied.ToString());
            StringAssert.Contains(denied.Stderr, "SG0011", denied.ToString());
            StringAssert.Contains(denied.Stderr, "(401)", denied.ToString());
            StringAssert.Contains(denied.Stderr, "docker login", denied.ToString());
        }

        // A layer whose bytes are not a compressed tar (its digest is right, so the registry takes it).
        var corruptRepository = "corrupt" + Guid.NewGuid().ToString("N")[..6];
        TestEnvironment.Registry.PushImage(corruptRepository, "1", [new Layer("\u001f\u008bnot gzip at all"u8.ToArray(), [], "application/vnd.oci.image.layer.v1.tar+gzip")], ["PATH=/usr/bin"]);
        var corrupt = SecretGuardTool.Run("check", $"{TestEnvironment.Registry.Host}/{corruptRepository}:1", "--no-cache");
        Assert.AreEqual(2, corrupt.ExitCode, corrupt.ToString());
        StringAssert.Contains(corrupt.Stderr, "SG0003", corrupt.ToString());
        StringAssert.Contains(corrupt.Stderr, "layer 1", corrupt.ToString());

        // An archive that is not one.
        var garbage = Path.Combine(TestEnvironment.Root, "garbage.tar");
        File.WriteAllBytes(garbage, new byte[3000]);
        var unreadable = SecretGuardTool.Run("check", garbage);
        Assert.AreEqual(2, unreadable.ExitCode, unreadable.ToString());
        StringAssert.Contains(unreadable.Stderr, "SG0001", unreadable.ToString());

        // A usage error is 64.
        Assert.AreEqual(64, SecretGuardTool.Run("check", "--shard", "4/3", "x.example.com/app:1").ExitCode);
    }
}
