using System.Formats.Tar;
using System.Text;
using System.Text.Json;
using SecretGuard.Cli;
using SecretGuard.Findings;
using SecretGuard.ImageReading;
using SecretGuard.ImageReading.Local;
using SecretGuard.ImageReading.Registry;
using SecretGuard.Reporting;
using SecretGuard.Tests.ImageReading;

namespace SecretGuard.Tests.Cli;

/// <summary>
/// The whole check in process, on image archives and layouts written here the way docker save and the
/// OCI layout spec lay them out: what it finds, where it says it is, and the exit code.
/// </summary>
[TestClass]
public sealed class CheckRunTests
{
    private string _folder = "";

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("sg-cli").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private static readonly string Token = TestSecrets.GitHubToken(seed: 81);
    private static readonly string Npm = TestSecrets.NpmToken(seed: 82);

    private static byte[] Json(object value) => JsonSerializer.SerializeToUtf8Bytes(value);

    /// <summary>
    /// A docker archive as older docker save writes it: &lt;id&gt;/layer.tar (uncompressed, named by an id that
    /// is not its digest), the config as &lt;hex&gt;.json, manifest.json last. Layer 1 holds a private key,
    /// layer 2 deletes it; ENV and a build step's ARG hold tokens; one Env entry is a number.
    /// </summary>
    /// <param name="tokenInFile">Also put ENV's token in a file of layer 1 (one credential, two places).</param>
    private string DockerArchive(bool gzip = false, bool numberInEnv = true, bool tokenInFile = false, bool tokenTwiceInFile = false)
    {
        var keyLayer = tokenInFile
            ? TestImages.Tar(("root/.ssh/id_rsa", TestSecrets.PemPrivateKey()), ("etc/os-release", "ID=test\n"), ("app/.env", "GITHUB_TOKEN=" + Token + "\n" + (tokenTwiceInFile ? "LOG_LEVEL=info\nGH_TOKEN=" + Token + "\n" : "")))
            : TestImages.Tar(("root/.ssh/id_rsa", TestSecrets.PemPrivateKey()), ("etc/os-release", "ID=test\n"));
        var deleteLayer = TestImages.Tar(("root/.ssh/.wh.id_rsa", ""));
        var config = Json(new Dictionary<string, object>
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["config"] = new Dictionary<string, object> { ["Env"] = (numberInEnv ? new object[] { "PATH=/usr/bin", "GITHUB_TOKEN=" + Token, 42 } : new object[] { "PATH=/usr/bin", "GITHUB_TOKEN=" + Token }), ["Cmd"] = new[] { "/app/run" } },
            ["rootfs"] = new Dictionary<string, object> { ["type"] = "layers", ["diff_ids"] = new[] { TestImages.Digest(keyLayer), TestImages.Digest(deleteLayer) } },
            ["history"] = new object[]
            {
                new Dictionary<string, object> { ["created_by"] = "COPY id_rsa /root/.ssh/" },
                new Dictionary<string, object> { ["created_by"] = "ARG NPM_TOKEN=" + Npm, ["empty_layer"] = true },
                new Dictionary<string, object> { ["created_by"] = "RUN rm /root/.ssh/id_rsa" },
            },
        });
        var configName = TestImages.Digest(config)["sha256:".Length..] + ".json";
        var manifest = Json(new[] { new Dictionary<string, object> { ["Config"] = configName, ["RepoTags"] = new[] { "leaky:1" }, ["Layers"] = new[] { "1111/layer.tar", "2222/layer.tar" } } });
        var path = Path.Combine(_folder, gzip ? "leaky.tar.gz" : "leaky.tar");
        using (var file = File.Create(path))
        using (var outer = gzip ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest) : (Stream)file)
        using (var writer = new TarWriter(outer, TarEntryFormat.Pax))
        {
            foreach (var (name, content) in new[] { ("1111/layer.tar", keyLayer), ("2222/layer.tar", deleteLayer), (configName, config), ("manifest.json", manifest) })
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
            }
        }

        return path;
    }

    private (int Exit, string Output, string Error) Check(CheckOptions settings)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = SecretGuard.Cli.Check.Run(settings, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void A_docker_archive_is_checked_whole_config_history_and_deleted_files(bool gzip)
    {
        var json = Path.Combine(_folder, "report.json");
        var (exit, output, error) = Check(new CheckOptions { Images = [DockerArchive(gzip)], JsonPath = json });

        Assert.AreEqual(ExitCodes.Findings, exit, output + error);
        StringAssert.Contains(error, "leaky.tar" + (gzip ? ".gz" : "") + "', ENV GITHUB_TOKEN.");
        StringAssert.Contains(error, "', history step 2.");
        StringAssert.Contains(error, "', /root/.ssh/id_rsa line 1 in layer 1, deleted in layer 2 but still recoverable by anyone who pulls the image.");
        StringAssert.Contains(error, "error SG0001: The config of image");
        StringAssert.Contains(error, "config.Env[2] is a number, not a string");
        StringAssert.Contains(output, "SecretGuard: failed: 4 errors (3 credentials, 1 check that could not run); checked 1 image (2 layers: 2 read; 2 files)");
        StringAssert.Contains(output, "/root/.ssh/id_rsa line 1 in layer 1, deleted in layer 2");
        StringAssert.Contains(output, "history step 2");
        Assert.IsFalse((output + error + File.ReadAllText(json)).Contains(Token[4..], StringComparison.Ordinal), "the token was printed");
        Assert.IsFalse((output + error).Contains(Npm[4..], StringComparison.Ordinal), "the npm token was printed");

        using var report = JsonDocument.Parse(File.ReadAllText(json));
        Assert.AreEqual(3, report.RootElement.GetProperty("findings").GetArrayLength());
        Assert.AreEqual(2, report.RootElement.GetProperty("check").GetProperty("layersRead").GetInt32());
    }

    [TestMethod]
    public void The_json_reports_other_places_of_a_credential_name_the_image_and_place_not_a_file()
    {
        var json = Path.Combine(_folder, "report.json");
        Check(new CheckOptions { Images = [DockerArchive(tokenInFile: true)], JsonPath = json });

        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var others = report.RootElement.GetProperty("findings").EnumerateArray()
            .SelectMany(f => f.GetProperty("otherPlaces").EnumerateArray()).ToList();
        Assert.HasCount(1, others);
        var other = others[0];
        Assert.IsFalse(other.TryGetProperty("file", out _), other.ToString());
        StringAssert.EndsWith(other.GetProperty("image").GetString(), "leaky.tar");
        Assert.IsFalse(string.IsNullOrEmpty(other.GetProperty("where").GetString()), other.ToString());
    }

    [TestMethod]
    public void The_verdict_names_the_tools_option_for_files_over_the_size_limit()
    {
        var (_, output, _) = Check(new CheckOptions { Images = [DockerArchive()], MaxFileBytes = 100 });

        StringAssert.Contains(output, "1 file over --max-file-size not read: /root/.ssh/id_rsa");
        Assert.IsFalse(output.Contains("SecretGuardMaxFileSize", StringComparison.Ordinal), output);
    }

    [TestMethod]
    public void An_OCI_layout_of_two_platforms_is_checked_per_platform_and_reads_the_shared_layer_once()
    {
        var shared = TestImages.Gzip(TestImages.Tar(("etc/os-release", "ID=test\n")));
        var leak = TestImages.Gzip(TestImages.Tar(("root/.git-credentials", $"https://ci:{Token}@github.com\n")));
        var clean = TestImages.Gzip(TestImages.Tar(("usr/lib/platform.txt", "amd64\n")));
        var blobs = new Dictionary<string, byte[]>();
        string Put(byte[] blob)
        {
            blobs[TestImages.Digest(blob)] = blob;
            return TestImages.Digest(blob);
        }

        object Platform(string architecture, byte[] top)
        {
            var config = Json(new Dictionary<string, object> { ["architecture"] = architecture, ["os"] = "linux", ["config"] = new Dictionary<string, object> { ["Env"] = new[] { "PATH=/usr/bin" } } });
            Put(shared);
            Put(top);
            var manifest = Encoding.UTF8.GetBytes(TestImages.Manifest(new Descriptor("application/vnd.oci.image.config.v1+json", Put(config), config.Length), TestImages.Layer(shared), TestImages.Layer(top)));
            return new Dictionary<string, object>
            {
                ["mediaType"] = "application/vnd.oci.image.manifest.v1+json", ["digest"] = Put(manifest), ["size"] = manifest.Length,
                ["platform"] = new Dictionary<string, object> { ["os"] = "linux", ["architecture"] = architecture },
            };
        }

        var innerIndex = Json(new Dictionary<string, object> { ["schemaVersion"] = 2, ["mediaType"] = "application/vnd.oci.image.index.v1+json", ["manifests"] = new[] { Platform("amd64", clean), Platform("arm64", leak) } });
        var layout = Path.Combine(_folder, "layout");
        Directory.CreateDirectory(Path.Combine(layout, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(layout, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        File.WriteAllBytes(Path.Combine(layout, "index.json"), Json(new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["manifests"] = new[] { new Dictionary<string, object> { ["mediaType"] = "application/vnd.oci.image.index.v1+json", ["digest"] = Put(innerIndex), ["size"] = innerIndex.Length, ["annotations"] = new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = "1" } } },
        }));
        foreach (var (digest, blob) in blobs)
        {
            File.WriteAllBytes(Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]), blob);
        }

        var json = Path.Combine(_folder, "report.json");
        var (exit, output, error) = Check(new CheckOptions { Images = [layout], JsonPath = json });
        Assert.AreEqual(ExitCodes.Findings, exit, output + error);
        StringAssert.Contains(error, "(1 (linux/arm64))");
        StringAssert.Contains(error, "/root/.git-credentials");
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var check = report.RootElement.GetProperty("check");
        Assert.AreEqual((2, 4, 3, 3), (check.GetProperty("images").GetArrayLength(), check.GetProperty("layerReferences").GetInt32(), check.GetProperty("distinctLayers").GetInt32(), check.GetProperty("layersRead").GetInt32()));

        var (amd64, amdOutput, amdError) = Check(new CheckOptions { Images = [layout], Platform = new Platform("linux", "amd64") });
        Assert.AreEqual(ExitCodes.Clean, amd64, amdOutput + amdError);

        // A layer missing from the layout: that image is not verified (2), the cause named.
        File.Delete(Path.Combine(layout, "blobs", "sha256", TestImages.Digest(leak)["sha256:".Length..]));
        var (missing, missingOutput, missingError) = Check(new CheckOptions { Images = [layout] });
        Assert.AreEqual(ExitCodes.NotChecked, missing, missingOutput + missingError);
        StringAssert.Contains(missingError, "SG0002");
    }

    [TestMethod]
    public void A_baseline_and_suppressions_accept_findings_and_stale_or_unjustified_ones_warn()
    {
        var archive = DockerArchive(numberInEnv: false);
        var baseline = Path.Combine(_folder, "secretguard.baseline.json");
        var (updateExit, _, updateError) = Check(new CheckOptions { Images = [archive], BaselinePath = baseline, UpdateBaseline = true });
        StringAssert.Contains(updateError, "wrote 3 finding(s) to the baseline");
        Assert.AreEqual(ExitCodes.Clean, updateExit, "writing the baseline reports the findings as warnings: " + updateError);
        Assert.IsFalse(File.ReadAllText(baseline).Contains(Token[4..], StringComparison.Ordinal));

        var (exit, output, error) = Check(new CheckOptions { Images = [archive], BaselinePath = baseline, Suppressions = [new SuppressOption("SG1999", "")] });
        Assert.AreEqual(ExitCodes.Clean, exit, output + error);
        StringAssert.Contains(output, "SecretGuard: passed, no credentials, 3 accepted; checked 1 image");
        StringAssert.Contains(error, "warning SG0008");
        StringAssert.Contains(error, "warning SG0009: --suppress 'SG1999' matched nothing in the images checked");

        // A baseline that is not JSON is a usage error naming the file.
        File.WriteAllText(baseline, "{ not json");
        var (broken, _, brokenError) = Check(new CheckOptions { Images = [archive], BaselinePath = baseline });
        Assert.AreEqual(ExitCodes.Usage, broken, brokenError);
        StringAssert.Contains(brokenError, "secretguard.baseline.json");
    }

    [TestMethod]
    public void Exit_codes_follow_fail_on_and_what_could_not_be_checked()
    {
        static SarifReport.Entry Entry(string code, string level, bool isFinding = true, string? suppressed = null) =>
            new(new Diagnostic(code, "img", 0, 0, "m", isFinding, Fingerprint: isFinding ? "sg1:0123456789abcdef0123" : ""), level, suppressed);
        int Exit(FailOn failOn, params SarifReport.Entry[] entries) =>
            new CheckReport(new CheckOptions { FailOn = failOn }, TextWriter.Null, TextWriter.Null).ExitCode(entries);

        Assert.AreEqual(0, Exit(FailOn.Error));
        Assert.AreEqual(1, Exit(FailOn.Error, Entry("SG1004", "error")));
        Assert.AreEqual(0, Exit(FailOn.Error, Entry("SG1010", "warning")));
        Assert.AreEqual(1, Exit(FailOn.Warning, Entry("SG1010", "warning")));
        Assert.AreEqual(0, Exit(FailOn.Never, Entry("SG1004", "error")));
        Assert.AreEqual(0, Exit(FailOn.Error, Entry("SG1004", "error", suppressed: "accepted")));
        Assert.AreEqual(2, Exit(FailOn.Error, Entry("SG0011", "error", isFinding: false)));
        Assert.AreEqual(2, Exit(FailOn.Never, Entry("SG0003", "error", isFinding: false)));
        Assert.AreEqual(2, Exit(FailOn.Error, Entry("SG0004", "error")));
        Assert.AreEqual(1, Exit(FailOn.Error, Entry("SG1004", "error"), Entry("SG0001", "error", isFinding: false)));
        Assert.AreEqual(0, Exit(FailOn.Error, Entry("SG0009", "warning", isFinding: false)));

        // SecretGuard's own failure, as a diagnostic of the run, is "not verified" as docs/cli.md says.
        Assert.AreEqual(2, Exit(FailOn.Error, Entry("SG0007", "error", isFinding: false)));
        Assert.AreEqual(2, Exit(FailOn.Never, Entry("SG0007", "error", isFinding: false)));
    }

    [TestMethod]
    public void An_image_that_could_not_be_checked_fails_the_json_report_as_it_fails_the_exit_code()
    {
        var garbage = Path.Combine(_folder, "garbage.tar");
        File.WriteAllBytes(garbage, Encoding.UTF8.GetBytes(new string('x', 5000)));
        var json = Path.Combine(_folder, "report.json");
        var (exit, output, error) = Check(new CheckOptions { Images = [garbage], JsonPath = json });

        Assert.AreEqual(ExitCodes.NotChecked, exit, output + error);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        Assert.IsTrue(report.RootElement.GetProperty("failed").GetBoolean(), "exit 2, so the report fails too");
        var failure = report.RootElement.GetProperty("checkFailures").EnumerateArray().Single();
        Assert.AreEqual("SG0001", failure.GetProperty("code").GetString());
        StringAssert.Contains(failure.GetProperty("message").GetString(), "garbage.tar");
    }

    [TestMethod]
    public void The_json_reports_failed_is_the_exit_codes_under_fail_on()
    {
        var archive = DockerArchive(numberInEnv: false);
        var json = Path.Combine(_folder, "report.json");
        bool Failed()
        {
            using var report = JsonDocument.Parse(File.ReadAllText(json));
            return report.RootElement.GetProperty("failed").GetBoolean();
        }

        var (never, _, _) = Check(new CheckOptions { Images = [archive], JsonPath = json, FailOn = FailOn.Never });
        Assert.AreEqual((ExitCodes.Clean, false), (never, Failed()), "--fail-on never: a report-only run");

        // Every finding a warning (as while the baseline is written), failing under --fail-on warning.
        var baseline = Path.Combine(_folder, "secretguard.baseline.json");
        var (warning, _, _) = Check(new CheckOptions { Images = [archive], JsonPath = json, FailOn = FailOn.Warning, BaselinePath = baseline, UpdateBaseline = true });
        Assert.AreEqual((ExitCodes.Findings, true), (warning, Failed()));
    }

    [TestMethod]
    public void An_unreadable_baseline_replaces_an_earlier_report_with_a_failed_one_naming_it()
    {
        var archive = DockerArchive(numberInEnv: false);
        var baseline = Path.Combine(_folder, "secretguard.baseline.json");
        var json = Path.Combine(_folder, "report.json");
        var (written, _, writeError) = Check(new CheckOptions { Images = [archive], BaselinePath = baseline, UpdateBaseline = true, JsonPath = json });
        Assert.AreEqual(ExitCodes.Clean, written, writeError);

        File.WriteAllText(baseline, "{ not json");
        var (exit, _, error) = Check(new CheckOptions { Images = [archive], BaselinePath = baseline, JsonPath = json });
        Assert.AreEqual(ExitCodes.Usage, exit, error);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        Assert.IsTrue(report.RootElement.GetProperty("failed").GetBoolean(), "the earlier run's pass must not stand for this one");
        Assert.AreEqual(0, report.RootElement.GetProperty("findings").GetArrayLength());
        var failure = report.RootElement.GetProperty("checkFailures").EnumerateArray().Single();
        Assert.AreEqual("SG0005", failure.GetProperty("code").GetString());
        StringAssert.Contains(failure.GetProperty("message").GetString(), "secretguard.baseline.json");
    }

    [TestMethod]
    public void A_suppress_acceptance_is_worded_as_the_option_in_the_report()
    {
        var json = Path.Combine(_folder, "report.json");
        Check(new CheckOptions { Images = [DockerArchive(numberInEnv: false)], JsonPath = json, Suppressions = [new SuppressOption("/root/.ssh/**", "test key")] });

        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var reasons = report.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("suppressed").GetString()).OfType<string>().ToList();
        Assert.AreEqual("suppressed by --suppress '/root/.ssh/**': test key", reasons.Single());
    }

    [TestMethod]
    public void A_credential_on_two_lines_of_one_file_names_both_lines()
    {
        var json = Path.Combine(_folder, "report.json");
        var (_, _, error) = Check(new CheckOptions { Images = [DockerArchive(numberInEnv: false, tokenInFile: true, tokenTwiceInFile: true)], JsonPath = json });

        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var token = report.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "SG1004");
        var places = token.GetProperty("otherPlaces").EnumerateArray().Select(p => p.GetProperty("place").GetString()).ToList();
        Assert.AreEqual(2, places.Count(p => p == "file:/app/.env"), string.Join(", ", places));
        var lines = token.GetProperty("otherPlaces").EnumerateArray().Where(p => p.GetProperty("place").GetString() == "file:/app/.env")
            .Select(p => p.GetProperty("imageLine").GetInt32()).Order().ToList();
        CollectionAssert.AreEqual(new[] { 1, 3 }, lines, "each place names its line of the file in the image");
        Assert.AreEqual(0, token.GetProperty("imageLine").GetInt32(), "the config has no lines");
        StringAssert.Contains(error, "/app/.env line 1 at ");
        StringAssert.Contains(error, "/app/.env line 3 at ");
    }

    [TestMethod]
    public void A_rule_and_glob_suppress_is_worded_whole_in_the_report_and_its_warnings()
    {
        var json = Path.Combine(_folder, "report.json");
        var (_, _, error) = Check(new CheckOptions
        {
            Images = [DockerArchive(numberInEnv: false)],
            JsonPath = json,
            Suppressions = [new SuppressOption("sg1001:/root/.ssh/**", "test key"), new SuppressOption("SG1004:/nowhere/**", "")],
        });

        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var reasons = report.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("suppressed").GetString()).OfType<string>().ToList();
        Assert.AreEqual("suppressed by --suppress 'SG1001:/root/.ssh/**': test key", reasons.Single());
        StringAssert.Contains(error, "warning SG0009: --suppress 'SG1004:/nowhere/**' matched nothing in the images checked");
        StringAssert.Contains(error, "warning SG0008: --suppress 'SG1004:/nowhere/**' has no reason (=WHY)");
        Assert.IsFalse(error.Contains("SecretGuardSuppress", StringComparison.Ordinal), error);
    }

    [TestMethod]
    public void Suppress_patterns_become_the_builds_suppressions()
    {
        Assert.AreEqual(new SuppressionRequest("SG1010", "fixture", null, ImagePath: "/app/**/*.json"), CheckReport.ToRequest(new SuppressOption("sg1010:/app/**/*.json", "fixture")));
        Assert.AreEqual(new SuppressionRequest("SG1004", "", null), CheckReport.ToRequest(new SuppressOption("SG1004", "")));
        Assert.AreEqual(new SuppressionRequest("sg1:0123456789abcdef0123", "why", null), CheckReport.ToRequest(new SuppressOption("sg1:0123456789abcdef0123", "why")));
        Assert.AreEqual(new SuppressionRequest("/usr/share/doc/**", "docs", null), CheckReport.ToRequest(new SuppressOption("/usr/share/doc/**", "docs")));
    }

    [TestMethod]
    public void An_archive_without_metadata_or_not_a_tar_is_SG0001_and_exit_2()
    {
        var garbage = Path.Combine(_folder, "garbage.tar");
        File.WriteAllBytes(garbage, Encoding.UTF8.GetBytes(new string('x', 5000)));
        var (exit, _, error) = Check(new CheckOptions { Images = [garbage] });
        Assert.AreEqual(ExitCodes.NotChecked, exit, error);
        StringAssert.Contains(error, "SG0001");

        var empty = Path.Combine(_folder, "empty.tar");
        File.WriteAllBytes(empty, TestImages.Tar(("readme.txt", "hello\n")));
        var (emptyExit, _, emptyError) = Check(new CheckOptions { Images = [empty] });
        Assert.AreEqual(ExitCodes.NotChecked, emptyExit, emptyError);
        StringAssert.Contains(emptyError, "neither a manifest.json nor an index.json");
    }

    [TestMethod]
    public void A_gzip_archive_corrupt_inside_its_metadata_is_SG0001_and_exit_2_not_an_internal_error()
    {
        // The gzip stream breaks inside manifest.json, which is read while the tar is walked.
        var whole = File.ReadAllBytes(DockerArchive(gzip: true));
        var cut = whole.AsSpan(0, whole.Length - 40).ToArray();
        for (var i = cut.Length - 200; i < cut.Length; i += 7)
        {
            cut[i] ^= 0x5A;
        }

        var corrupt = Path.Combine(_folder, "corrupt.tar.gz");
        File.WriteAllBytes(corrupt, cut);
        var (exit, output, error) = Check(new CheckOptions { Images = [corrupt] });
        Assert.AreEqual(ExitCodes.NotChecked, exit, output + error);
        StringAssert.Contains(error, "SG0001");
        StringAssert.Contains(error, "is not a readable tar file");
        Assert.IsFalse(error.Contains("failed while checking", StringComparison.Ordinal), "an unreadable archive is the archive's fault, not SecretGuard's: " + error);
    }

    [TestMethod]
    public void Metadata_that_is_not_UTF8_is_SG0001_and_exit_2_not_an_internal_error()
    {
        // A RepoTags string with a byte that is not UTF-8: JSON text must be UTF-8.
        var config = Json(new Dictionary<string, object> { ["architecture"] = "amd64", ["os"] = "linux", ["rootfs"] = new Dictionary<string, object> { ["type"] = "layers", ["diff_ids"] = Array.Empty<string>() } });
        byte[] manifest = [.. Encoding.UTF8.GetBytes("[{\"Config\":\"c.json\",\"RepoTags\":[\"app"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"],\"Layers\":[]}]")];
        var path = Path.Combine(_folder, "not-utf8.tar");
        using (var file = File.Create(path))
        using (var writer = new TarWriter(file, TarEntryFormat.Pax))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "c.json") { DataStream = new MemoryStream(config) });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "manifest.json") { DataStream = new MemoryStream(manifest) });
        }

        var (exit, output, error) = Check(new CheckOptions { Images = [path] });
        Assert.AreEqual(ExitCodes.NotChecked, exit, output + error);
        StringAssert.Contains(error, "SG0001");
        StringAssert.Contains(error, "not UTF-8 text");
    }
}
