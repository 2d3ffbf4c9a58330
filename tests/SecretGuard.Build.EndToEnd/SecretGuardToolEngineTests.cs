using SecretGuard.EndToEnd.Infrastructure;

namespace SecretGuard.EndToEnd;

/// <summary>
/// The secretguard tool reading images of the local engines through their own export: a Docker Engine
/// image built from a FROM scratch Dockerfile (offline), and an image the SDK loaded into podman.
/// </summary>
[TestClass]
public sealed class SecretGuardToolEngineTests
{
    private static DockerEngine? _engine;

    private static DockerEngine Engine => _engine ?? throw new InvalidOperationException("dockerd was not started");

    [ClassInitialize]
    public static void StartEngine(TestContext _) => _engine = DockerEngine.Start(Path.Combine(TestEnvironment.Root, "docker-tool"));

    [ClassCleanup]
    public static void StopEngine() => _engine?.Dispose();

    [TestMethod]
    public void A_Dockerfile_image_with_a_token_in_ARG_and_ENV_and_a_deleted_key_fails_through_docker_save()
    {
        var token = Secrets.GitHubToken(seed: 75);
        var context = Path.Combine(TestEnvironment.Root, "dockerfile-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(Path.Combine(context, "keys"));
        Directory.CreateDirectory(Path.Combine(context, "wipe"));
        File.WriteAllText(Path.Combine(context, "keys", "deploy.pem"), Secrets.PemPrivateKey());
        // A whiteout in the build context becomes a whiteout in the layer: the later layer deletes the key.
        File.WriteAllText(Path.Combine(context, "wipe", ".wh.deploy.pem"), "");
        File.WriteAllText(Path.Combine(context, "Dockerfile"), $"""
            FROM scratch
            ARG NPM_TOKEN={Secrets.NpmToken(seed: 76)}
            ENV GITHUB_TOKEN={token}
            COPY keys/ /keys/
            COPY wipe/ /keys/
            """);
        var build = Engine.DockerWith(new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "0" }, "build", "-t", "tool-leaky:1", context);
        Assert.AreEqual(0, build.ExitCode, build.Text);

        var output = SecretGuardTool.Run(new Dictionary<string, string> { ["DOCKER_HOST"] = Engine.Host }, "check", "docker:tool-leaky:1", "--no-cache");

        Assert.AreEqual(1, output.ExitCode, output.ToString());
        Assert.IsFalse(output.Text.Contains(token[4..], StringComparison.Ordinal), "a secret was printed:\n" + output);
        StringAssert.Contains(output.Stdout, "ENV GITHUB_TOKEN", output.ToString());
        StringAssert.Contains(output.Stderr, "history step", "the ARG and ENV values are in the build history:\n" + output);
        var key = output.Stderr.Split('\n').Single(l => l.Contains("/keys/deploy.pem", StringComparison.Ordinal));
        StringAssert.Contains(key, "deleted in layer 2 but still recoverable", output.ToString());

        var missing = SecretGuardTool.Run(new Dictionary<string, string> { ["DOCKER_HOST"] = Engine.Host }, "check", "docker:no-such-image:1");
        Assert.AreEqual(2, missing.ExitCode, missing.ToString());
        StringAssert.Contains(missing.Stderr, "docker save no-such-image:1", missing.ToString());
    }

    [TestMethod]
    public void An_image_the_SDK_loaded_into_podman_is_read_through_podman_save()
    {
        var token = Secrets.GitHubToken(seed: 77);
        var project = SampleProject.Create("ToolPodman", $"""
              <ItemGroup>
                <ContainerEnvironmentVariable Include="GITHUB_TOKEN" Value="{token}" />
              </ItemGroup>

            """, directoryBuildProps: "<Project>\n</Project>\n");
        var load = project.PublishContainer("-p:LocalRegistry=Podman");
        Assert.AreEqual(0, load.ExitCode, load.ToString());

        var output = SecretGuardTool.Run("check", "podman:localhost/toolpodman:latest", "--no-cache");
        Assert.AreEqual(1, output.ExitCode, output.ToString());
        StringAssert.Contains(output.Stdout, "ENV GITHUB_TOKEN", output.ToString());
        Assert.IsFalse(output.Text.Contains(token[4..], StringComparison.Ordinal), "a secret was printed:\n" + output);
    }
}
