using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using SecretGuard.Detection;
using SecretGuard.Scanning;

namespace SecretGuard.Tests.Scanning;

[TestClass]
public sealed class AssemblyScannerTests
{
    /// <summary>A real assembly: a method loading <paramref name="literal"/>, a const field and an attribute argument.</summary>
    private static byte[] BuildAssembly(string literal, string constValue, string attributeValue)
    {
        var builder = new PersistedAssemblyBuilder(new AssemblyName("Sample"), typeof(object).Assembly);
        var module = builder.DefineDynamicModule("Sample");
        var type = module.DefineType("Sample.Payments", TypeAttributes.Public | TypeAttributes.Class);

        var method = type.DefineMethod("Key", MethodAttributes.Public | MethodAttributes.Static, typeof(string), Type.EmptyTypes);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldstr, literal);
        il.Emit(OpCodes.Ret);

        var field = type.DefineField("ApiKey", typeof(string), FieldAttributes.Public | FieldAttributes.Static | FieldAttributes.Literal | FieldAttributes.HasDefault);
        field.SetConstant(constValue);

        var attributeCtor = typeof(System.ComponentModel.DescriptionAttribute).GetConstructor([typeof(string)])!;
        type.SetCustomAttribute(new CustomAttributeBuilder(attributeCtor, [attributeValue]));
        type.CreateType();

