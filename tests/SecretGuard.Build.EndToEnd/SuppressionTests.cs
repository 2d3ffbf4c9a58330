using System.Text.RegularExpressions;
using SecretGuard.EndToEnd.Infrastructure;

namespace SecretGuard.EndToEnd;

/// <summary>Accepting findings with a reason, and being told when an acceptance has gone stale.</summary>
[TestClass]
public sealed class SuppressionTests
{
    [TestMethod]
    public void Fingerprint_glob_and_inline_suppressions_accept_findings_and_unused_ones_are_reported()
    {
        var body = """
              <ItemGroup>
                <ContainerEnvironmentVariable Include="DB_PASSWORD" Value="Sup3rS3cret!2024" />
                <None Update="appsettings.Staging.json" CopyToPublishDirectory="PreserveNewest" />
                <None Remove=".env" />
                <None Include=".env" CopyToPublishDirectory="PreserveNewest" />
              </ItemGroup>
            <!--SUPPRESSIONS-->
            """;
        var project = SampleProject.Create("SuppressedApp", body);
        project.Write("appsettings.Staging.json", "{ \"ConnectionStrings\": { \"Db\": \"Server=stage;User Id=app;Password=St4ging-Only;\" } }\n");
        project.Write(".env", "API_KEY=q8Zr1kPw0sLx7YtB\n");
        var archive = $"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}";

        var first = project.PublishContainer(archive);
        Assert.AreNotEqual(0, first.ExitCode, first.ToString());
        Assert.HasCount(3, first.SecretGuard.ToList(), first.ToString());
        var env = first.Errors("SG1010").Single(d => d.Message.Contains("ENV DB_PASSWORD", StringComparison.Ordinal));
        var fingerprint = Regex.Match(env.Message, @"\(fingerprint (sg1:[0-9a-f]{20})\)").Groups[1].Value;
        Assert.IsFalse(string.IsNullOrEmpty(fingerprint), env.Message);

        var suppressions = $"""
              <ItemGroup>
                <SecretGuardSuppress Include="{fingerprint}" Justification="throwaway database of the demo image" />
                <SecretGuardSuppress Include="staging settings" ImagePath="/app/appsettings.*.json" />
                <SecretGuardSuppress Include="SG1005" Justification="the old Stripe key, long rotated" />
              </ItemGroup>

            """;
        File.WriteAllText(project.ProjectFile, File.ReadAllText(project.ProjectFile).Replace("<!--SUPPRESSIONS-->", suppressions, StringComparison.Ordinal));
        project.Write(".env", "API_KEY=q8Zr1kPw0sLx7YtB # secretguard:ignore test fixture key\n");

        var second = project.PublishContainer(archive);

        Assert.AreEqual(0, second.ExitCode, second.ToString());
        Assert.IsFalse(second.SecretGuard.Any(d => d.Code.StartsWith("SG1", StringComparison.Ordinal)), second.ToString());
        var unjustified = second.Diagnostics.Single(d => d.Code == "SG0008");
        Assert.AreEqual(("warning", project.LineOf("SuppressedApp.csproj", "staging settings")), (unjustified.Severity, unjustified.Line), second.ToString());
        var stale = second.Diagnostics.Single(d => d.Code == "SG0009");
        Assert.AreEqual(("warning", project.LineOf("SuppressedApp.csproj", "Include=\"SG1005\"")), (stale.Severity, stale.Line), second.ToString());
        StringAssert.Contains(second.Text, ", 3 accepted;", second.ToString());
    }
}
