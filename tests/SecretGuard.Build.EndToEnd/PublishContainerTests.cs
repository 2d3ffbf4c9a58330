using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecretGuard.EndToEnd.Infrastructure;

namespace SecretGuard.EndToEnd;

/// <summary>The real `dotnet publish /t:PublishContainer` with the package installed, to each destination.</summary>
[TestClass]
public sealed class PublishContainerTests
{
    private static readonly string StripeKey = Secrets.StripeLiveKey(seed: 11);
    private static readonly string GitHubToken = Secrets.GitHubToken(seed: 12);
    private static readonly string SendGridKey = "S" + "G." + Secrets.Random(22, seed: 13) + "." + Secrets.Random(43, seed: 14);
    private const string DbPassword = "Sup3rS3cret!2024";
    private const string UrlPassword = "Xk29sLq8Zp";

    private static void AssertNoSecretPrinted(BuildOutput output)
    {
        foreach (var secret in new[] { StripeKey[8..], GitHubToken[4..], SendGridKey[3..], DbPassword, UrlPassword, "Pr0dDbPa55!" })
        {
            Assert.IsFalse(output.Text.Contains(secret, StringComparison.Ordinal), $"a secret was printed:\n{output}");
        }
    }

    private static SampleProject CreateLeakyProject(string name)
    {
        var props = SampleProject.DefaultDirectoryBuildProps(
            $"  <ItemGroup>\n    <ContainerEnvironmentVariable Include=\"ASPNETCORE_URLS\" Value=\"http://+:8080\" />\n    <ContainerEnvironmentVariable Include=\"DB_PASSWORD\" Value=\"{DbPassword}\" />\n  </ItemGroup>\n");
        var body = $"""
              <ItemGroup>
                <ContainerEnvironmentVariable Include="STRIPE_KEY" Value="$(StripeKey)" />
                <ContainerEnvironmentVariable Include="API_KEY_FILE" Value="/run/secrets/api_key" />
                <ContainerLabel Include="deploy.token" Value="{GitHubToken}" />
                <ContainerAppCommandArgs Include="--upstream=https://svc:{UrlPassword}@api.internal.corp" />
                <None Update="appsettings.Production.json" CopyToPublishDirectory="PreserveNewest" />
                <None Remove=".env" />
                <None Include=".env" CopyToPublishDirectory="PreserveNewest" />
                <None Update="keys/signing.pem;certs/**" CopyToPublishDirectory="PreserveNewest" />
              </ItemGroup>

            """;
        var project = SampleProject.Create(name, body, props);
        project.Write("appsettings.Production.json", "{\n  \"Logging\": { \"LogLevel\": { \"Default\": \"Warning\" } },\n  \"ConnectionStrings\": {\n    \"Orders\": \"Server=sql.internal;Database=orders;User Id=app;Password=Pr0dDbPa55!;\"\n  }\n}\n");
        project.Write(".env", "# local overrides\nSENDGRID_API_KEY=" + SendGridKey + "\nFEATURE_X=true\n");
        using var rsa = RSA.Create(2048);
        project.Write("keys/signing.pem", rsa.ExportPkcs8PrivateKeyPem() + "\n");
        var request = new CertificateRequest("CN=app", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(30));
        project.Write("certs/server.pfx", cert.Export(X509ContentType.Pfx, "pfx-pass"));
        project.Write("certs/ca.crt", cert.ExportCertificatePem());
        return project;
    }

