using SecretGuard.EndToEnd.Infrastructure;

namespace SecretGuard.EndToEnd;

/// <summary>
/// Docker Engine, the SDK's default local destination: the gate runs before `docker load`, so a leaking
/// image never reaches the engine, and a clean one is loaded. The engine is the tests' own, on a private socket.
/// </summary>
[TestClass]
public sealed class DockerEngineTests
{
    private static DockerEngine? _engine;

    private static DockerEngine Engine => _engine ?? throw new InvalidOperationException("dockerd was not started");

    [ClassInitialize]
    public static void StartEngine(TestContext _) => _engine = DockerEngine.Start(Path.Combine(TestEnvironment.Root, "docker"));

    [ClassCleanup]
    public static void StopEngine() => _engine?.Dispose();

    private static BuildOutput Publish(SampleProject project) =>
        DotNet.Run(project.Directory, Engine.Environment,
            "publish", project.ProjectFile, "-c", "Release", "/t:PublishContainer", "-nodeReuse:false", "-tl:off", "-p:UseAppHost=false", "-p:LocalRegistry=Docker");

    [TestMethod]
    public void Leaky_app_is_stopped_before_it_is_loaded_into_docker_and_the_clean_one_is_loaded()
    {
        var token = Secrets.GitHubToken(seed: 60);
        var project = SampleProject.Create("DockerApp", $"  <ItemGroup>\n    <ContainerEnvironmentVariable Include=\"GITHUB_TOKEN\" Value=\"{token}\" />\n  </ItemGroup>\n");
        var output = Publish(project);

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        var error = output.Errors("SG1004").Single();
        Assert.AreEqual((project.ProjectFile, project.LineOf("DockerApp.csproj", "GITHUB_TOKEN")), (Path.GetFullPath(error.File), error.Line), output.ToString());
        Assert.IsFalse(output.Text.Contains("via 'docker'", StringComparison.Ordinal), "the SDK did not load the image:\n" + output);
        Assert.IsFalse(Engine.Images().Any(i => i.StartsWith("dockerapp:", StringComparison.Ordinal)), "the leaking image must not be in docker images");
        Assert.IsFalse(output.Text.Contains(token[4..], StringComparison.Ordinal), "a secret was printed");

        // The same project without the leak is loaded: the gate is what kept it out.
        File.WriteAllText(project.ProjectFile, File.ReadAllText(project.ProjectFile).Replace(token, "${GITHUB_TOKEN}", StringComparison.Ordinal));
        var clean = Publish(project);
        Assert.AreEqual(0, clean.ExitCode, clean.ToString());
        StringAssert.Contains(clean.Text, "via 'docker'", "the SDK loads a clean image into the engine");
        CollectionAssert.Contains(Engine.Images().ToList(), "dockerapp:latest", clean.ToString());
    }
}
