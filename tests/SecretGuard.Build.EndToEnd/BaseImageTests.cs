using SecretGuard.EndToEnd.Infrastructure;

namespace SecretGuard.EndToEnd;

/// <summary>The base image, fetched from the real local registry by the gate before anything is built or pushed.</summary>
[TestClass]
public sealed class BaseImageTests
{
    private static SampleProject WithBase(string name, string baseImage, string body = "")
    {
        var project = SampleProject.Create(name, body);
        File.WriteAllText(project.ProjectFile, File.ReadAllText(project.ProjectFile).Replace(TestEnvironment.BaseImage, baseImage, StringComparison.Ordinal));
        return project;
    }

    private static BuildDiagnostic Single(BuildOutput output, string code, string severity = "error") =>
        output.Diagnostics.Where(d => d.Code == code && d.Severity == severity).ToList() is { Count: 1 } list
            ? list[0]
            : throw new AssertFailedException($"one {severity} {code} expected:\n{output}");

    [TestMethod]
    public void Deleted_file_nested_zip_and_zstd_layer_in_the_base_image_stop_the_push()
    {
        var project = WithBase("LayeredBaseApp", TestEnvironment.LayeredLeakyBaseImage);
        var cache = $"-p:SecretGuardCacheDirectory={project.PathOf("sg-cache")}";
        var output = project.PublishContainer($"-p:ContainerRegistry={TestEnvironment.Registry.Host}", cache);

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        Assert.IsEmpty(TestEnvironment.Registry.Tags("layeredbaseapp"), "nothing is pushed");
        var line = project.LineOf("LayeredBaseApp.csproj", "<ContainerBaseImage>");

        foreach (var code in new[] { "SG1002", "SG1003" })
        {
            var aws = Single(output, code);
            Assert.AreEqual((Path.GetFullPath(project.ProjectFile), line), (Path.GetFullPath(aws.File), aws.Line), output.ToString());
            StringAssert.Contains(aws.Message, "/root/.aws/credentials (line");
            StringAssert.Contains(aws.Message, "in layer 1 of base image");
            StringAssert.Contains(aws.Message, "deleted in layer 3 but still recoverable from layer 1");
        }

        var npm = Single(output, "SG1012");
        Assert.AreEqual(line, npm.Line, output.ToString());
        StringAssert.Contains(npm.Message, "/opt/tools/plugin.zip!/config/.npmrc (line 1) in layer 2 of base image"); // the zstd layer
        StringAssert.Contains(output.Text, "base image '", output.ToString());
        var keyWarnings = output.Diagnostics.Where(d => d.Code == "SG1001" && d.Severity == "warning").ToList();
        Assert.HasCount(2, keyWarnings, output.ToString());
        var example = keyWarnings.Single(d => d.Message.Contains("/usr/share/doc/openssl/examples/server.key", StringComparison.Ordinal));
        Assert.AreEqual(line, example.Line, output.ToString());
        StringAssert.Contains(example.Message, "documentation folder");
        var selfTest = keyWarnings.Single(d => d.Message.Contains("/usr/lib/x86_64-linux-gnu/libselftest.so.30", StringComparison.Ordinal));
        StringAssert.Contains(selfTest.Message, "(2 of them) in the strings of a system package's binary");
        Assert.IsFalse(output.SecretGuard.Any(d => d.Message.Contains("/usr/share/doc/libpq5", StringComparison.Ordinal)), "a documentation URL example is not reported");
        Assert.IsFalse(output.SecretGuard.Any(d => d.Message.Contains("auth.py", StringComparison.Ordinal)), "library code is not reported");
        Assert.IsFalse(output.Text.Contains(Secrets.AwsSecret(), StringComparison.Ordinal) || output.Text.Contains(Secrets.NpmToken(seed: 42)[8..], StringComparison.Ordinal), "a secret was printed");

        // Lowered to warnings, SecretGuard lets the build go on; the base image's layers now come from the cache.
        // (SDK 10.0.1xx-4xx itself then refuses the zstd base layer, CONTAINER2001: not SecretGuard's to judge.)
        var lowered = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}", cache, "-p:SecretGuardBaseImageFindingsAsWarnings=true");
        Assert.HasCount(5, lowered.SecretGuard.Where(d => d.Severity == "warning").ToList(), lowered.ToString());
        Assert.IsFalse(lowered.SecretGuard.Any(d => d.Severity == "error"), lowered.ToString());
        StringAssert.Contains(lowered.Text, "Building image 'layeredbaseapp'", "the gate let the build go on");
        StringAssert.Contains(lowered.Text, "3 layers, 3 from cache", lowered.ToString());
    }

    [TestMethod]
    public void Each_platform_of_a_multi_arch_base_is_checked_and_shared_layers_once()
    {
        var multiRid = "  <PropertyGroup>\n    <RuntimeIdentifiers>linux-x64;linux-arm64</RuntimeIdentifiers>\n    <ContainerRuntimeIdentifiers>linux-x64;linux-arm64</ContainerRuntimeIdentifiers>\n  </PropertyGroup>\n";
        var project = WithBase("MultiArchBaseApp", TestEnvironment.MultiPlatformBaseImage, multiRid);
        var output = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}");

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        var token = Single(output, "SG1004");
        StringAssert.Contains(token.Message, "/root/.git-credentials (line 1) in layer 2 of base image");
        StringAssert.Contains(token.Message, "linux/arm64");
        StringAssert.Contains(output.Text, "(3 layers,", "two platforms, one shared layer: three layers read");
        Assert.IsFalse(File.Exists(project.PathOf("image.tar.gz")));

        // Near miss: an x64-only image of the same base does not ship the arm64 layer.
        var x64 = WithBase("X64BaseApp", TestEnvironment.MultiPlatformBaseImage, "  <PropertyGroup>\n    <ContainerRuntimeIdentifier>linux-x64</ContainerRuntimeIdentifier>\n  </PropertyGroup>\n");
        var clean = x64.PublishContainer($"-p:ContainerArchiveOutputPath={x64.PathOf("image.tar.gz")}");
        Assert.AreEqual(0, clean.ExitCode, clean.ToString());
        Assert.IsEmpty(clean.SecretGuard.ToList(), clean.ToString());
    }

    [TestMethod]
    public void Missing_base_image_is_a_clear_error_at_ContainerBaseImage_beside_the_apps_own_findings()
    {
        var project = WithBase("MissingBaseApp", $"{TestEnvironment.Registry.Host}/sg-missing:1",
            "  <ItemGroup>\n    <None Include=\"app.env\" CopyToPublishDirectory=\"PreserveNewest\" />\n  </ItemGroup>\n");
        project.Write("app.env", "# payments\nSTRIPE_KEY=" + Secrets.StripeLiveKey(seed: 45) + "\n");
        var output = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}");

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        var error = Single(output, "SG0011");
        Assert.AreEqual(project.LineOf("MissingBaseApp.csproj", "<ContainerBaseImage>"), error.Line, output.ToString());
        StringAssert.Contains(error.Message, "was not found in registry");
        StringAssert.Contains(error.Message, "(404)");
        StringAssert.Contains(error.Message, "SecretGuardScanBaseImage=false");
        var leak = Single(output, "SG1005");
        Assert.AreEqual((Path.GetFullPath(project.PathOf("app.env")), 2), (Path.GetFullPath(leak.File), leak.Line), "the app's own leak is still reported: " + output);
        Assert.IsFalse(output.Text.Contains("   at ", StringComparison.Ordinal), "no stack trace");
    }

    [TestMethod]
    public void Multi_rid_inner_build_is_gated_before_its_image_is_pushed()
    {
        // A file only the arm64 publish folder holds: the outer gate cannot see it, the inner build's gate does.
        var body = "  <PropertyGroup>\n    <RuntimeIdentifiers>linux-x64;linux-arm64</RuntimeIdentifiers>\n    <ContainerRuntimeIdentifiers>linux-x64;linux-arm64</ContainerRuntimeIdentifiers>\n  </PropertyGroup>\n"
            + "  <ItemGroup>\n    <None Include=\"arm.env\" CopyToPublishDirectory=\"PreserveNewest\" Condition=\"'$(RuntimeIdentifier)' == 'linux-arm64'\" />\n  </ItemGroup>\n";
        var project = SampleProject.Create("InnerGateApp", body);
        project.Write("arm.env", "# arm64 only\nSTRIPE_KEY=" + Secrets.StripeLiveKey(seed: 44) + "\n");

        var output = project.PublishContainer($"-p:ContainerRegistry={TestEnvironment.Registry.Host}");

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        var error = Single(output, "SG1005");
        Assert.AreEqual((Path.GetFullPath(project.PathOf("arm.env")), 2), (Path.GetFullPath(error.File), error.Line), output.ToString());
        var tags = TestEnvironment.Registry.Tags("innergateapp");
        Assert.IsFalse(tags.Contains("latest-linux-arm64"), "the leaking arm64 image must not be pushed: " + string.Join(", ", tags));
        Assert.IsFalse(tags.Contains("latest"), "no index is pushed: " + string.Join(", ", tags));
    }
}