    [TestMethod]
    public void Clean_app_publishes_with_one_summary_line_and_no_diagnostics()
    {
        var body = """
              <ItemGroup>
                <ContainerEnvironmentVariable Include="DB_PASSWORD_FILE" Value="/run/secrets/db_password" />
                <ContainerEnvironmentVariable Include="API_KEY" Value="${API_KEY}" />
                <ContainerEnvironmentVariable Include="SMTP_PASSWORD" Value="" />
                <ContainerLabel Include="com.example.team" Value="payments" />
                <None Update="appsettings.json;certs/ca.crt" CopyToPublishDirectory="PreserveNewest" />
              </ItemGroup>

            """;
        var project = SampleProject.Create("CleanApp", body);
        project.Write("appsettings.json", "{\n  \"ConnectionStrings\": { \"Db\": \"Server=db;Database=app;Integrated Security=true\" },\n  \"Payments\": { \"ApiKey\": \"<your-api-key>\" }\n}\n");
        using var rsa = RSA.Create(2048);
        using var cert = new CertificateRequest("CN=ca", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        project.Write("certs/ca.crt", cert.ExportCertificatePem());

        var output = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}");

        Assert.AreEqual(0, output.ExitCode, output.ToString());
        Assert.IsEmpty(output.SecretGuard.ToList(), output.ToString());
        var summaries = output.Text.Split('\n').Where(l => l.Contains("SecretGuard:", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, summaries, output.ToString());
        StringAssert.Contains(summaries[0], "SecretGuard: passed, no credentials; checked the config of 1 image (its 6 app layer files checked before the build) in ");
        StringAssert.Contains(summaries[0].TrimEnd(), "no credentials");
    }

    [TestMethod]
    public void Leaky_app_to_a_tarball_fails_with_errors_at_each_source_line()
    {
        var project = CreateLeakyProject("LeakyApp");
        var sarif = project.PathOf("reports/secretguard.sarif");
        var json = project.PathOf("reports/secretguard.json");
        var output = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}", $"-p:StripeKey={StripeKey}", $"-p:SecretGuardSarifPath={sarif}", $"-p:SecretGuardJsonReportPath={json}");

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        Assert.IsFalse(File.Exists(project.PathOf("image.tar.gz")), "the gate stops the build before the tarball is written");
        AssertNoSecretPrinted(output);

        var props = project.PathOf("Directory.Build.props");
        AssertError(output, "SG1010", props, project.LineOf("Directory.Build.props", "Include=\"DB_PASSWORD\""), "ENV DB_PASSWORD");

        var stripe = AssertError(output, "SG1005", project.ProjectFile, project.LineOf("LeakyApp.csproj", "STRIPE_KEY"), "ENV STRIPE_KEY");
        StringAssert.Contains(stripe.Message, "$(StripeKey)");

        AssertError(output, "SG1004", project.ProjectFile, project.LineOf("LeakyApp.csproj", "deploy.token"), "LABEL deploy.token");
        AssertError(output, "SG1009", project.ProjectFile, project.LineOf("LeakyApp.csproj", "ContainerAppCommandArgs"), "argument");

        var settings = AssertError(output, "SG1008", project.PathOf("appsettings.Production.json"), 4, "/app/appsettings.Production.json");
        Assert.AreEqual(File.ReadAllLines(project.PathOf("appsettings.Production.json"))[3].IndexOf("Pr0d", StringComparison.Ordinal) + 1, settings.Column);

        AssertError(output, "SG1007", project.PathOf(".env"), 2, "/app/.env");
        AssertError(output, "SG1001", project.PathOf("keys/signing.pem"), 1, "/app/keys/signing.pem");
        AssertError(output, "SG1011", project.PathOf("certs/server.pfx"), 0, "/app/certs/server.pfx");

        // Good practice is never flagged: the _FILE reference, the public certificate, the harmless ENV.
        Assert.IsFalse(output.SecretGuard.Any(d => d.Message.Contains("API_KEY_FILE", StringComparison.Ordinal) || d.Message.Contains("ca.crt", StringComparison.Ordinal) || d.Message.Contains("ASPNETCORE_URLS", StringComparison.Ordinal)), output.ToString());
        Assert.HasCount(8, output.SecretGuard.ToList(), output.ToString());

        foreach (var d in output.SecretGuard)
        {
            StringAssert.Contains(d.Message, "Revoke and rotate it");
            StringAssert.Contains(d.Message, "at runtime");
        }

        // The SARIF report holds the same findings, at the same lines, redacted.
        var report = File.ReadAllText(sarif);
        foreach (var secret in new[] { StripeKey[8..], GitHubToken[4..], SendGridKey[3..], DbPassword, UrlPassword, "Pr0dDbPa55!" })
        {
            Assert.IsFalse(report.Contains(secret, StringComparison.Ordinal), "a secret is in the SARIF report");
        }

        using var doc = System.Text.Json.JsonDocument.Parse(report);
        var results = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.HasCount(8, results);
        var settingsResult = results.Single(r => r.GetProperty("ruleId").GetString() == "SG1008").GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.AreEqual("appsettings.Production.json", settingsResult.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.AreEqual(4, settingsResult.GetProperty("region").GetProperty("startLine").GetInt32());

        // Valid against the official SARIF 2.1.0 schema and the SARIF Multitool's rules, GitHub's included.
        var validation = Shell.Run("bash", Path.Combine(TestEnvironment.RepositoryRoot, "scripts", "validate-sarif.sh"), sarif);
        Assert.AreEqual(0, validation.ExitCode, validation.Text);
        StringAssert.Contains(validation.Text, "schema: 0 error(s)");

        // The JSON report for scripts: the same eight findings, redacted.
        var jsonText = File.ReadAllText(json);
        Assert.IsFalse(new[] { StripeKey[8..], GitHubToken[4..], DbPassword, "Pr0dDbPa55!" }.Any(secret => jsonText.Contains(secret, StringComparison.Ordinal)), "a secret is in the JSON report");
        using var jsonDoc = System.Text.Json.JsonDocument.Parse(jsonText);
        Assert.IsTrue(jsonDoc.RootElement.GetProperty("failed").GetBoolean());
        Assert.HasCount(8, jsonDoc.RootElement.GetProperty("projects").EnumerateArray().Single().GetProperty("findings").EnumerateArray().ToList());

        // And a table of them on the console, below the errors.
        StringAssert.Contains(output.Text, "SecretGuard findings (8):");
    }

    [TestMethod]
    public void Leaky_app_is_stopped_before_the_push_to_a_registry()
    {
        var project = SampleProject.Create("RegistryApp", $"  <ItemGroup>\n    <ContainerEnvironmentVariable Include=\"GITHUB_TOKEN\" Value=\"{GitHubToken}\" />\n  </ItemGroup>\n");
        var output = project.PublishContainer($"-p:ContainerRegistry={TestEnvironment.Registry.Host}");

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        AssertError(output, "SG1004", project.ProjectFile, project.LineOf("RegistryApp.csproj", "GITHUB_TOKEN"), "ENV GITHUB_TOKEN");
        Assert.IsFalse(output.Text.Contains("Pushed image", StringComparison.Ordinal), output.ToString());
        Assert.IsEmpty(TestEnvironment.Registry.Tags("registryapp"), "the leaking tag must not be in the registry");
        AssertNoSecretPrinted(output);

        // The same project without the leak is pushed: the gate is what stopped it.
        File.WriteAllText(project.ProjectFile, File.ReadAllText(project.ProjectFile).Replace(GitHubToken, "${GITHUB_TOKEN}", StringComparison.Ordinal));
        var clean = project.PublishContainer($"-p:ContainerRegistry={TestEnvironment.Registry.Host}");
        Assert.AreEqual(0, clean.ExitCode, clean.ToString());
        CollectionAssert.Contains(TestEnvironment.Registry.Tags("registryapp").ToList(), "latest");
    }

    [TestMethod]
    public void Leaky_app_is_stopped_before_it_is_loaded_into_podman()
    {
        var project = SampleProject.Create("PodmanApp", $"  <ItemGroup>\n    <ContainerEnvironmentVariable Include=\"DB_PASSWORD\" Value=\"{DbPassword}\" />\n  </ItemGroup>\n");
        var output = project.PublishContainer("-p:LocalRegistry=Podman");

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        AssertError(output, "SG1010", project.ProjectFile, project.LineOf("PodmanApp.csproj", "DB_PASSWORD"), "ENV DB_PASSWORD");
        Assert.IsFalse(output.Text.Contains("via 'podman'", StringComparison.Ordinal), output.ToString());
        Assert.IsFalse(Podman.ImageExists("podmanapp:latest"), "the leaking image must not be in podman");
        AssertNoSecretPrinted(output);

        File.WriteAllText(project.ProjectFile, File.ReadAllText(project.ProjectFile).Replace(DbPassword, "", StringComparison.Ordinal));
        var clean = project.PublishContainer("-p:LocalRegistry=Podman");
        Assert.AreEqual(0, clean.ExitCode, clean.ToString());
        Assert.IsTrue(Podman.ImageExists("podmanapp:latest"), "the clean image is loaded into podman");
    }

    [TestMethod]
    public void Credentials_from_the_base_image_point_at_ContainerBaseImage()
    {
        var project = SampleProject.Create("BaseLeakApp");
        var csproj = File.ReadAllText(project.ProjectFile).Replace(TestEnvironment.BaseImage, TestEnvironment.LeakyBaseImage, StringComparison.Ordinal);
        File.WriteAllText(project.ProjectFile, csproj);

        var output = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}");

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        var line = project.LineOf("BaseLeakApp.csproj", "<ContainerBaseImage>");
        var env = AssertError(output, "SG1004", project.ProjectFile, line, "ENV NPM_TOKEN");
        StringAssert.Contains(env.Message, "inherited from base image");
        AssertError(output, "SG1009", project.ProjectFile, line, "build history");
        StringAssert.Matches(output.Text, new System.Text.RegularExpressions.Regex("SecretGuard: failed: .* before building the image"), "the gate fetched the base image's config");
        Assert.IsFalse(File.Exists(project.PathOf("image.tar.gz")), output.ToString());
    }

