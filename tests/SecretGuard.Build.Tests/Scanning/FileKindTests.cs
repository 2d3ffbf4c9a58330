using SecretGuard.ImageReading;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Scanning;

/// <summary>How a file's place and kind change what is reported: source code, example files, system binaries.</summary>
[TestClass]
public sealed class FileKindTests
{
    private static List<Finding> Scan(string path, byte[] content) =>
        new FileScanner(RuleSet.Default).Scan(path, content.Length, new MemoryStream(content), 0, "sha256:x").Findings.ToList();

    private static List<Finding> Scan(string path, string content) => Scan(path, Encoding.UTF8.GetBytes(content));

    [TestMethod]
    [DataRow("/usr/lib/python3/dist-packages/tool/auth.py")]
    [DataRow("/app/wwwroot/js/site.js")]
    [DataRow("/opt/app/src/Main.java")]
    [DataRow("/app/node_modules/axios/dist/axios.min.js.map")]
    [DataRow("/app/node_modules/@scope/lib/dist/index.cjs")]
    public void Unquoted_values_in_source_files_are_expressions(string path)
    {
        Assert.IsEmpty(Scan(path, "secret_token = settings.secret_token_v2\n"));
        Assert.AreEqual("SG1010", Scan(path, "secret_token = \"Zq8vL2xW9kR4mN7pT3sY\"\n").Single().RuleId);
    }

    [TestMethod]
    public void The_same_unquoted_value_in_a_config_file_is_a_credential()
    {
        Assert.AreEqual("SG1010", Scan("/app/.env", "SECRET_TOKEN=settings.secret_token_v2\n").Single().RuleId);
    }

    [TestMethod]
    [DataRow("/app/.env.example")]
    [DataRow("/app/config.sample.yml")]
    [DataRow("/opt/jdk/conf/management/jmxremote.password.template")]
    [DataRow("/usr/lib/python3/dist-packages/PyJWT-2.6.0.egg-info/PKG-INFO")]
    [DataRow("/usr/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA")]
    [DataRow("/app/node_modules/ioredis/README.md")]
    [DataRow("/app/node_modules/@octokit/auth-token/CHANGELOG.md")]
    [DataRow("/app/node_modules/@aws-sdk/client-s3/dist-types/commands/ListObjectsV2Command.d.ts")]
    [DataRow("/app/node_modules/@scope/lib/dist/index.d.mts")]
    [DataRow("/app/node_modules/passport-jwt/test/testdata.js")]
    [DataRow("/app/node_modules/@sendgrid/client/src/client.spec.js")]
    [DataRow("/app/node_modules/pkg/__fixtures__/keys.json")]
    public void Example_files_and_package_descriptions_report_key_material_only(string path)
    {
        var key = TestSecrets.PemPrivateKey();
        var findings = Scan(path, "API_TOKEN=Zq8vL2xW9kR4mN7pT3sY6bV1\n" + key + "\n");

        Assert.AreEqual("SG1001", findings.Single().RuleId);
        Assert.IsTrue(DocumentationPaths.Contains(path));
    }

    [TestMethod]
    public void Names_that_only_contain_the_words_are_not_example_files()
    {
        Assert.IsFalse(DocumentationPaths.Contains("/app/example.json"));
        Assert.IsFalse(DocumentationPaths.Contains("/app/Acme.Sample.Api.dll"), "a project named Sample ships its own assembly");
        Assert.IsFalse(DocumentationPaths.Contains("/app/Acme.Sample.Api"), "and its own app host");
        Assert.IsFalse(DocumentationPaths.Contains("/app/Contoso.Example.Payments.dll"));
        Assert.IsFalse(DocumentationPaths.Contains("/app/backup.example.tar.gz"), "an archive is not an example file");
        Assert.IsFalse(DocumentationPaths.Contains("/app/samples/appsettings.json"));
        Assert.IsFalse(DocumentationPaths.Contains("/app/README.md"), "the app's own Markdown is not a package's");
        Assert.IsFalse(DocumentationPaths.Contains("/app/node_modules/pkg/config.json"), "a package's other files are not its documentation");
        Assert.IsFalse(DocumentationPaths.Contains("/app/node_modules/pkg/lib/contest.js"), "a name that only contains 'test' is code");
        Assert.IsFalse(DocumentationPaths.Contains("/app/test/appsettings.json"), "the app's own tests are not a package's");
        Assert.IsFalse(DocumentationPaths.Contains("/app/src/index.d.ts"), "the app's own declarations are not a package's");
    }

    [TestMethod]
    public void Keys_in_a_system_librarys_strings_are_one_warning_per_file_and_in_an_apps_binary_errors()
    {
        // As GnuTLS keeps its self-test keys: several PEM keys among a library's strings.
        var keys = Enumerable.Range(0, 3).Select(_ => TestSecrets.PemPrivateKey()).ToList();
        var library = new List<byte> { 0x7F, (byte)'E', (byte)'L', (byte)'F', 0, 0, 1, 2 };
        foreach (var key in keys)
        {
            library.AddRange(new byte[64]);
            library.AddRange(Encoding.ASCII.GetBytes(key));
        }

        var system = Scan("/usr/lib/x86_64-linux-gnu/libexample.so.30", library.ToArray()).Single();
        Assert.AreEqual(Confidence.Medium, system.Confidence);
        StringAssert.Contains(system.Label, "(3 of them) in the strings of a system package's binary");

        var app = Scan("/app/runtimes/linux-x64/native/libexample.so", library.ToArray());
        Assert.HasCount(3, app);
        Assert.IsTrue(app.All(f => f.Confidence == Confidence.High));
    }
}
