using SecretGuard.Detection;
using SecretGuard.Reporting;
using SecretGuard.SourceMapping;
using SecretGuard.Findings;

namespace SecretGuard.Tests.SourceMapping;

[TestClass]
public sealed class SourceMapperTests
{
    private string _dir = "";

    [TestInitialize]
    public void Init() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sg-map-" + Guid.NewGuid().ToString("N")));

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static Finding Finding(ImageLocation location) =>
        new("SG1010", "Credential-named setting with a value", Confidence.Medium, "value of X", "", location, "*** (12 chars)", "sg1:00000000000000000000");

    [TestMethod]
    public void Env_finding_points_at_the_item_line_in_the_defining_props_file()
    {
        var props = Write("Directory.Build.props", "<Project>\n  <ItemGroup>\n    <ContainerEnvironmentVariable Include=\"OTHER\" Value=\"1\" />\n    <ContainerEnvironmentVariable Include=\"DB_PASSWORD\" Value=\"$(DbPassword)\" />\n  </ItemGroup>\n</Project>\n");
        var project = Write("app.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        var mapper = new SourceMapper(new ProjectContext
        {
            ProjectFile = project,
            Items = [new ContainerItem("ContainerEnvironmentVariable", "DB_PASSWORD", props)],
        });

        var d = mapper.Map(Finding(new EnvLocation("DB_PASSWORD")));
        Assert.AreEqual(props, d.File);
        Assert.AreEqual(4, d.Line);
        Assert.AreEqual(5, d.Column);
        StringAssert.Contains(d.Message, "$(DbPassword)");
        StringAssert.Contains(d.Message, "Revoke and rotate");
        StringAssert.Contains(d.Message, "DB_PASSWORD_FILE=/run/secrets/db_password");
    }

    [TestMethod]
    public void Env_not_set_by_the_project_points_at_ContainerBaseImage()
    {
        var project = Write("app.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <ContainerBaseImage>localhost:5000/base:1</ContainerBaseImage>\n  </PropertyGroup>\n</Project>\n");
        var mapper = new SourceMapper(new ProjectContext { ProjectFile = project, BaseImage = "localhost:5000/base:1", PropertyFiles = [project] });

        var d = mapper.Map(Finding(new EnvLocation("TOKEN")));
        Assert.AreEqual(project, d.File);
        Assert.AreEqual(3, d.Line);
        StringAssert.Contains(d.Message, "inherited from base image 'localhost:5000/base:1'");
    }

    [TestMethod]
    public void App_layer_file_maps_to_the_published_project_file_and_line()
    {
        var project = Write("app.csproj", "<Project />");
        var source = Write("config/appsettings.Production.json", "{}");
        var mapper = new SourceMapper(new ProjectContext
        {
            ProjectFile = project,
            PublishedFiles = [new PublishedFile(source, "appsettings.Production.json")],
        });

        var d = mapper.Map(Finding(new LayerFileLocation(1, "sha256:x", "/app/appsettings.Production.json", 7, 23)));
        Assert.AreEqual(source, d.File);
        Assert.AreEqual((7, 23), (d.Line, d.Column));
    }

    [TestMethod]
    public void Unknown_or_generated_files_fall_back_to_the_project_with_the_image_path()
    {
        var project = Write("app.csproj", "<Project />");
        var generated = Write("obj/Release/app.deps.json", "{}");
        var mapper = new SourceMapper(new ProjectContext
        {
            ProjectFile = project,
            PublishedFiles = [new PublishedFile(generated, "app.deps.json")],
        });

        var unknown = mapper.Map(Finding(new LayerFileLocation(1, "sha256:x", "/etc/secret.txt", 2, 1)));
        Assert.AreEqual((project, 0), (unknown.File, unknown.Line));
        StringAssert.Contains(unknown.Message, "/etc/secret.txt");

        var fromObj = mapper.Map(Finding(new LayerFileLocation(1, "sha256:x", "/app/app.deps.json", 2, 1)));
        Assert.AreEqual(project, fromObj.File);
        StringAssert.Contains(fromObj.Message, "published from");
    }

    [TestMethod]
    public void Argument_finding_points_at_the_args_item()
    {
        var project = Write("app.csproj", "<Project>\n<ItemGroup>\n  <ContainerAppCommandArgs Include=\"--verbose\" />\n  <ContainerAppCommandArgs Include=\"--token=abc\" />\n</ItemGroup>\n</Project>\n");
        var mapper = new SourceMapper(new ProjectContext
        {
            ProjectFile = project,
            Items = [new ContainerItem("ContainerAppCommandArgs", "--verbose", project), new ContainerItem("ContainerAppCommandArgs", "--token=abc", project)],
        });

        var d = mapper.Map(Finding(new ArgumentLocation("Entrypoint", 3, "--token=abc")));
        Assert.AreEqual((project, 4), (d.File, d.Line));
        Assert.IsFalse(d.Message.Contains("abc", StringComparison.Ordinal), "the argument text must not be printed");
    }

    [TestMethod]
    public void File_from_a_NuGet_package_names_the_package_and_is_third_party()
    {
        var project = Write("app.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        var mapper = new SourceMapper(new ProjectContext
        {
            ProjectFile = project,
            PublishedFiles = [new PublishedFile("/root/.nuget/packages/contoso.client/2.1.0/contentFiles/any/any/contoso.json", "contoso.json", "Contoso.Client", "2.1.0")],
        });

        var d = mapper.Map(Finding(new LayerFileLocation(LayerFileLocation.AppLayerToBuild, "", "/app/contoso.json", 3, 9)));

        Assert.AreEqual((project, 0, true), (d.File, d.Line, d.IsThirdParty));
        StringAssert.Contains(d.Message, "/app/contoso.json (line 3) in the app layer, a file of NuGet package Contoso.Client 2.1.0");
    }

    [TestMethod]
    public void Near_miss_a_project_file_published_without_package_metadata_points_at_its_line()
    {
        var source = Write("appsettings.json", "{}\n");
        var project = Write("app.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        var mapper = new SourceMapper(new ProjectContext { ProjectFile = project, PublishedFiles = [new PublishedFile(source, "appsettings.json")] });

        var d = mapper.Map(Finding(new LayerFileLocation(LayerFileLocation.AppLayerToBuild, "", "/app/appsettings.json", 1, 2)));

        Assert.AreEqual((source, 1, false), (d.File, d.Line, d.IsThirdParty));
    }
}