    [TestMethod]
    public void Multi_rid_publish_is_gated_once()
    {
        var project = SampleProject.Create("MultiRidApp", MultiRid + $"  <ItemGroup>\n    <ContainerEnvironmentVariable Include=\"DB_PASSWORD\" Value=\"{DbPassword}\" />\n  </ItemGroup>\n");
        var output = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}");

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        Assert.HasCount(1, output.Errors("SG1010").ToList(), output.ToString());
        StringAssert.Matches(output.Text, new System.Text.RegularExpressions.Regex("SecretGuard: failed: .* before building the image"), output.ToString());
        Assert.IsFalse(File.Exists(project.PathOf("image.tar.gz")), output.ToString());
        AssertNoSecretPrinted(output);
    }

    [TestMethod]
    public void Multi_rid_images_are_each_verified_and_a_shared_finding_is_reported_once()
    {
        // With the base image check before the build turned off, the built images' configs still show the
        // base image's ENV: the verification scan finds it, once for both images.
        var project = SampleProject.Create("MultiRidBaseApp", MultiRid);
        File.WriteAllText(project.ProjectFile, File.ReadAllText(project.ProjectFile).Replace(TestEnvironment.BaseImage, TestEnvironment.LeakyBaseImage, StringComparison.Ordinal));
        var output = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}", "-p:SecretGuardScanBaseImage=false");

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        Assert.HasCount(1, output.Errors("SG1004").ToList(), output.ToString());
        StringAssert.Matches(output.Text, new System.Text.RegularExpressions.Regex("SecretGuard: failed: .*; checked 2 images, "), output.ToString());
    }

    private const string MultiRid = "  <PropertyGroup>\n    <RuntimeIdentifiers>linux-x64;linux-arm64</RuntimeIdentifiers>\n    <ContainerRuntimeIdentifiers>linux-x64;linux-arm64</ContainerRuntimeIdentifiers>\n  </PropertyGroup>\n";

    [TestMethod]
    public void Project_without_container_support_is_left_alone()
    {
        // Installed solution-wide, the package also reaches libraries; the SDK skips PublishContainer there.
        var project = SampleProject.Create("SharedLibrary");
        File.WriteAllText(project.ProjectFile, File.ReadAllText(project.ProjectFile).Replace("<OutputType>Exe</OutputType>", "<OutputType>Library</OutputType>\n    <EnableSdkContainerSupport>false</EnableSdkContainerSupport>", StringComparison.Ordinal));
        project.Write("Program.cs", "namespace Shared; public static class Api { public static int Answer => 42; }\n");

        var output = project.PublishContainer();

        Assert.AreEqual(0, output.ExitCode, output.ToString());
        Assert.IsEmpty(output.SecretGuard.ToList(), output.ToString());
        Assert.IsFalse(output.Text.Contains("SecretGuard:", StringComparison.Ordinal), output.ToString());
    }

    [TestMethod]
    public void Central_package_management_GlobalPackageReference_installs_the_check()
    {
        var project = SampleProject.Create(
            "CpmApp",
            $"  <ItemGroup>\n    <ContainerEnvironmentVariable Include=\"DB_PASSWORD\" Value=\"{DbPassword}\" />\n  </ItemGroup>\n",
            directoryBuildProps: "<Project />\n");
        project.Write("Directory.Packages.props", $"<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n  <ItemGroup>\n    <GlobalPackageReference Include=\"SecretGuard.Build\" Version=\"{TestEnvironment.PackageVersion}\" />\n  </ItemGroup>\n</Project>\n");

        var output = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}");

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        AssertError(output, "SG1010", project.ProjectFile, project.LineOf("CpmApp.csproj", "DB_PASSWORD"), "ENV DB_PASSWORD");
    }

    [TestMethod]
    public void Warning_mode_and_msbuild_warning_controls_apply_to_SG_codes()
    {
        var project = SampleProject.Create("SettingsApp", $"  <ItemGroup>\n    <ContainerEnvironmentVariable Include=\"DB_PASSWORD\" Value=\"{DbPassword}\" />\n  </ItemGroup>\n");
        var archive = $"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}";

        var asWarnings = project.PublishContainer(archive, "-p:SecretGuardFindingsAsWarnings=true");
        Assert.AreEqual(0, asWarnings.ExitCode, asWarnings.ToString());
        Assert.AreEqual("warning", asWarnings.SecretGuard.Single().Severity, asWarnings.ToString());

        var promoted = project.PublishContainer(archive, "-p:SecretGuardFindingsAsWarnings=true", "-p:WarningsAsErrors=SG1010");
        Assert.AreNotEqual(0, promoted.ExitCode, promoted.ToString());
        Assert.AreEqual("error", promoted.SecretGuard.Single().Severity, promoted.ToString());

        var allWarningsAsErrors = project.PublishContainer(archive, "-p:SecretGuardFindingsAsWarnings=true", "-warnaserror");
        Assert.AreNotEqual(0, allWarningsAsErrors.ExitCode, allWarningsAsErrors.ToString());
        Assert.AreEqual("error", allWarningsAsErrors.SecretGuard.Single().Severity, allWarningsAsErrors.ToString());

        var exempted = project.PublishContainer(archive, "-p:SecretGuardFindingsAsWarnings=true", "-warnaserror", "-p:WarningsNotAsErrors=SG1010");
        Assert.AreEqual(0, exempted.ExitCode, exempted.ToString());
        Assert.AreEqual("warning", exempted.SecretGuard.Single().Severity, exempted.ToString());

        var suppressed = project.PublishContainer(archive, "-p:NoWarn=SG1010");
        Assert.AreEqual(0, suppressed.ExitCode, suppressed.ToString());
        Assert.IsEmpty(suppressed.SecretGuard.ToList(), suppressed.ToString());

        var disabled = project.PublishContainer(archive, "-p:SecretGuardEnabled=false");
        Assert.AreEqual(0, disabled.ExitCode, disabled.ToString());
        Assert.IsFalse(disabled.Text.Contains("SecretGuard:", StringComparison.Ordinal), disabled.ToString());

        var invalid = project.PublishContainer(archive, "-p:SecretGuardFindingsAsWarnings=sometimes");
        Assert.AreNotEqual(0, invalid.ExitCode, invalid.ToString());
        StringAssert.Contains(invalid.Errors("SG0005").Single().Message, "SecretGuardFindingsAsWarnings");

        // The switch itself: a typo must not turn the check off silently.
        File.Delete(project.PathOf("image.tar.gz"));
        var invalidSwitch = project.PublishContainer(archive, "-p:SecretGuardEnabled=ture");
        Assert.AreNotEqual(0, invalidSwitch.ExitCode, invalidSwitch.ToString());
        StringAssert.Contains(invalidSwitch.Errors("SG0005").Single().Message, "SecretGuardEnabled must be 'true' or 'false', not 'ture'");
        Assert.IsFalse(File.Exists(project.PathOf("image.tar.gz")), invalidSwitch.ToString());
    }

    [TestMethod]
    public void Key_stores_are_read_and_binary_files_searched_for_tokens()
    {
        var body = """
              <ItemGroup>
                <None Update="keys/**;certs/**;data/**" CopyToPublishDirectory="PreserveNewest" />
              </ItemGroup>

            """;
        var project = SampleProject.Create("KeyStoreApp", body);
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        project.Write("keys/app.jks", File.ReadAllBytes(Path.Combine(fixtures, "keytool-strong.jks")));
        project.Write("certs/client.p12", File.ReadAllBytes(Path.Combine(fixtures, "openssl-empty.p12")));
        project.Write("certs/truststore.jks", File.ReadAllBytes(Path.Combine(fixtures, "keytool-trust.jks")));
        var noise = new byte[4096];
        new Random(7).NextBytes(noise);
        project.Write("data/app.db", [.. "SQLite format 3\0"u8, .. noise, 0, .. System.Text.Encoding.ASCII.GetBytes(StripeKey), 0, .. noise]);

        var output = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}");

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        AssertNoSecretPrinted(output);
        var jks = AssertError(output, "SG1011", project.PathOf("keys/app.jks"), 0, "/app/keys/app.jks");
        StringAssert.Contains(jks.Message, "Java KeyStore (JKS) holding 1 key");
        var p12 = AssertError(output, "SG1011", project.PathOf("certs/client.p12"), 0, "/app/certs/client.p12");
        StringAssert.Contains(p12.Message, "its password is empty, so anyone can use the key");
        AssertError(output, "SG1005", project.PathOf("data/app.db"), 0, "/app/data/app.db");

        // A trust store holds certificates only: not a finding.
        Assert.IsFalse(output.SecretGuard.Any(d => d.Message.Contains("truststore", StringComparison.Ordinal)), output.ToString());
        Assert.HasCount(3, output.SecretGuard.ToList(), output.ToString());
    }

    /// <summary>
    /// The package holds two task assemblies: one compiled ahead of time (ReadyToRun) for the .NET 10 SDK on
    /// linux-x64, which this machine's build loads, and the portable one every other SDK and platform loads.
    /// Both gate the same leak at the same line.
    /// </summary>
    [TestMethod]
    public void The_ReadyToRun_task_assembly_is_loaded_here_and_the_portable_one_finds_the_same_leak()
    {
        var project = SampleProject.Create("TaskAssemblies", $"  <ItemGroup>\n    <ContainerEnvironmentVariable Include=\"STRIPE_KEY\" Value=\"{StripeKey}\" />\n  </ItemGroup>\n");
        var tasks = Path.Combine(TestEnvironment.Environment["NUGET_PACKAGES"], "secretguard.build", TestEnvironment.PackageVersion.ToLowerInvariant(), "tasks");
        var readyToRun = Path.Combine(tasks, "net10.0", "linux-x64", "SecretGuard.Build.Tasks.dll");
        var portable = Path.Combine(tasks, "net8.0", "SecretGuard.Build.Tasks.dll");

        foreach (var (assembly, compiled, properties) in new[] { (readyToRun, true, Array.Empty<string>()), (portable, false, [$"-p:_SecretGuardTaskAssembly={portable}"]) })
        {
            var output = project.PublishContainer([$"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}", "-v:d", .. properties]);

            Assert.AreNotEqual(0, output.ExitCode, output.ToString());
            var loaded = output.Text.Split('\n')
                .Select(l => System.Text.RegularExpressions.Regex.Match(l, "Using \"CheckContainerInputs\" task from assembly \"(?<path>[^\"]+)\""))
                .Where(m => m.Success).Select(m => Path.GetFullPath(m.Groups["path"].Value)).Distinct().ToList();
            CollectionAssert.AreEqual(new[] { assembly }, loaded, output.ToString());
            using (var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(assembly)))
            {
                Assert.AreEqual(compiled, pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{assembly} compiled ahead of time");
            }

            // A detailed log repeats each error in its closing summary (there without the "1:7>" node prefix).
            var errors = output.SecretGuard.DistinctBy(d => (d.Code, d.Line, d.Column, d.Message)).ToList();
            Assert.HasCount(1, errors, output.ToString());
            Assert.AreEqual(("SG1005", project.LineOf("TaskAssemblies.csproj", "STRIPE_KEY")), (errors[0].Code, errors[0].Line));
            StringAssert.EndsWith(errors[0].File, project.ProjectFile);
            StringAssert.Contains(errors[0].Message, "ENV STRIPE_KEY");
            Assert.IsFalse(errors[0].Message.Contains(StripeKey[8..], StringComparison.Ordinal), "the key is redacted");
        }
    }

    private static BuildDiagnostic AssertError(BuildOutput output, string code, string file, int line, string where)
    {
        var matches = output.Errors(code).Where(d => d.Message.Contains(where, StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, matches, $"one {code} error mentioning '{where}' expected:\n{output}");
        var d = matches[0];
        Assert.AreEqual(Path.GetFullPath(file), Path.GetFullPath(d.File), output.ToString());
        Assert.AreEqual(line, d.Line, $"{code} line\n{output}");
        return d;
    }
}
