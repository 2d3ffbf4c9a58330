using SecretGuard.Reporting;
using System.Text.Json;
using SecretGuard.Detection;
using SecretGuard.Findings;
using SecretGuard.ImageReading;
using SecretGuard.Scanning;
using SecretGuard.SourceMapping;

namespace SecretGuard.Tests.Scanning;

/// <summary>
/// Every string of an image config is checked, not only Env, Labels, the command line and history's
/// created_by: a base image made without a Dockerfile (Jib, ko, crane mutate) can carry a credential in its
/// health check, a history comment or a field of no spec, with no history step repeating it.
/// </summary>
[TestClass]
public sealed class ConfigFieldTests
{
    private static readonly string Token = TestSecrets.GitHubToken(seed: 81);

    private static string Json(string s) => JsonSerializer.Serialize(s);

    private static List<Finding> Scan(string configJson) => new ConfigScanner(RuleSet.Default).Scan(ImageConfig.Parse(configJson)).ToList();

    private static string PlaceOf(Finding f) => f.Location is ConfigFieldLocation field ? field.Place : f.Location.Describe();

    [TestMethod]
    public void A_token_in_a_base_image_health_check_is_found_at_its_argument()
    {
        var json = "{\"config\":{\"Healthcheck\":{\"Test\":[\"CMD-SHELL\"," + Json("curl -H 'Authorization: token " + Token + "' localhost") + "],\"Interval\":30000000000}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";

        var findings = Scan(json);

        Assert.IsNotEmpty(findings);
        Assert.IsTrue(findings.All(f => PlaceOf(f) == "config.Healthcheck.Test[1]"), string.Join(", ", findings.Select(PlaceOf)));
        Assert.IsTrue(findings.Any(f => f.RuleId == "SG1004"));
        Assert.AreEqual("field config.Healthcheck.Test[1] of the image config", findings[0].Location.Describe());
    }

    [TestMethod]
    public void Every_field_a_builder_can_set_is_checked_at_its_place()
    {
        var t = Json(Token);
        var json = "{\"author\":" + t + ",\"config\":{"
            + "\"User\":" + Json("app:" + Token) + ",\"OnBuild\":[\"RUN true\"," + Json("ENV GITHUB_TOKEN=" + Token) + "],"
            + "\"Shell\":[\"/bin/sh\",\"-c\"," + t + "],\"StopSignal\":" + t + ",\"Volumes\":{\"/data\":{}," + Json("/mnt/" + Token) + ":{}},"
            + "\"X-Vendor-Field\":{\"nested\":[1,{\"deep\":" + t + "}]}},"
            + "\"container_config\":{\"Env\":[\"PATH=/usr/bin\"," + Json("GITHUB_TOKEN=" + Token) + "]},"
            + "\"history\":[{\"created_by\":\"ADD rootfs.tar /\"},{\"created_by\":\"RUN true\",\"author\":" + t + "},{\"created_by\":\"RUN true\"},{\"created_by\":\"RUN true\",\"comment\":" + Json("pushed with " + Token) + "}]}";

        var places = Scan(json).Where(f => f.RuleId == "SG1004").Select(PlaceOf).Distinct().Order(StringComparer.Ordinal).ToList();

        CollectionAssert.AreEqual(
            new[]
            {
                "author", "config.OnBuild[1]", "config.Shell[2]", "config.StopSignal", "config.User", "config.Volumes (key 2)",
                "config.X-Vendor-Field.nested[1].deep", "container_config.Env[1]", "history[1].author", "history[3].comment",
            },
            places);
    }

