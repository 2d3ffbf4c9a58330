using SecretGuard.EndToEnd.Infrastructure;

namespace SecretGuard.EndToEnd;

/// <summary>Adopting SecretGuard on an existing service: accept today's findings, fail only on new ones.</summary>
[TestClass]
public sealed class BaselineTests
{
    [TestMethod]
    public void A_baseline_accepts_existing_findings_fails_on_new_ones_and_reports_stale_entries()
    {
        var token = Secrets.GitHubToken(seed: 51);
        var body = """
              <ItemGroup>
                <ContainerEnvironmentVariable Include="DB_PASSWORD" Value="Sup3rS3cret!2024" />
                <!--NEW-->
                <None Update="appsettings.Production.json" CopyToPublishDirectory="PreserveNewest" />
              </ItemGroup>

            """;
        var project = SampleProject.Create("BaselineApp", body);
        project.Write("appsettings.Production.json", "{ \"ConnectionStrings\": { \"Db\": \"Server=db;User Id=app;Password=Pr0d-Legacy-1;\" } }\n");
        var archive = $"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}";
        var baseline = project.PathOf("secretguard.baseline.json");

        var update = project.PublishContainer(archive, "-p:SecretGuardUpdateBaseline=true");
        Assert.AreEqual(0, update.ExitCode, update.ToString());
        StringAssert.Contains(update.Text, "wrote 2 finding(s) to the baseline", update.ToString());
        var written = File.ReadAllText(baseline);
        Assert.IsFalse(written.Contains("Sup3rS3cret", StringComparison.Ordinal) || written.Contains("Pr0d-Legacy", StringComparison.Ordinal), written);

        var accepted = project.PublishContainer(archive);
        Assert.AreEqual(0, accepted.ExitCode, accepted.ToString());
        Assert.IsEmpty(accepted.SecretGuard.ToList(), accepted.ToString());
        StringAssert.Contains(accepted.Text, "SecretGuard: passed, no credentials, 2 accepted;", accepted.ToString());

        File.WriteAllText(project.ProjectFile, File.ReadAllText(project.ProjectFile).Replace("<!--NEW-->", $"<ContainerLabel Include=\"ci.token\" Value=\"{token}\" />", StringComparison.Ordinal));
        var newLeak = project.PublishContainer(archive);
        Assert.AreNotEqual(0, newLeak.ExitCode, newLeak.ToString());
        Assert.AreEqual("SG1004", newLeak.SecretGuard.Single().Code, newLeak.ToString());

        // Fixing a baselined leak leaves its entry stale: reported at its line in the baseline.
        File.WriteAllText(project.ProjectFile, File.ReadAllText(project.ProjectFile).Replace($"<ContainerLabel Include=\"ci.token\" Value=\"{token}\" />", "", StringComparison.Ordinal));
        project.Write("appsettings.Production.json", "{ \"ConnectionStrings\": { \"Db\": \"Server=db;User Id=app\" } }\n");
        var fixedOne = project.PublishContainer(archive);
        Assert.AreEqual(0, fixedOne.ExitCode, fixedOne.ToString());
        var stale = fixedOne.Diagnostics.Single(d => d.Code == "SG0009");
        Assert.AreEqual(Path.GetFullPath(baseline), Path.GetFullPath(stale.File), fixedOne.ToString());
        Assert.AreEqual(project.LineOf("secretguard.baseline.json", "SG1008"), stale.Line, fixedOne.ToString());
    }
}
