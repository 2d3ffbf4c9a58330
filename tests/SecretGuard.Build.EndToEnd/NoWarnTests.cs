using System.Text;
using SecretGuard.EndToEnd.Infrastructure;

namespace SecretGuard.EndToEnd;

/// <summary>
/// NoWarn switches a rule off, but never a check that did not run: an unreadable base image or layer
/// stays an error wherever NoWarn is set, so a warning switch cannot ship an unchecked image.
/// </summary>
[TestClass]
public sealed class NoWarnTests
{
    private static SampleProject WithBase(string name, string baseImage, string body = "", string? directoryBuildProps = null)
    {
        var project = SampleProject.Create(name, body, directoryBuildProps);
        File.WriteAllText(project.ProjectFile, File.ReadAllText(project.ProjectFile).Replace(TestEnvironment.BaseImage, baseImage, StringComparison.Ordinal));
        return project;
    }

    private static BuildDiagnostic Single(BuildOutput output, string code) =>
        output.Diagnostics.Where(d => d.Code == code && d.Severity == "error").ToList() is { Count: 1 } list
            ? list[0]
            : throw new AssertFailedException($"one error {code} expected:\n{output}");

    [TestMethod]
    public void An_unreachable_base_image_stays_SG0011_with_NoWarn_on_the_command_line_or_in_a_props_file()
    {
        var missing = $"{TestEnvironment.Registry.Host}/sg-nowarn-missing:1";
        var body = "  <ItemGroup>\n    <None Include=\"app.env\" CopyToPublishDirectory=\"PreserveNewest\" />\n  </ItemGroup>\n";

        var onCommandLine = WithBase("NoWarnCliApp", missing);
        var cli = onCommandLine.PublishContainer($"-p:ContainerArchiveOutputPath={onCommandLine.PathOf("image.tar.gz")}", "-p:NoWarn=SG0011");
        Assert.AreNotEqual(0, cli.ExitCode, cli.ToString());
        Assert.AreEqual(onCommandLine.LineOf("NoWarnCliApp.csproj", "<ContainerBaseImage>"), Single(cli, "SG0011").Line, cli.ToString());
        Assert.IsFalse(File.Exists(onCommandLine.PathOf("image.tar.gz")), "no image was written");

        // In Directory.Build.props, beside a rule NoWarn does switch off: the leak is hidden, the unchecked base image is not.
        var props = SampleProject.DefaultDirectoryBuildProps("  <PropertyGroup>\n    <NoWarn>$(NoWarn);SG0011;SG1005</NoWarn>\n  </PropertyGroup>\n");
        var inProps = WithBase("NoWarnPropsApp", missing, body, props);
        inProps.Write("app.env", "# payments\nSTRIPE_KEY=" + Secrets.StripeLiveKey(seed: 61) + "\n");
        var output = inProps.PublishContainer($"-p:ContainerArchiveOutputPath={inProps.PathOf("image.tar.gz")}");
        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        StringAssert.Contains(Single(output, "SG0011").Message, "SecretGuardScanBaseImage=false");
        Assert.IsFalse(output.SecretGuard.Any(d => d.Code == "SG1005"), "NoWarn still switches a rule off: " + output);
        Assert.IsFalse(File.Exists(inProps.PathOf("image.tar.gz")), "no image was written");
    }

    [TestMethod]
    public void A_base_layer_that_cannot_be_read_stays_SG0003_with_NoWarn()
    {
        // A gzip layer cut in half: the registry stores it (its digest is of the bytes it got), nobody can unpack it.
        var good = Layer.Gzip(Layer.Tar(("etc/os-release", Encoding.UTF8.GetBytes("ID=sgtest\n"))));
        var cut = new Layer(good.Blob[..(good.Blob.Length / 2)], good.Uncompressed, good.MediaType);
        TestEnvironment.Registry.PushImage("sg-nowarn-corrupt", "1", [cut], ["PATH=/usr/bin"]);

        var project = WithBase("NoWarnCorruptApp", $"{TestEnvironment.Registry.Host}/sg-nowarn-corrupt:1");
        var output = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}", "-p:NoWarn=SG0003%3BSG0002");
        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        var error = Single(output, "SG0003");
        Assert.AreEqual(project.LineOf("NoWarnCorruptApp.csproj", "<ContainerBaseImage>"), error.Line, output.ToString());
        Assert.IsFalse(File.Exists(project.PathOf("image.tar.gz")), "no image was written");
    }
}
