using SecretGuard.EndToEnd.Infrastructure;

namespace SecretGuard.EndToEnd;

/// <summary>Secrets hardcoded in C#: found in the compiled DLL's metadata, reported at the .cs line.</summary>
[TestClass]
public sealed class CompiledSecretsTests
{
    /// <summary>The line is found from the project's sources, so it is the same with a side-by-side PDB, an embedded one, or none.</summary>
    [TestMethod]
    [DataRow("none")]
    [DataRow("embedded")]
    [DataRow("portable")]
    public void Literals_compiled_into_the_app_point_at_their_line_of_code(string debugType)
    {
        var stripe = Secrets.StripeLiveKey(seed: 31);
        var unusedToken = Secrets.GitHubToken(seed: 32);
        var slack = "xo" + "xb-" + Secrets.Random(12, "0123456789", 33) + "-" + Secrets.Random(13, "0123456789", 34) + "-" + Secrets.Random(24, seed: 35);
        var bearer = Secrets.GitHubToken(seed: 36);
        var attribute = "S" + "G." + Secrets.Random(22, seed: 37) + "." + Secrets.Random(43, seed: 38);

        var project = SampleProject.Create("CompiledApp");
        project.Write("Keys.cs", $$"""
            namespace CompiledApp;

            [System.ComponentModel.Description("{{attribute}}")]
            public static class Keys
            {
                public const string Stripe = "{{stripe}}";
                public const string Unused = "{{unusedToken}}";
                public static readonly string Slack = "{{slack}}";

                public static string Header(string user) => $"Authorization: Bearer {{bearer}} for {user}";
            }
            """);
        project.Write("Program.cs", "System.Console.WriteLine(CompiledApp.Keys.Stripe.Length + CompiledApp.Keys.Slack.Length + CompiledApp.Keys.Header(\"me\").Length);\n");

        var output = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}", $"-p:DebugType={debugType}");

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        var keys = project.PathOf("Keys.cs");
        AssertAt(output, "SG1005", keys, project.LineOf("Keys.cs", "Stripe ="), project.ColumnOf("Keys.cs", stripe));
        AssertAt(output, "SG1004", keys, project.LineOf("Keys.cs", "Unused ="), project.ColumnOf("Keys.cs", unusedToken));
        AssertAt(output, "SG1006", keys, project.LineOf("Keys.cs", "Slack ="), project.ColumnOf("Keys.cs", slack));
        AssertAt(output, "SG1004", keys, project.LineOf("Keys.cs", "Authorization"), project.ColumnOf("Keys.cs", bearer));
        AssertAt(output, "SG1007", keys, project.LineOf("Keys.cs", "Description"), project.ColumnOf("Keys.cs", attribute));
        Assert.HasCount(5, output.SecretGuard.ToList(), output.ToString());