    [TestMethod]
    public void A_place_never_shows_a_value_even_where_a_key_is_one()
    {
        var other = TestSecrets.GitHubToken(seed: 82);
        var json = "{\"config\":{\"Custom\":{" + Json(Token) + ":" + Json(other) + "}}}";

        var findings = Scan(json);

        CollectionAssert.AreEquivalent(new[] { "config.Custom (key 1)", "config.Custom.(field 1)" }, findings.Select(PlaceOf).ToList());
        Assert.IsFalse(findings.Any(f => f.Location.Describe().Contains("ghp_", StringComparison.Ordinal) || f.Location.StableKey.Contains("ghp_", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void An_ordinary_config_of_Docker_BuildKit_and_the_SDK_gives_no_finding()
    {
        // Fields as Docker, BuildKit and the SDK write them: ids, digests, a base64 build record, ports,
        // volumes, a health check with no credential, a user, a working directory, placeholders and _FILE names.
        var json = """
            {
              "architecture": "amd64", "os": "linux", "variant": "v8", "os.version": "10.0.17763.5576",
              "created": "2024-05-01T12:00:00.123456789Z", "docker_version": "20.10.7", "author": "Acme Platform Team <platform@acme.example>",
              "container": "3f4e2a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f",
              "parent": "sha256:9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b",
              "moby.buildkit.buildinfo.v1": "eyJmcm9udGVuZCI6ImRvY2tlcmZpbGUudjAiLCJhdHRycyI6eyJmaWxlbmFtZSI6IkRvY2tlcmZpbGUifSwic291cmNlcyI6W119",
              "config": {
                "Hostname": "3f4e2a9b8c7d", "Domainname": "", "User": "app", "WorkingDir": "/app",
                "ExposedPorts": { "8080/tcp": {}, "443/tcp": {} }, "Volumes": { "/data": {}, "/var/log/app": {} },
                "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin", "APP_UID=1654", "DB_PASSWORD_FILE=/run/secrets/db_password"],
                "Healthcheck": { "Test": ["CMD", "curl", "-f", "http://localhost:8080/healthz"], "Interval": 30000000000, "Retries": 3 },
                "OnBuild": ["COPY . /src", "RUN dotnet restore"], "Shell": ["/bin/bash", "-o", "pipefail", "-c"],
                "StopSignal": "SIGTERM", "ArgsEscaped": true, "Image": "sha256:0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d",
                "MacAddress": "02:42:ac:11:00:02", "ApiToken": "${API_TOKEN}", "Password": "changeme",
                "Labels": { "org.opencontainers.image.source": "https://github.com/acme/api" }
              },
              "container_config": { "Cmd": ["/bin/sh", "-c", "#(nop) ", "ENV APP_UID=1654"], "Image": "sha256:0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d" },
              "rootfs": { "type": "layers", "diff_ids": ["sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef"] },
              "history": [
                { "created": "2024-05-01T12:00:00Z", "created_by": "/bin/sh -c #(nop) ADD file:abc in / ", "comment": "buildkit.dockerfile.v0" },
                { "created": "2024-05-01T12:00:01Z", "created_by": "ENV APP_UID=1654", "comment": "buildkit.dockerfile.v0", "empty_layer": true },
                { "author": ".NET SDK", "created": "2024-05-02T08:00:00Z", "created_by": ".NET SDK Container Tooling, version 10.0.100" }
              ]
            }
            """;

        var findings = Scan(json);

        Assert.IsEmpty(findings, string.Join(", ", findings.Select(f => $"{f.RuleId} at {PlaceOf(f)}")));
    }

    [TestMethod]
    public void A_field_of_no_spec_named_like_a_credential_is_judged_with_its_name()
    {
        var json = "{\"config\":{\"ApiToken\":\"Zq8vK2mW9xR4tY7uP3sN6bL1\"}}";

        var finding = Scan(json).Single();

        Assert.AreEqual("config.ApiToken", PlaceOf(finding));
    }

    [TestMethod]
    public void The_user_the_project_sets_is_checked_before_the_build()
    {
        var config = new ImageConfig([], [], [], [], "/app/", []) { User = "svc:" + Token };

        var finding = new ConfigScanner(RuleSet.Default).Scan(config).Single();

        Assert.AreEqual(("SG1004", "config.User"), (finding.RuleId, PlaceOf(finding)));
    }

    [TestMethod]
    public void A_config_without_its_entries_leaves_nothing_to_scan()
    {
        var json = "{\"author\":" + Json(Token) + ",\"config\":{\"Env\":[" + Json("GITHUB_TOKEN=" + Token) + "],\"User\":" + Json(Token) + ",\"StopSignal\":" + Json(Token) + "},"
            + "\"history\":[{\"created_by\":" + Json("RUN echo " + Token) + ",\"comment\":" + Json(Token) + "}]}";

        Assert.IsNotEmpty(Scan(json));
        Assert.IsEmpty(new ConfigScanner(RuleSet.Default).Scan(ImageConfig.Parse(json).WithoutEntries()).ToList());
    }

    [TestMethod]
    public void A_field_the_SDK_writes_from_a_property_points_at_the_property_and_others_at_the_base_image()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sg-field-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var project = Path.Combine(dir, "app.csproj");
            File.WriteAllText(project, "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <ContainerBaseImage>localhost:5000/base:1</ContainerBaseImage>\n    <ContainerUser>$(ServiceUser)</ContainerUser>\n  </PropertyGroup>\n</Project>\n");
            var mapper = new SourceMapper(new ProjectContext { ProjectFile = project, BaseImage = "localhost:5000/base:1", PropertyFiles = [project] });
            Finding At(string place, BaseImageOrigin? origin = null) =>
                new("SG1004", "GitHub token", Confidence.High, "GitHub token", "", new ConfigFieldLocation(place) { Base = origin }, "ghp_*** (40 chars)", "sg1:00000000000000000000");

            var user = mapper.Map(At("config.User"));
            Assert.AreEqual((project, 4), (user.File, user.Line));
            StringAssert.Contains(user.Message, "written by the SDK from $(ContainerUser)");
            StringAssert.Contains(user.Message, "$(ServiceUser)");

            var healthcheck = mapper.Map(At("config.Healthcheck.Test[1]"));
            Assert.AreEqual((project, 3, true), (healthcheck.File, healthcheck.Line, healthcheck.IsBaseImage));
            StringAssert.Contains(healthcheck.Message, "field config.Healthcheck.Test[1] of the image config, inherited from base image 'localhost:5000/base:1'");

            var onBuild = mapper.Map(At("config.OnBuild[0]", new BaseImageOrigin("localhost:5000/base:1")));
            Assert.AreEqual((project, 3, true), (onBuild.File, onBuild.Line, onBuild.IsBaseImage));
            StringAssert.Contains(onBuild.Message, "in field config.OnBuild[0] of the image config of base image 'localhost:5000/base:1'");
            // The SDK leaves OnBuild out of the image it builds: the base image's leak, a warning; a field it copies fails the build.
            StringAssert.Contains(onBuild.Message, "the SDK does not copy this field into your image");
            Assert.IsTrue(new SeverityPolicy().IsWarning(onBuild), "a base image field the image does not ship is a warning");
            var volume = mapper.Map(At("config.Volumes (key 1)", new BaseImageOrigin("localhost:5000/base:1")));
            Assert.IsFalse(new SeverityPolicy().IsWarning(volume), "Volumes are copied into the image: an error");
            Assert.IsFalse(new SeverityPolicy().IsWarning(mapper.Map(At("config.StopSignal", new BaseImageOrigin("localhost:5000/base:1")))));

            var comment = mapper.Map(At("history[3].comment", new BaseImageOrigin("localhost:5000/base:1")));
            Assert.AreEqual((3, true), (comment.Line, comment.IsBaseImage));
            StringAssert.Contains(comment.Message, "build secrets");

            var workingDir = mapper.Map(At("config.WorkingDir"));
            Assert.AreEqual((project, 0, false), (workingDir.File, workingDir.Line, workingDir.IsBaseImage), "no ContainerWorkingDirectory in the project: at the project");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
