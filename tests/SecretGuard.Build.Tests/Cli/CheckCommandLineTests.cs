using SecretGuard.Cli;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Cli;

[TestClass]
public sealed class CheckCommandLineTests
{
    private static (int Exit, CheckOptions? Settings, string Output, string Error) Run(params string[] args)
    {
        CheckOptions? seen = null;
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CheckCommandLine.Run(args, s =>
        {
            seen = s;
            return 0;
        }, output, error);
        return (exit, seen, output.ToString(), error.ToString());
    }

    [TestMethod]
    public void Several_images_and_options_become_the_settings()
    {
        var (exit, settings, _, error) = Run(
            "check", "registry.example.com/team/app:1", "docker:app:dev", "--platform", "linux/arm64/v8", "--sarif", "out.sarif", "--json", "out.json",
            "--suppress", "SG1010:/app/**/*.json=test fixture", "--suppress", "sg1:0123456789abcdef0123", "--min-confidence", "medium", "--fail-on", "warning",
            "--max-file-size", "10MB", "--time-budget", "90", "--shard", "2/5", "--no-cache", "-v");

        Assert.AreEqual(0, exit, error);
        Assert.IsNotNull(settings);
        CollectionAssert.AreEqual(new[] { "registry.example.com/team/app:1", "docker:app:dev" }, settings.Images.ToArray());
        Assert.AreEqual("linux/arm64/v8", settings.Platform!.ToString());
        Assert.AreEqual(("out.sarif", "out.json"), (settings.SarifPath, settings.JsonPath));
        Assert.AreEqual(new SuppressOption("SG1010:/app/**/*.json", "test fixture"), settings.Suppressions[0]);
        Assert.AreEqual(new SuppressOption("sg1:0123456789abcdef0123", ""), settings.Suppressions[1]);
        Assert.AreEqual(Confidence.Medium, settings.MinimumConfidence);
        Assert.AreEqual(FailOn.Warning, settings.FailOn);
        Assert.AreEqual(10L << 20, settings.MaxFileBytes);
        Assert.AreEqual(TimeSpan.FromSeconds(90), settings.TimeBudget);
        Assert.AreEqual(new Shard(2, 5), settings.Shard);
        Assert.IsNull(settings.CacheDirectory);
        Assert.IsTrue(settings.Verbose);
    }

    [TestMethod]
    public void The_defaults_are_the_builds_policy_and_the_packages_layer_cache()
    {
        var (exit, settings, _, _) = Run("check", "--catalog", "registry.example.com", "--repository", "team/*");

        Assert.AreEqual(0, exit);
        Assert.AreEqual(FailOn.Error, settings!.FailOn);
        Assert.AreEqual(Confidence.High, settings.MinimumConfidence);
        Assert.AreEqual(SecretGuard.Scanning.LayerResultCache.DefaultDirectory(), settings.CacheDirectory);
        Assert.IsNull(settings.Platform);
        CollectionAssert.AreEqual(new[] { "registry.example.com" }, settings.Catalogs.ToArray());
    }

