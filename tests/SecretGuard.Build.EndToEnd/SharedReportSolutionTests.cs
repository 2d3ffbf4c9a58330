using System.Text.Json;
using SecretGuard.EndToEnd.Infrastructure;

namespace SecretGuard.EndToEnd;

/// <summary>
/// One SARIF file and one JSON report for a solution of three container projects published with -m:
/// every project's findings under its name, whichever node finishes last, and each publish replacing
/// what the one before it wrote.
/// </summary>
[TestClass]
public sealed class SharedReportSolutionTests
{
    [TestMethod]
    public void A_parallel_solution_publish_writes_one_report_for_all_its_projects_every_time()
    {
        var root = Path.Combine(TestEnvironment.Root, "projects", "Reports-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <add key=\"secretguard-e2e\" value=\"{TestEnvironment.Feed}\" />\n  </packageSources>\n</configuration>\n");

        // The reports are set once for the solution, as a team would, in Directory.Build.props.
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), SampleProject.DefaultDirectoryBuildProps(
            "  <PropertyGroup>\n"
            + $"    <ContainerBaseImage>{TestEnvironment.BaseImage}</ContainerBaseImage>\n"
            + "    <TargetFramework>net10.0</TargetFramework>\n    <OutputType>Exe</OutputType>\n    <UseAppHost>false</UseAppHost>\n"
            + "    <ContainerArchiveOutputPath>$(MSBuildThisFileDirectory)images/</ContainerArchiveOutputPath>\n"
            + "    <SecretGuardSarifPath>$(MSBuildThisFileDirectory)reports/secretguard.sarif</SecretGuardSarifPath>\n"
            + "    <SecretGuardJsonReportPath>$(MSBuildThisFileDirectory)reports/secretguard.json</SecretGuardJsonReportPath>\n"
            + "  </PropertyGroup>\n"));
        var stripeKey = Secrets.StripeLiveKey(seed: 61);
        var githubToken = Secrets.GitHubToken(seed: 62);
        void Project(string name, string items)
        {
            Directory.CreateDirectory(Path.Combine(root, name));
            File.WriteAllText(Path.Combine(root, name, name + ".csproj"), $"<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <ContainerRepository>{name.ToLowerInvariant()}</ContainerRepository>\n  </PropertyGroup>\n{items}</Project>\n");
            File.WriteAllText(Path.Combine(root, name, "Program.cs"), $"System.Console.WriteLine(\"{name}\");\n");
        }

        Project("Orders", "");
        Project("Billing", $"  <ItemGroup>\n    <ContainerEnvironmentVariable Include=\"STRIPE_KEY\" Value=\"{stripeKey}\" />\n  </ItemGroup>\n");
        Project("Payments", $"  <ItemGroup>\n    <ContainerLabel Include=\"deploy.token\" Value=\"{githubToken}\" />\n  </ItemGroup>\n");
        foreach (var args in new[] { new[] { "new", "sln", "-n", "Shop", "--format", "sln" }, ["sln", "Shop.sln", "add", "Orders/Orders.csproj", "Billing/Billing.csproj", "Payments/Payments.csproj"] })
        {
            var step = DotNet.Run(root, TestEnvironment.Environment, args);
            Assert.AreEqual(0, step.ExitCode, step.ToString());
        }

        var sarif = Path.Combine(root, "reports", "secretguard.sarif");
        var json = Path.Combine(root, "reports", "secretguard.json");
        BuildOutput Publish() => DotNet.Run(root, TestEnvironment.Environment, "publish", "Shop.sln", "-c", "Release", "/t:PublishContainer", "-m:2", "-nodeReuse:false", "-tl:off");

        // Twice the same: the report is whole each time, and the second does not add to the first.
        for (var run = 1; run <= 2; run++)
        {
            var output = Publish();
            Assert.AreNotEqual(0, output.ExitCode, output.ToString());
            var live = Path.Combine(root, "reports", ".secretguard.json.parts", "live");
            Assert.IsEmpty(Directory.Exists(live) ? Directory.GetFiles(live) : [], "every node of the build ended its part of the run when the build ended");
            var (failed, projects) = ReadJson(json);
            Assert.IsTrue(failed, $"run {run}: a project failed, so the report says so\n{output}");
            CollectionAssert.AreEquivalent(
                new Dictionary<string, (bool, string)> { ["Orders"] = (false, ""), ["Billing"] = (true, "SG1005"), ["Payments"] = (true, "SG1004") },
                projects,
                $"run {run}: {File.ReadAllText(json)}");

            var (runs, results, named) = ReadSarif(sarif);
            Assert.AreEqual(1, runs, "one run: code scanning takes one run per tool and category");
            CollectionAssert.AreEquivalent(new[] { "Billing/Billing.csproj|SG1005", "Payments/Payments.csproj|SG1004" }, results, $"run {run}");
            CollectionAssert.AreEquivalent(new[] { "Billing/Billing.csproj", "Orders/Orders.csproj", "Payments/Payments.csproj" }, named, $"run {run}");
            foreach (var secret in new[] { stripeKey[8..], githubToken[4..] })
            {
                Assert.IsFalse(File.ReadAllText(sarif).Contains(secret, StringComparison.Ordinal) || File.ReadAllText(json).Contains(secret, StringComparison.Ordinal), "a secret is in a report");
            }
        }

        var validation = Shell.Run("bash", Path.Combine(TestEnvironment.RepositoryRoot, "scripts", "validate-sarif.sh"), sarif);
        Assert.AreEqual(0, validation.ExitCode, validation.Text);
        StringAssert.Contains(validation.Text, "schema: 0 error(s)");

        // Billing is fixed and Payments leaves the solution: the next report is of this publish alone.
        var billing = Path.Combine(root, "Billing", "Billing.csproj");
        File.WriteAllText(billing, File.ReadAllText(billing).Replace(stripeKey, "${STRIPE_KEY}", StringComparison.Ordinal));
        var remove = DotNet.Run(root, TestEnvironment.Environment, "sln", "Shop.sln", "remove", "Payments/Payments.csproj");
        Assert.AreEqual(0, remove.ExitCode, remove.ToString());
        var fixedRun = Publish();
        Assert.AreEqual(0, fixedRun.ExitCode, fixedRun.ToString());
        var (stillFailed, after) = ReadJson(json);
        Assert.IsFalse(stillFailed, File.ReadAllText(json));
        CollectionAssert.AreEquivalent(new Dictionary<string, (bool, string)> { ["Orders"] = (false, ""), ["Billing"] = (false, "") }, after, File.ReadAllText(json));
        var (_, none, checkedProjects) = ReadSarif(sarif);
        Assert.IsEmpty(none);
        CollectionAssert.AreEquivalent(new[] { "Billing/Billing.csproj", "Orders/Orders.csproj" }, checkedProjects);
    }

    /// <summary>"failed", and each project's name, whether it failed and its findings' rules.</summary>
    private static (bool Failed, Dictionary<string, (bool, string)> Projects) ReadJson(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return (doc.RootElement.GetProperty("failed").GetBoolean(), doc.RootElement.GetProperty("projects").EnumerateArray().ToDictionary(
            p => Path.GetFileNameWithoutExtension(p.GetProperty("project").GetString()!),
            p => (p.GetProperty("failed").GetBoolean(), string.Join(",", p.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()).Order()))));
    }

    /// <summary>How many runs, each result as project|rule, and the projects the run names.</summary>
    private static (int Runs, List<string> Results, List<string> Projects) ReadSarif(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var run = doc.RootElement.GetProperty("runs")[0];
        return (
            doc.RootElement.GetProperty("runs").GetArrayLength(),
            run.GetProperty("results").EnumerateArray().Select(r => $"{r.GetProperty("properties").GetProperty("project").GetString()}|{r.GetProperty("ruleId").GetString()}").ToList(),
            run.GetProperty("properties").GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("project").GetString()!).ToList());
    }
}
