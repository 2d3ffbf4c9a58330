namespace SecretGuard.EndToEnd.Infrastructure;

/// <summary>
/// Set up once per test run: the package packed into a folder feed under a unique version, an
/// isolated NuGet packages folder, a real registry seeded with base images, and podman storage.
/// </summary>
[TestClass]
public static class TestEnvironment
{
    public static string Root { get; private set; } = "";

    public static string Feed { get; private set; } = "";

    public static string PackageVersion { get; private set; } = "";

    public static LocalRegistry Registry { get; private set; } = null!;

    /// <summary>A small clean base image.</summary>
    public static string BaseImage => $"{Registry.Host}/sg-base:1";

    /// <summary>A base image whose Env and history carry credentials.</summary>
    public static string LeakyBaseImage => $"{Registry.Host}/sg-leaky-base:1";

    public static Dictionary<string, string> Environment { get; } = new();

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    [AssemblyInitialize]
    public static void Initialize(TestContext _)
    {
        Root = Path.Combine(Path.GetTempPath(), "sg-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);
        PackageVersion = "0.0.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss");

        Environment["NUGET_PACKAGES"] = Path.Combine(Root, "packages");
        Environment["CONTAINERS_STORAGE_CONF"] = WritePodmanStorage();

        var pack = DotNet.Run(RepositoryRoot, Environment, "pack", Path.Combine(RepositoryRoot, "src", "SecretGuard.Build"), "-c", "Release", "-o", Feed,
            $"-p:SecretGuardVersion={PackageVersion}", "-nodeReuse:false", "-tl:off");
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + pack.Text);
        }

        Registry = LocalRegistry.Start(Path.Combine(Root, "registry"));
        Registry.PushImage("sg-base", "1", new Dictionary<string, string> { ["etc/os-release"] = "ID=sgtest\n" }, ["PATH=/usr/local/bin:/usr/bin:/bin"]);
        Registry.PushImage(
            "sg-leaky-base",
            "1",
            new Dictionary<string, string> { ["etc/os-release"] = "ID=sgtest\n" },
            ["PATH=/usr/bin:/bin", "NPM_TOKEN=" + Secrets.GitHubToken(seed: 40)],
            ["ADD rootfs /", "RUN git clone https://ci:" + Secrets.Random(20, seed: 41) + "@git.internal.corp/app.git /src"]);
    }

    [AssemblyCleanup]
    public static void Cleanup()
    {
        Registry?.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // podman's vfs storage may hold root-owned read-only files; the temp folder is cleaned by the OS.
        }
    }

    private static string WritePodmanStorage()
    {
        var dir = Path.Combine(Root, "podman");
        Directory.CreateDirectory(dir);
        var conf = Path.Combine(dir, "storage.conf");
        File.WriteAllText(conf, $"[storage]\ndriver = \"vfs\"\nrunroot = \"{Path.Combine(dir, "run")}\"\ngraphroot = \"{Path.Combine(dir, "graph")}\"\n");
        return conf;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecretGuard.Build.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SecretGuard.Build.sln not found above " + AppContext.BaseDirectory);
    }
}