        var metadata = builder.GenerateMetadata(out var il2, out var fieldData);
        var pe = new ManagedPEBuilder(PEHeaderBuilder.CreateLibraryHeader(), new MetadataRootBuilder(metadata), il2, fieldData);
        var blob = new BlobBuilder();
        pe.Serialize(blob);
        return blob.ToArray();
    }

    [TestMethod]
    public void Attribute_strings_are_read_by_shape_and_only_when_valid_printable_utf8()
    {
        static byte[] Str(params byte[] utf8) => [(byte)utf8.Length, .. utf8];
        var valid = System.Text.Encoding.UTF8.GetBytes("Server=db;Pwd=\u00e9t\u00e9-2024");
        byte[] invalid = [.. "abcdef"u8, 0xC3, 0x28, .. "ghij"u8]; // a lead byte without its continuation
        byte[] overlong = [.. "abcdef"u8, 0xC0, 0xAF]; // '/' written in two bytes: not valid UTF-8
        byte[] control = [.. "abc"u8, 0x01, .. "defgh"u8];
        byte[] blob = [0x01, 0x00, .. Str(valid), .. Str(invalid), .. Str(overlong), .. Str(control), .. Str("short"u8.ToArray()), .. Str("last-one!"u8.ToArray()), 0x00, 0x00];
        CollectionAssert.AreEqual(new[] { "Server=db;Pwd=\u00e9t\u00e9-2024", "last-one!" }, AssemblyScanner.SerStrings(blob));
    }

    [TestMethod]
    public void Finds_a_secret_loaded_by_ldstr()
    {
        var key = TestSecrets.StripeLiveKey();
        var hit = new AssemblyScanner(RuleSet.Default).Scan(BuildAssembly("Bearer " + key, "harmless value", "A payment service"))!.Single();
        Assert.AreEqual(("SG1005", LiteralKind.UserString, key), (hit.Rule.Id, hit.Kind, hit.Secret));
        Assert.IsFalse(hit.ToString().Contains(key[8..], StringComparison.Ordinal), "ToString must not print the secret");
    }

    [TestMethod]
    public void An_assembly_in_a_larger_pooled_buffer_is_read_within_its_length_in_place()
    {
        // The scanner reads the image where it lies (a pooled buffer, longer than the file): what follows
        // the file's length is never part of it, however it looks.
        var key = TestSecrets.StripeLiveKey();
        var image = BuildAssembly("Bearer " + key, "harmless value", "A payment service");
        var pooled = new byte[image.Length + 4096];
        image.CopyTo(pooled, 0);
        System.Text.Encoding.ASCII.GetBytes("token=" + TestSecrets.StripeLiveKey()).CopyTo(pooled, image.Length + 100);
        var scanner = new AssemblyScanner(RuleSet.Default);
        var hits = scanner.Scan(pooled, image.Length)!;
        Assert.AreEqual(key, hits.Single().Secret);
        CollectionAssert.AreEqual(scanner.Scan(image)!.Select(h => (h.Rule.Id, h.Kind, h.Member, h.Secret)).ToList(), hits.Select(h => (h.Rule.Id, h.Kind, h.Member, h.Secret)).ToList());

        // An empty file is no assembly; a length past the buffer is a caller's error.
        Assert.ThrowsExactly<BadImageFormatException>(() => scanner.Scan(pooled, 0));
        Assert.ThrowsExactly<BadImageFormatException>(() => scanner.Scan([], 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => scanner.Scan(image, image.Length + 1));
    }

    [TestMethod]
    public void Finds_an_unused_const_and_names_its_field()
    {
        var token = TestSecrets.GitHubToken();
        var hit = new AssemblyScanner(RuleSet.Default).Scan(BuildAssembly("hello world", token, "A payment service"))!.Single();
        Assert.AreEqual(("SG1004", LiteralKind.Constant, "Sample.Payments.ApiKey"), (hit.Rule.Id, hit.Kind, hit.Member));
    }

    [TestMethod]
    public void Literals_are_scanned_in_batches_and_a_hit_maps_to_its_own_literal_in_a_later_batch()
    {
        // A literal longer than a batch is a batch alone; the const and the attribute come after it.
        var key = TestSecrets.SendGridKey();
        var token = TestSecrets.GitHubToken();
        var hits = new AssemblyScanner(RuleSet.Default).Scan(BuildAssembly(new string('a', AssemblyScanner.LiteralBatchChars + 10), token, key))!;
        CollectionAssert.AreEquivalent(
            new[] { ("SG1004", LiteralKind.Constant, "Sample.Payments.ApiKey", token), ("SG1007", LiteralKind.AttributeArgument, "Sample.Payments", key) },
            hits.Select(h => (h.Rule.Id, h.Kind, h.Member, h.Secret)).ToArray());
    }

    [TestMethod]
    public void One_scanner_reads_assembly_after_assembly_each_on_its_own_literals()
    {
        // The scanner keeps its lists from one assembly to the next: nothing of the first is left in the second.
        var scanner = new AssemblyScanner(RuleSet.Default);
        var token = TestSecrets.GitHubToken();
        var key = TestSecrets.SendGridKey();
        var first = scanner.Scan(BuildAssembly(new string('b', 3 * AssemblyScanner.LiteralBatchChars), token, "A payment service"))!;
        var second = scanner.Scan(BuildAssembly("hello world", "harmless value", key))!;
        var third = scanner.Scan(BuildAssembly("hello world", "harmless value", "A payment service"))!;

        // The secrets compared, never shown: a failing assertion prints its values.
        Assert.AreEqual(("SG1004", "Sample.Payments.ApiKey", true), (first.Single().Rule.Id, first.Single().Member, first.Single().Secret == token));
        Assert.AreEqual(("SG1007", LiteralKind.AttributeArgument, true), (second.Single().Rule.Id, second.Single().Kind, second.Single().Secret == key));
        Assert.IsEmpty(third);
    }

    [TestMethod]
    public void Finds_a_secret_in_an_attribute_argument()
    {
        var key = TestSecrets.SendGridKey();
        var hit = new AssemblyScanner(RuleSet.Default).Scan(BuildAssembly("hello world", "harmless value", key))!.Single();
        Assert.AreEqual(("SG1007", LiteralKind.AttributeArgument, "Sample.Payments"), (hit.Rule.Id, hit.Kind, hit.Member));
    }

    [TestMethod]
    public void Format_strings_and_credential_words_in_code_are_not_findings()
    {
        var hits = new AssemblyScanner(RuleSet.Default).Scan(BuildAssembly("Server={0};User Id={1};Password={2};", "api_key", "Enter your password"));
        Assert.IsNotNull(hits);
        Assert.IsEmpty(hits);
    }

    [TestMethod]
    public void The_shared_framework_has_no_findings()
    {
        // Real assemblies of this machine: the runtime that runs this test.
        var dir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var scanner = new AssemblyScanner(RuleSet.Default);
        var scanned = 0;
        foreach (var path in Directory.EnumerateFiles(dir, "*.dll"))
        {
            var image = File.ReadAllBytes(path);
            if (AssemblyScanner.LooksLikePe(image) && scanner.Scan(image) is { } hits)
            {
                scanned++;
                Assert.IsEmpty(hits, $"{Path.GetFileName(path)}: {string.Join(", ", hits)}");
            }
        }

        Assert.IsGreaterThan(100, scanned);
    }
}
