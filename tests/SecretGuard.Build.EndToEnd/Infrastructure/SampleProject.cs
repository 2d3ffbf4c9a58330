namespace SecretGuard.EndToEnd.Infrastructure;

/// <summary>A project written to a temp folder that references the freshly packed package.</summary>
public sealed class SampleProject
{
    private SampleProject(string directory, string name)
    {
        Directory = directory;
        Name = name;
    }

    public string Directory { get; }

    public string Name { get; }

    public string ProjectFile => Path.Combine(Directory, Name + ".csproj");

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    /// <summary>
    /// Creates a console app. <paramref name="projectBody"/> goes inside &lt;Project&gt;; the
    /// PackageReference is added by Directory.Build.props unless <paramref name="directoryBuildProps"/> replaces it.
    /// </summary>
    public static SampleProject Create(string name, string projectBody = "", string? directoryBuildProps = null, string sdk = "Microsoft.NET.Sdk")
    {
        var dir = Path.Combine(TestEnvironment.Root, "projects", name + "-" + Guid.NewGuid().ToString("N")[..6]);
        System.IO.Directory.CreateDirectory(dir);
        var project = new SampleProject(dir, name);
        project.Write("nuget.config", $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <add key=\"secretguard-e2e\" value=\"{TestEnvironment.Feed}\" />\n  </packageSources>\n</configuration>\n");
        project.Write("Directory.Build.props", directoryBuildProps ?? DefaultDirectoryBuildProps());
        project.Write(name + ".csproj", $"<Project Sdk=\"{sdk}\">\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n    <TargetFramework>net10.0</TargetFramework>\n    <ContainerBaseImage>{TestEnvironment.BaseImage}</ContainerBaseImage>\n    <ContainerRepository>{name.ToLowerInvariant()}</ContainerRepository>\n  </PropertyGroup>\n{projectBody}</Project>\n");
        project.Write("Program.cs", "System.Console.WriteLine(\"hello\");\n");
        return project;
    }

    /// <summary>The solution-wide install: one PackageReference in Directory.Build.props.</summary>
    public static string DefaultDirectoryBuildProps(string extra = "") =>
        $"<Project>\n  <ItemGroup>\n    <PackageReference Include=\"SecretGuard.Build\" Version=\"{TestEnvironment.PackageVersion}\" PrivateAssets=\"all\" />\n  </ItemGroup>\n{extra}</Project>\n";

    public SampleProject Write(string relative, string content)
    {
        var path = PathOf(relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public SampleProject Write(string relative, byte[] content)
    {
        var path = PathOf(relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return this;
    }

    /// <summary>1-based line number of the first line containing <paramref name="text"/> in a file of the project.</summary>
    public int LineOf(string relative, string text)
    {
        var lines = File.ReadAllLines(PathOf(relative));
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.IsGreaterThanOrEqualTo(0, index, $"'{text}' not in {relative}");
        return index + 1;
    }

    /// <summary>1-based column of the first occurrence of <paramref name="text"/> in a file of the project.</summary>
    public int ColumnOf(string relative, string text)
    {
        var line = File.ReadAllLines(PathOf(relative)).First(l => l.Contains(text, StringComparison.Ordinal));
        return line.IndexOf(text, StringComparison.Ordinal) + 1;
    }

    public BuildOutput PublishContainer(params string[] properties) =>
        DotNet.Run(Directory, TestEnvironment.Environment,
            ["publish", ProjectFile, "-c", "Release", "/t:PublishContainer", "-nodeReuse:false", "-tl:off", "-p:UseAppHost=false", .. properties]);
}
