namespace SecretGuard.Tests.Shipping;

/// <summary>
/// SecretGuardEnabled as the package's own targets read it, through real MSBuild: empty takes the default
/// (the check runs), as docs/configuration.md promises for every property, whether it is empty on the
/// command line (a global property the props' default cannot replace) or in the project; false skips the
/// check; anything else runs the gate, which reports it (SG0005) before the image is built. The project stands in for the SDK's container
/// targets: its ComputeResolvedFilesToPublishList, which the gate depends on, stops the build with a marker
/// error, so the marker shows that the gate was entered, without building an image.
/// </summary>
[TestClass]
public sealed class EnabledSwitchTests
{
    private const string GateEntered = "SGTEST_GATE_ENTERED";

    private static string? projectDirectory;

    [ClassInitialize]
    public static void WriteProject(TestContext _)
    {
        projectDirectory = Path.Combine(Path.GetTempPath(), "sg-enabled-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(projectDirectory);
        File.WriteAllText(Path.Combine(projectDirectory, "Stand.proj"), StandProject(""));
        File.WriteAllText(Path.Combine(projectDirectory, "CiOnly.proj"), StandProject(CiOnlySnippet()));
    }

    /// <summary>docs/usage.md's snippet for checking only in CI, as a reader copies it.</summary>
    private static string CiOnlySnippet()
    {
        var usage = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "docs", "usage.md")).ReplaceLineEndings("\n");
        var section = usage[usage.IndexOf("\n## Checking only in CI\n", StringComparison.Ordinal)..];
        var start = section.IndexOf("```xml\n", StringComparison.Ordinal) + "```xml\n".Length;
        var snippet = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
        StringAssert.Contains(snippet, "<SecretGuardEnabled Condition=");
        return snippet;
    }

    private static string StandProject(string projectSettings)
    {
        var root = TestPaths.RepositoryRoot();
        return $"""
            <Project>
              <Import Project="{root}/build/SecretGuard.Build.props" />
            {projectSettings}
              <PropertyGroup>
                <IsPublishable>true</IsPublishable>
                <EnableSdkContainerSupport>true</EnableSdkContainerSupport>
                <SecretGuardEnabled Condition="'$(EmptyInProject)' == 'true'"></SecretGuardEnabled>
              </PropertyGroup>
              <Import Project="{root}/build/SecretGuard.Build.targets" />
              <Target Name="ComputeResolvedFilesToPublishList">
                <Error Code="{GateEntered}" Text="the gate ran" />
              </Target>
              <Target Name="PublishContainer">
                <Message Importance="high" Text="image built" />
              </Target>
            </Project>
            """;
    }

    [ClassCleanup]
    public static void RemoveProject()
    {
        if (projectDirectory is not null)
        {
            Directory.Delete(projectDirectory, recursive: true);
        }
    }

    /// <summary>No CI server's variables: a developer's machine (the tests may themselves run in CI).</summary>
    private static readonly Dictionary<string, string?> OutsideCi = new() { ["CI"] = null, ["TF_BUILD"] = null, ["ContinuousIntegrationBuild"] = null };

    private static ToolProcess.Result Publish(params string[] properties) => PublishProject("Stand.proj", OutsideCi, properties);

    private static ToolProcess.Result PublishProject(string project, IReadOnlyDictionary<string, string?> environment, params string[] properties) =>
        ToolProcess.Run("dotnet", ["msbuild", project, "-t:PublishContainer", "-nodeReuse:false", "-tl:off", "-nologo", .. properties], projectDirectory!, TimeSpan.FromMinutes(3), environment);

    [TestMethod]
    public void The_documented_CI_only_condition_checks_in_CI_and_nowhere_else()
    {
        var local = PublishProject("CiOnly.proj", OutsideCi);
        Assert.AreEqual(0, local.ExitCode, local.ToString());
        Assert.DoesNotContain(GateEntered, local.Output, local.ToString());

        var forced = PublishProject("CiOnly.proj", OutsideCi, "-p:SecretGuardEnabled=true");
        StringAssert.Contains(forced.Output, GateEntered, forced.ToString());

        foreach (var (variable, value) in new[] { ("CI", "true"), ("TF_BUILD", "True"), ("ContinuousIntegrationBuild", "true") })
        {
            var inCi = PublishProject("CiOnly.proj", new Dictionary<string, string?>(OutsideCi) { [variable] = value });
            StringAssert.Contains(inCi.Output, GateEntered, $"{variable}={value}: {inCi}");
        }
    }

    [TestMethod]
    public void Empty_on_the_command_line_takes_the_default_and_checks()
    {
        var result = Publish("-p:SecretGuardEnabled=");
        StringAssert.Contains(result.Output, GateEntered, result.ToString());
        Assert.DoesNotContain("SG0005", result.Output, result.ToString());
    }

    [TestMethod]
    public void Empty_in_the_project_takes_the_default_and_checks()
    {
        var result = Publish("-p:EmptyInProject=true");
        StringAssert.Contains(result.Output, GateEntered, result.ToString());
        Assert.DoesNotContain("SG0005", result.Output, result.ToString());
    }

    [TestMethod]
    public void Unset_and_true_check()
    {
        foreach (var result in new[] { Publish(), Publish("-p:SecretGuardEnabled=True") })
        {
            StringAssert.Contains(result.Output, GateEntered, result.ToString());
        }
    }

    [TestMethod]
    public void False_skips_the_check()
    {
        var result = Publish("-p:SecretGuardEnabled=false");
        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.DoesNotContain(GateEntered, result.Output, result.ToString());
        StringAssert.Contains(result.Output, "image built", result.ToString());
    }

    [TestMethod]
    public void Any_other_value_runs_the_gate_which_reports_it_before_the_image_is_built()
    {
        // The gate's task reports SG0005 and writes its reports as failed (CheckContainerInputsTests); here
        // the stand-in stops at the gate's first dependency, which shows the gate was not skipped.
        var result = Publish("-p:SecretGuardEnabled=ture");
        Assert.AreNotEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, GateEntered, result.ToString());
        Assert.DoesNotContain("image built", result.Output, result.ToString());
    }

    [TestMethod]
    public void Any_other_value_is_SG0005_from_the_targets_where_the_tasks_cannot_run()
    {
        var result = Publish("-p:_SecretGuardTaskHost=", "-p:SecretGuardEnabled=ture");
        Assert.AreNotEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "error SG0005: SecretGuardEnabled must be 'true' or 'false', not 'ture'.", result.ToString());
        Assert.DoesNotContain("SG0010", result.Output, result.ToString());
        Assert.DoesNotContain("image built", result.Output, result.ToString());
    }

    [TestMethod]
    public void An_MSBuild_that_cannot_run_the_tasks_is_warning_SG0010_and_the_image_is_built_unchecked()
    {
        // What .NET Framework MSBuild before 18 sees: no way to host the tasks (the targets leave the host
        // empty there; a global property keeps it empty here, under the dotnet CLI's MSBuild).
        var result = Publish("-p:_SecretGuardTaskHost=");
        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "warning SG0010: SecretGuard cannot run under this MSBuild", result.ToString());
        StringAssert.Contains(result.Output, "The image was not checked for credentials.", result.ToString());
        Assert.DoesNotContain(GateEntered, result.Output, result.ToString());
        StringAssert.Contains(result.Output, "image built", result.ToString());

        // docs/configuration.md's row for SG0010 says the same.
        StringAssert.Contains(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "docs", "configuration.md")), "| SG0010 | warning | This MSBuild cannot run SecretGuard");
    }

    [TestMethod]
    public void False_skips_SG0010_too()
    {
        var result = Publish("-p:_SecretGuardTaskHost=", "-p:SecretGuardEnabled=false");
        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.DoesNotContain("SG0010", result.Output, result.ToString());
    }

    [TestMethod]
    [DataRow("no")]
    [DataRow("off")]
    [DataRow("yes")]
    [DataRow("on")]
    public void A_value_MSBuild_would_read_as_a_boolean_is_SG0005_too_never_a_skipped_check(string value)
    {
        // MSBuild compares 'no' == 'false' as booleans: the targets must not take it for false (nor 'yes' for
        // true). The gate runs and its task reports the value; where the tasks cannot run, the targets do.
        var result = Publish($"-p:SecretGuardEnabled={value}");
        Assert.AreNotEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, GateEntered, result.ToString());
        Assert.DoesNotContain("image built", result.Output, result.ToString());
        var hostless = Publish("-p:_SecretGuardTaskHost=", $"-p:SecretGuardEnabled={value}");
        StringAssert.Contains(hostless.Output, $"error SG0005: SecretGuardEnabled must be 'true' or 'false', not '{value}'.", hostless.ToString());
        Assert.DoesNotContain("image built", hostless.Output, hostless.ToString());
    }

    [TestMethod]
    [DataRow("", true)]
    [DataRow("TRUE", true)]
    [DataRow("false", false)]
    [DataRow("yes", false)]
    [DataRow("no", false)]
    public void The_early_base_image_check_starts_only_for_true_or_empty(string value, bool starts)
    {
        // The gate reports a value that is neither (CheckContainerInputsTests); the early target must not read 'yes' as true.
        // The rows run in parallel: each writes a project of its own.
        var name = $"Early-{Guid.NewGuid():N}.proj";
        var project = Path.Combine(projectDirectory!, name);
        var root = TestPaths.RepositoryRoot();
        File.WriteAllText(project, $"""
            <Project>
              <Import Project="{root}/build/SecretGuard.Build.props" />
              <PropertyGroup>
                <IsPublishable>true</IsPublishable>
                <EnableSdkContainerSupport>true</EnableSdkContainerSupport>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <Import Project="{root}/build/SecretGuard.Build.targets" />
              <Target Name="PrepareForBuild" />
            </Project>
            """);
        var result = ToolProcess.Run("dotnet", ["msbuild", name, "-t:PrepareForBuild", "-nodeReuse:false", "-tl:off", "-nologo", "-v:d", $"-p:SecretGuardStartBaseImageCheckEarly={value}"],
            projectDirectory!, TimeSpan.FromMinutes(3), OutsideCi);
        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual(starts, result.Output.Contains("Target \"_SecretGuardStartBaseImageCheck\" in file", StringComparison.Ordinal), result.ToString());
    }
}