    [TestMethod]
    [DataRow(new string[0], DisplayName = "no command")]
    [DataRow(new[] { "check" }, DisplayName = "no image")]
    [DataRow(new[] { "inspect", "a.example.com/x:1" }, DisplayName = "unknown command")]
    [DataRow(new[] { "check", "a.example.com/x:1", "--bogus" }, DisplayName = "unknown option")]
    [DataRow(new[] { "check", "a.example.com/x:1", "--shard", "4/3" }, DisplayName = "shard past N")]
    [DataRow(new[] { "check", "a.example.com/x:1", "--shard", "1-3" }, DisplayName = "shard not K/N")]
    [DataRow(new[] { "check", "a.example.com/x:1", "--fail-on", "sometimes" }, DisplayName = "fail-on")]
    [DataRow(new[] { "check", "a.example.com/x:1", "--min-confidence", "low" }, DisplayName = "min-confidence")]
    [DataRow(new[] { "check", "a.example.com/x:1", "--platform", "amd64" }, DisplayName = "platform without os")]
    [DataRow(new[] { "check", "a.example.com/x:1", "--update-baseline" }, DisplayName = "update-baseline without baseline")]
    [DataRow(new[] { "check", "a.example.com/x:1", "--repository", "team/*" }, DisplayName = "repository without catalog")]
    [DataRow(new[] { "check", "--all-tags", "a.example.com/x:1" }, DisplayName = "all-tags with a tag")]
    [DataRow(new[] { "check", "a.example.com/x:1", "--max-file-size", "big" }, DisplayName = "max-file-size")]
    [DataRow(new[] { "check", "a.example.com/x:1", "--time-budget", "-1" }, DisplayName = "time-budget")]
    [DataRow(new[] { "check", "./no-such-image.tar" }, DisplayName = "a path that does not exist")]
    [DataRow(new[] { "check", "a.example.com/x:1", "--suppress", "=why" }, DisplayName = "suppress of nothing")]
    [DataRow(new[] { "check", "a.example.com/x:1", "--rule-help-uri", "/wiki/{0}" }, DisplayName = "rule-help-uri a bare path")]
    [DataRow(new[] { "check", "a.example.com/x:1", "--rule-help-uri", "file:///srv/wiki/{0}" }, DisplayName = "rule-help-uri a file URI")]
    public void A_usage_error_exits_64_and_says_what_is_wrong(string[] args)
    {
        var (exit, settings, _, error) = Run(args);

        Assert.AreEqual(ExitCodes.Usage, exit);
        Assert.IsNull(settings, "the check must not run");
        StringAssert.Contains(error, "secretguard");
    }

    [TestMethod]
    [DataRow("86400.5")]
    [DataRow("0")]
    public void A_time_budget_out_of_range_states_the_limit_the_docs_give(string value)
    {
        var (exit, settings, _, error) = Run("check", "a.example.com/x:1", "--time-budget", value);

        Assert.AreEqual(ExitCodes.Usage, exit);
        Assert.IsNull(settings);
        StringAssert.Contains(error, "greater than 0 and at most 86400");
        Assert.AreEqual(TimeSpan.FromDays(1), Run("check", "a.example.com/x:1", "--time-budget", "86400").Settings!.TimeBudget);
    }

    [TestMethod]
    public void Help_reads_like_dotnets_and_lists_every_option()
    {
        var (exit, _, output, _) = Run("check", "--help");

        Assert.AreEqual(0, exit);
        StringAssert.Contains(output, "Usage:");
        StringAssert.Contains(output, " check [<image>...] [options]");
        foreach (var option in new[] { "--platform", "--all-tags", "--catalog", "--repository", "--shard", "--sarif", "--json", "--baseline", "--update-baseline", "--suppress", "--min-confidence", "--fail-on", "--progress" })
        {
            StringAssert.Contains(output, option);
        }
    }

    [TestMethod]
    public void Image_arguments_are_told_apart_by_form()
    {
        var folder = Directory.CreateTempSubdirectory("sg-target").FullName;
        var archive = Path.Combine(folder, "image.tar");
        File.WriteAllBytes(archive, []);
        try
        {
            Assert.IsTrue(ImageTarget.TryParse("docker:app:1", out var docker, out _));
            Assert.AreEqual((TargetKind.Docker, "app:1"), (docker!.Kind, docker.Text));
            Assert.IsTrue(ImageTarget.TryParse("podman:localhost/app", out var podman, out _));
            Assert.AreEqual(TargetKind.Podman, podman!.Kind);
            Assert.IsTrue(ImageTarget.TryParse(folder, out var layout, out _));
            Assert.AreEqual(TargetKind.LayoutFolder, layout!.Kind);
            Assert.IsTrue(ImageTarget.TryParse(archive, out var file, out _));
            Assert.AreEqual(TargetKind.Archive, file!.Kind);
            Assert.IsTrue(ImageTarget.TryParse("localhost:5000/team/app@sha256:" + new string('a', 64), out var pinned, out _));
            Assert.AreEqual(("localhost:5000", "team/app", "sha256:" + new string('a', 64)), (pinned!.Reference!.Registry, pinned.Reference.Repository, pinned.Reference.Reference));
            Assert.IsFalse(ImageTarget.TryParse("docker:", out _, out var error));
            StringAssert.Contains(error, "names no image");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
