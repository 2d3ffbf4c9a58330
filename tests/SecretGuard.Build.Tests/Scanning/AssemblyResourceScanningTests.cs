using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.Findings;
using SecretGuard.Scanning;
using SecretGuard.Tests.ImageReading;

namespace SecretGuard.Tests.Scanning;

/// <summary>
/// An assembly's embedded resources that are not text (a signing .pfx, a .json.gz, a zip, a binary blob)
/// are files of their own inside the assembly, read by the same readers as any file: none is passed over.
/// </summary>
[TestClass]
public sealed class AssemblyResourceScanningTests
{
    private static byte[] TokenLine(int seed) => Encoding.ASCII.GetBytes("GITHUB_TOKEN=" + TestSecrets.GitHubToken(seed: seed) + "\n");

    /// <summary>A real assembly with one embedded (manifest) resource.</summary>
    private static byte[] AssemblyWithResource(string resourceName, byte[] resource)
    {
        var builder = new PersistedAssemblyBuilder(new AssemblyName("Acme.Api"), typeof(object).Assembly);
        var module = builder.DefineDynamicModule("Acme.Api");
        module.DefineType("Acme.Api.Settings", TypeAttributes.Public | TypeAttributes.Class).CreateType();
        var metadata = builder.GenerateMetadata(out var il, out var fieldData);
        var resources = new BlobBuilder();
        resources.WriteInt32(resource.Length);
        resources.WriteBytes(resource);
        metadata.AddManifestResource(ManifestResourceAttributes.Public, metadata.GetOrAddString(resourceName), default, 0);
        var pe = new ManagedPEBuilder(PEHeaderBuilder.CreateLibraryHeader(), new MetadataRootBuilder(metadata), il, fieldData, resources);
        var blob = new BlobBuilder();
        pe.Serialize(blob);
        return blob.ToArray();
    }

    private static List<Finding> Scan(byte[] assembly) =>
        new FileScanner(RuleSet.Default).Scan("/app/Acme.Api.dll", assembly.Length, new MemoryStream(assembly), 0, "sha256:x").Findings.ToList();

    /// <summary>Where each finding is, and its rule (never a credential, so no assertion can show one).</summary>
    private static string Places(IEnumerable<Finding> findings) =>
        string.Join(" | ", findings.Select(f => $"{f.RuleId} {((LayerFileLocation)f.Location).Path}"));

    [TestMethod]
    public void An_embedded_pfx_with_a_private_key_is_a_key_store_finding_at_the_resource()
    {
        var findings = Scan(AssemblyWithResource("Acme.Api.signing.pfx", TestSecrets.Pfx()));

        Assert.AreEqual("SG1011 /app/Acme.Api.dll!/Acme.Api.signing.pfx", Places(findings));
    }

    [TestMethod]
    public void An_embedded_gzip_is_decompressed_and_its_token_found()
    {
        var findings = Scan(AssemblyWithResource("Acme.Api.appsettings.json.gz", TestImages.Gzip(TokenLine(41))));

        Assert.AreEqual("SG1004 /app/Acme.Api.dll!/Acme.Api.appsettings.json.gz!/Acme.Api.appsettings.json", Places(findings));
    }

    [TestMethod]
    public void A_resource_with_a_NUL_in_its_head_is_read_for_its_binary_runs()
    {
        var findings = Scan(AssemblyWithResource("Acme.Api.data.bin", [0, 1, 2, 0, .. TokenLine(42)]));

        Assert.AreEqual("SG1004 /app/Acme.Api.dll!/Acme.Api.data.bin", Places(findings));
    }

    [TestMethod]
    public void A_byte_array_entry_of_a_resources_blob_is_read_as_a_file_of_its_own()
    {
        // What a .resx file reference to a .pfx compiles to: a byte[] entry of the .resources blob.
        using var blob = new MemoryStream();
        using (var writer = new System.Resources.ResourceWriter(blob))
        {
            writer.AddResource("Greeting", "hello");
            writer.AddResource("SigningKey", TestSecrets.Pfx());
            writer.Generate();
            var findings = Scan(AssemblyWithResource("Acme.Api.Properties.Resources.resources", blob.ToArray()));

            Assert.AreEqual("SG1011 /app/Acme.Api.dll!/Acme.Api.Properties.Resources.resources!/SigningKey", Places(findings));
        }
    }

    [TestMethod]
    public void A_text_resource_stays_an_embedded_resource_literal()
    {
        var findings = Scan(AssemblyWithResource("Acme.Api.appsettings.json", TokenLine(43)));

        Assert.HasCount(1, findings);
        Assert.AreEqual(("SG1004", "embedded resource"), (findings[0].RuleId, ((AssemblyLocation)findings[0].Location).Kind));
    }
}