        StringAssert.Contains(output.SecretGuard.First().Message, "compiled into /app/CompiledApp.dll");
        foreach (var secret in new[] { stripe, unusedToken, slack, bearer, attribute })
        {
            Assert.IsFalse(output.Text.Contains(secret[6..], StringComparison.Ordinal), $"a secret was printed:\n{output}");
        }
    }

    /// <summary>
    /// Literals no source line holds verbatim (pieces the compiler folds, escapes): placed at the line of
    /// code that loads them through the PDB, side-by-side or embedded; without a PDB, at the project file,
    /// naming the method.
    /// </summary>
    [TestMethod]
    [DataRow("portable")]
    [DataRow("portable-in-obj")]
    [DataRow("embedded")]
    [DataRow("none")]
    public void Literals_not_written_verbatim_are_placed_through_the_pdb(string debugType)
    {
        var stripeBody = Secrets.Random(24, seed: 51);
        var token = Secrets.GitHubToken(seed: 52);
        var project = SampleProject.Create("FoldedApp");
        project.Write("Billing.cs", $$"""
            namespace FoldedApp;

            public static class Billing
            {
                public static string Key() =>
                    "sk" + "_live_" + "{{stripeBody[..12]}}" + "{{stripeBody[12..]}}";

                public static string Token() => "g{{token[1..]}}";
            }
            """);
        project.Write("Program.cs", "System.Console.WriteLine(FoldedApp.Billing.Key().Length + FoldedApp.Billing.Token().Length);\n");

        // portable-in-obj: the PDB is not published; the one the compiler wrote in obj/ is used.
        var output = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}",
            $"-p:DebugType={debugType.Replace("-in-obj", "", StringComparison.Ordinal)}", $"-p:CopyOutputSymbolsToPublishDirectory={debugType != "portable-in-obj"}");

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        Assert.AreEqual(debugType == "portable", File.Exists(project.PathOf("bin/Release/net10.0/publish/FoldedApp.pdb")), "where the PDB is");
        var stripe = output.Errors("SG1005").Single();
        var github = output.Errors("SG1004").Single();
        if (debugType == "none")
        {
            Assert.AreEqual((Path.GetFullPath(project.ProjectFile), 0), (Path.GetFullPath(stripe.File), stripe.Line), output.ToString());
            StringAssert.Contains(stripe.Message, "a string literal of FoldedApp.Billing.Key compiled into /app/FoldedApp.dll");
            StringAssert.Contains(github.Message, "a string literal of FoldedApp.Billing.Token compiled into /app/FoldedApp.dll");
        }
        else
        {
            var billing = Path.GetFullPath(project.PathOf("Billing.cs"));
            Assert.AreEqual((billing, project.LineOf("Billing.cs", "\"_live_\"")), (Path.GetFullPath(stripe.File), stripe.Line), output.ToString());
            Assert.AreEqual((billing, project.LineOf("Billing.cs", "Token()")), (Path.GetFullPath(github.File), github.Line), output.ToString());
        }

        Assert.IsFalse(output.Text.Contains(stripeBody, StringComparison.Ordinal) || output.Text.Contains(token[4..], StringComparison.Ordinal), "a secret was printed");
    }

    /// <summary>NativeAOT output has no metadata: the literal is found in the executable's string data and placed at its line.</summary>
    [TestMethod]
    public void A_secret_in_a_NativeAOT_app_is_found_in_its_string_data()
    {
        var token = Secrets.GitHubToken(seed: 61);
        var project = SampleProject.Create("AotApp", "  <PropertyGroup>\n    <PublishAot>true</PublishAot>\n    <RuntimeIdentifier>linux-x64</RuntimeIdentifier>\n    <InvariantGlobalization>true</InvariantGlobalization>\n  </PropertyGroup>\n");
        project.Write("Program.cs", "if (args.Length > 5)\n{\n    System.Console.WriteLine(\"" + token + "\");\n}\n\nSystem.Console.WriteLine(\"ok\");\n");

        var output = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}", "-p:UseAppHost=true");

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        var error = output.Errors("SG1004").Single();
        Assert.AreEqual((Path.GetFullPath(project.PathOf("Program.cs")), 3, project.ColumnOf("Program.cs", token)), (Path.GetFullPath(error.File), error.Line, error.Column), output.ToString());
        StringAssert.Contains(error.Message, "compiled into the NativeAOT executable /app/AotApp");
        Assert.HasCount(1, output.SecretGuard.ToList(), output.ToString());
        Assert.IsFalse(output.Text.Contains(token[4..], StringComparison.Ordinal), "a secret was printed");
    }

    [TestMethod]
    public void Embedded_resources_point_at_the_resx_entry_and_the_embedded_file()
    {
        var sendGrid = "S" + "G." + Secrets.Random(22, seed: 41) + "." + Secrets.Random(43, seed: 42);
        var stripe = Secrets.StripeLiveKey(seed: 43);
        var project = SampleProject.Create("ResourcesApp", "  <ItemGroup>\n    <EmbeddedResource Include=\"defaults.json\" />\n  </ItemGroup>\n");
        project.Write("Strings.resx", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <root>
              <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
              <resheader name="version"><value>2.0</value></resheader>
              <data name="Greeting" xml:space="preserve"><value>Hello</value></data>
              <data name="MailKey" xml:space="preserve"><value>{sendGrid}</value></data>
            </root>
            """);
        project.Write("defaults.json", "{\n  \"Payments\": {\n    \"Key\": \"" + stripe + "\"\n  }\n}\n");

        var output = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}");

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        AssertAt(output, "SG1007", project.PathOf("Strings.resx"), project.LineOf("Strings.resx", "MailKey"), project.ColumnOf("Strings.resx", sendGrid));
        AssertAt(output, "SG1005", project.PathOf("defaults.json"), 3, project.ColumnOf("defaults.json", stripe));
        StringAssert.Contains(output.Errors("SG1007").Single().Message, "embedded resource");
        Assert.HasCount(2, output.SecretGuard.ToList(), output.ToString());
    }

    /// <summary>Framework-dependent (files stored as-is), and self-contained with compression (each file deflated in the bundle).</summary>
    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void A_secret_in_an_app_published_as_a_single_file_is_found_inside_the_bundle(bool selfContainedCompressed)
    {
        var token = Secrets.GitHubToken(seed: 61);
        var project = SampleProject.Create("SingleFileApp");
        project.Write("Keys.cs", $"namespace SingleFileApp;\n\npublic static class Keys\n{{\n    public const string Deploy = \"{token}\";\n}}\n");
        project.Write("Program.cs", "System.Console.WriteLine(SingleFileApp.Keys.Deploy.Length);\n");

        var output = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}",
            "-p:PublishSingleFile=true", "-p:RuntimeIdentifier=linux-x64", "-p:UseAppHost=true",
            selfContainedCompressed ? "-p:SelfContained=true" : "-p:SelfContained=false",
            $"-p:EnableCompressionInSingleFile={selfContainedCompressed}");

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        Assert.IsFalse(File.Exists(project.PathOf("bin/Release/net10.0/linux-x64/publish/SingleFileApp.dll")), "the DLL must only exist inside the bundle");
        AssertAt(output, "SG1004", project.PathOf("Keys.cs"), 5, project.ColumnOf("Keys.cs", token));
        StringAssert.Contains(output.Errors("SG1004").Single().Message, "inside the single-file bundle /app/SingleFileApp");
    }

    [TestMethod]
    public void A_secret_in_a_ReadyToRun_app_is_found_in_its_metadata()
    {
        var key = Secrets.StripeLiveKey(seed: 71);
        var project = SampleProject.Create("ReadyToRunApp");
        project.Write("Billing.cs", $"namespace ReadyToRunApp;\n\npublic static class Billing\n{{\n    public static string Header() => \"Bearer {key}\";\n}}\n");
        project.Write("Program.cs", "System.Console.WriteLine(ReadyToRunApp.Billing.Header().Length);\n");

        var output = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}",
            "-p:PublishReadyToRun=true", "-p:RuntimeIdentifier=linux-x64", "-p:SelfContained=false");

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        AssertAt(output, "SG1005", project.PathOf("Billing.cs"), 5, project.ColumnOf("Billing.cs", key));

        // It really was a ReadyToRun image: the CLI header points at a ReadyToRun (managed native) header.
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(project.PathOf("bin/Release/net10.0/linux-x64/publish/ReadyToRunApp.dll")));
        Assert.IsGreaterThan(0, pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size, "not compiled ReadyToRun");
    }

    private static void AssertAt(BuildOutput output, string code, string file, int line, int column)
    {
        var match = output.Errors(code).SingleOrDefault(d => d.Line == line);
        Assert.IsNotNull(match, $"{code} at {file}({line}) expected:\n{output}");
        Assert.AreEqual(Path.GetFullPath(file), Path.GetFullPath(match.File));
        Assert.AreEqual(column, match.Column, $"{code} column\n{output}");
    }
}
