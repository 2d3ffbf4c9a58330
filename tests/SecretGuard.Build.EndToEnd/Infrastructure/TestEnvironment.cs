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

    /// <summary>
    /// Three layers: an AWS credentials file (gzip), a zstd layer holding a zip with an .npmrc, and a
    /// layer that deletes the credentials file with a whiteout (still recoverable from layer 1).
    /// </summary>
    public static string LayeredLeakyBaseImage => $"{Registry.Host}/sg-layered-base:1";

    /// <summary>An image index (linux/amd64 + linux/arm64) sharing one layer; only the arm64 image leaks.</summary>
    public static string MultiPlatformBaseImage => $"{Registry.Host}/sg-multi-base:1";

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

        // SecretGuard's layer cache and the SDK's content store, away from the user's own.
        Environment["XDG_CACHE_HOME"] = Path.Combine(Root, "cache");
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
        SeedLayeredBaseImages();
    }

    private static byte[] Utf8(string s) => System.Text.Encoding.UTF8.GetBytes(s);

    private static void SeedLayeredBaseImages()
    {
        var awsCredentials = "[default]\naws_access_key_id = " + Secrets.AwsKeyId() + "\naws_secret_access_key = " + Secrets.AwsSecret() + "\n";
        var plugin = Layer.Zip(("config/.npmrc", Utf8("//npm.mirror.shopfloor.net/:_authToken=" + Secrets.NpmToken(seed: 42) + "\n")), ("README.md", Utf8("plugin\n")));
        Registry.PushImage(
            "sg-layered-base",
            "1",
            [
                Layer.Gzip(Layer.Tar(
                    ("etc/os-release", Utf8("ID=sgtest\n")),
                    ("root/.aws/credentials", Utf8(awsCredentials)),
                    // Documentation examples: the URL is not reported, the key is a warning.
                    ("usr/share/doc/libpq5/examples/connect.html", Utf8("<pre>postgres://app:Wq9vX2mZ7pLr@db.internal:5432/orders</pre>\n")),
                    ("usr/share/doc/openssl/examples/server.key", Utf8(Secrets.PemPrivateKey())),
                    // A system library keeping self-test keys among its strings (as libgnutls does): one warning.
                    ("usr/lib/x86_64-linux-gnu/libselftest.so.30", [0x7F, .. "ELF"u8, 2, 1, 1, 0, .. new byte[56], .. Utf8(Secrets.PemPrivateKey()), 0, 0, .. Utf8(Secrets.PemPrivateKey()), 0]),
                    // Library code: an unquoted value in a source file is an expression, not reported.
                    ("usr/lib/python3/dist-packages/tool/auth.py", Utf8("        self.token = self.token.next_token_v2\n")))),
                Layer.Zstd(Layer.Tar(("opt/tools/plugin.zip", plugin))),
                Layer.Gzip(Layer.Tar(("root/.wh..aws", []))),
            ],
            ["PATH=/usr/bin:/bin"],
            ["ADD rootfs /", "COPY plugin.zip /opt/tools/", "RUN rm -rf /root/.aws"]);

        var shared = Layer.Gzip(Layer.Tar(("etc/os-release", Utf8("ID=sgtest\n"))));
        var amd = Registry.PushImage("sg-multi-base", "amd64", [shared, Layer.Gzip(Layer.Tar(("usr/lib/platform.txt", Utf8("amd64\n"))))], ["PATH=/usr/bin:/bin"]);
        var arm = Registry.PushImage(
            "sg-multi-base",
            "arm64",
            [shared, Layer.Gzip(Layer.Tar(("root/.git-credentials", Utf8("https://ci:" + Secrets.GitHubToken(seed: 43) + "@github.com\n"))))],
            ["PATH=/usr/bin:/bin"],
            architecture: "arm64");
        Registry.PushIndex("sg-multi-base", "1", (amd.Digest, amd.Size, "amd64"), (arm.Digest, arm.Size, "arm64"));
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
