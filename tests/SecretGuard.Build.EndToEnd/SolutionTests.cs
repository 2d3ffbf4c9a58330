using SecretGuard.EndToEnd.Infrastructure;

namespace SecretGuard.EndToEnd;

/// <summary>A solution of several container projects and a library, installed once in Directory.Build.props, published with -m.</summary>
[TestClass]
public sealed class SolutionTests
{
    [TestMethod]
    public void Parallel_solution_publish_fails_only_on_the_leaking_project()
    {
        var root = Path.Combine(TestEnvironment.Root, "projects", "Solution-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <add key=\"secretguard-e2e\" value=\"{TestEnvironment.Feed}\" />\n  </packageSources>\n</configuration>\n");
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), SampleProject.DefaultDirectoryBuildProps(
            $"  <PropertyGroup>\n    <ContainerBaseImage>{TestEnvironment.BaseImage}</ContainerBaseImage>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n"));
        void Project(string name, string body, string program)
        {
            Directory.CreateDirectory(Path.Combine(root, name));
            File.WriteAllText(Path.Combine(root, name, name + ".csproj"), $"<Project Sdk=\"Microsoft.NET.Sdk\">\n{body}</Project>\n");
            File.WriteAllText(Path.Combine(root, name, "Program.cs"), program);
        }

        Project("Shared", "", "namespace Shared; public static class Greeting { public const string Text = \"hello\"; }\n");
        Project("Orders", "  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n    <ContainerRepository>orders</ContainerRepository>\n  </PropertyGroup>\n  <ItemGroup>\n    <ProjectReference Include=\"../Shared/Shared.csproj\" />\n  </ItemGroup>\n",
            "System.Console.WriteLine(Shared.Greeting.Text);\n");
        Project("Billing", "  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n    <ContainerRepository>billing</ContainerRepository>\n  </PropertyGroup>\n  <ItemGroup>\n    <ContainerEnvironmentVariable Include=\"STRIPE_KEY\" Value=\"" + Secrets.StripeLiveKey(seed: 45) + "\" />\n  </ItemGroup>\n",
            "System.Console.WriteLine(\"billing\");\n");
        foreach (var args in new[] { new[] { "new", "sln", "-n", "Services", "--format", "sln" }, ["sln", "Services.sln", "add", "Shared/Shared.csproj", "Orders/Orders.csproj", "Billing/Billing.csproj"] })
        {
            var step = DotNet.Run(root, TestEnvironment.Environment, args);
            Assert.AreEqual(0, step.ExitCode, step.ToString());
        }

        var images = Path.Combine(root, "images") + Path.DirectorySeparatorChar;
        var output = DotNet.Run(root, TestEnvironment.Environment,
            "publish", "Services.sln", "-c", "Release", "/t:PublishContainer", "-m:2", "-nodeReuse:false", "-tl:off", "-p:UseAppHost=false", $"-p:ContainerArchiveOutputPath={images}");

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        var billing = Path.Combine(root, "Billing", "Billing.csproj");
        var error = output.Errors("SG1005").Single();
        var line = Array.FindIndex(File.ReadAllLines(billing), l => l.Contains("STRIPE_KEY", StringComparison.Ordinal)) + 1;
        Assert.AreEqual((billing, line), (Path.GetFullPath(error.File), error.Line), output.ToString());
        Assert.HasCount(1, output.SecretGuard.ToList(), output.ToString());
        Assert.IsTrue(File.Exists(Path.Combine(images, "orders.tar.gz")), "the clean project's image is written:\n" + output);
        Assert.IsFalse(File.Exists(Path.Combine(images, "billing.tar.gz")), "the leaking project's image is not");
        Assert.IsFalse(output.Text.Contains(Secrets.StripeLiveKey(seed: 45)[8..], StringComparison.Ordinal), "a secret was printed");
    }
}
