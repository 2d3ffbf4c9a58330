using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.Findings;
using SecretGuard.Scanning;

namespace SecretGuard.Tests.Scanning;

/// <summary>
/// An assembly's bytes that are neither metadata nor resources (field data, where C# 11 puts u8 literals
/// and initialised arrays; bytes after the last section) are read for their strings, as any binary's are;
/// what the metadata reader reads is not read twice.
/// </summary>
[TestClass]
public sealed class AssemblyUnreadBytesTests
{
    private static byte[] TokenLine(int seed) => Encoding.ASCII.GetBytes("GITHUB_TOKEN=" + TestSecrets.GitHubToken(seed: seed) + "\n");

    /// <summary>A real assembly, with a const string and field data (what <c>"..."u8</c> and <c>new byte[] { ... }</c> compile to) as asked.</summary>
    private static byte[] Assembly(string? constant = null, byte[]? fieldData = null, (string Name, byte[] Data)? resource = null)
    {
        var builder = new PersistedAssemblyBuilder(new AssemblyName("Acme.Api"), typeof(object).Assembly);
        var module = builder.DefineDynamicModule("Acme.Api");
        var type = module.DefineType("Acme.Api.Settings", TypeAttributes.Public | TypeAttributes.Class);
        if (constant is not null)
        {
            type.DefineField("ApiKey", typeof(string), FieldAttributes.Public | FieldAttributes.Static | FieldAttributes.Literal | FieldAttributes.HasDefault).SetConstant(constant);
        }

        if (fieldData is not null)
        {
            type.DefineInitializedData("KeyUtf8", fieldData, FieldAttributes.Static | FieldAttributes.Assembly);
        }

        type.CreateType();
        var metadata = builder.GenerateMetadata(out var il, out var mappedFieldData);
        BlobBuilder? resources = null;
        if (resource is { } r)
        {
            resources = new BlobBuilder();
            resources.WriteInt32(r.Data.Length);
            resources.WriteBytes(r.Data);
            metadata.AddManifestResource(ManifestResourceAttributes.Public, metadata.GetOrAddString(r.Name), default, 0);
        }

        var pe = new ManagedPEBuilder(PEHeaderBuilder.CreateLibraryHeader(), new MetadataRootBuilder(metadata), il, mappedFieldData, resources);
        var blob = new BlobBuilder();
        pe.Serialize(blob);
        return blob.ToArray();
    }

    private static List<Finding> Scan(byte[] assembly) =>
        new FileScanner(RuleSet.Default).Scan("/app/Acme.Api.dll", assembly.Length, new MemoryStream(assembly), 0, "sha256:x").Findings.ToList();

    /// <summary>Rule, place and kind of each finding (never a credential, so no assertion can show one).</summary>
    private static string Places(IEnumerable<Finding> findings) => string.Join(" | ", findings.Select(f => f.Location switch
    {
        AssemblyLocation a => $"{f.RuleId} {a.Path} ({a.Kind})",
        LayerFileLocation l => $"{f.RuleId} {l.Path}",
        _ => f.RuleId,
    }));

    [TestMethod]
    public void A_credential_in_field_data_is_found_as_a_string_of_the_binary()
    {
        Assert.AreEqual("SG1004 /app/Acme.Api.dll", Places(Scan(Assembly(fieldData: TokenLine(91)))));
    }

    [TestMethod]
    public void A_credential_after_the_last_section_is_found()
    {
        Assert.AreEqual("SG1004 /app/Acme.Api.dll", Places(Scan([.. Assembly(), .. TokenLine(92)])));
    }

    [TestMethod]
    public void A_zip_after_the_last_section_is_opened()
    {
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("creds.env").Open();
            entry.Write(TokenLine(95));
        }

        Assert.AreEqual("SG1004 /app/Acme.Api.dll!/creds.env", Places(Scan([.. Assembly(), .. zip.ToArray()])));
    }

    [TestMethod]
    public void What_the_metadata_reader_reads_is_not_found_again_as_a_string_of_the_binary()
    {
        var findings = Scan(Assembly(constant: TestSecrets.GitHubToken(seed: 93), resource: ("Acme.Api.appsettings.json", TokenLine(94))));

        Assert.AreEqual("SG1004 /app/Acme.Api.dll (const string) | SG1004 /app/Acme.Api.dll (embedded resource)", Places(findings));
    }
}
