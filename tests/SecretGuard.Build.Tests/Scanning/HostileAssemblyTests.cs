using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using SecretGuard.Detection;
using SecretGuard.Scanning;
using SecretGuard.SourceMapping;

namespace SecretGuard.Tests.Scanning;

/// <summary>
/// Assemblies whose metadata and IL are written to break a reader: each is built here, byte by byte where
/// a compiler would refuse, and must give findings (the credential planted beside the hostile part still
/// found) within seconds, never a crash, a stack overflow or a hang.
/// </summary>
[TestClass]
public sealed class HostileAssemblyTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="scan"/> on a thread of its own, failing if it does not end within <see cref="Bound"/>.</summary>
    private static T Bounded<T>(Func<T> scan)
    {
        var task = Task.Run(scan);
        Assert.AreEqual(0, Task.WaitAny([task], Bound), "the scan did not end: a loop driven by the input");
        return task.GetAwaiter().GetResult();
    }

    private sealed record Hostile(
        byte[] IlBody,
        bool NestedInItself = false,
        uint ResourceOffset = 0,
        string? ConstValue = null,
        string? LoadedString = null,
        int MethodRowsSharingTheBody = 1);

    /// <summary>
    /// An assembly with one type Hostile.Orders: a method "Run" whose IL is <see cref="Hostile.IlBody"/> (after
    /// an ldstr of <see cref="Hostile.LoadedString"/>), a const field ConnectionString, an embedded resource
    /// holding a SendGrid key at offset 0, and a second resource at <see cref="Hostile.ResourceOffset"/>.
    /// </summary>
    private static byte[] Build(Hostile spec, string resourceSecret)
    {
        var metadata = new MetadataBuilder();
        metadata.AddModule(0, metadata.GetOrAddString("Hostile.dll"), metadata.GetOrAddGuid(new Guid("a1b2c3d4-0000-4000-8000-000000000001")), default, default);
        metadata.AddAssembly(metadata.GetOrAddString("Hostile"), new Version(1, 0, 0, 0), default, default, 0, AssemblyHashAlgorithm.None);
        var corlib = metadata.AddAssemblyReference(metadata.GetOrAddString("System.Runtime"), new Version(8, 0, 0, 0), default, default, 0, default);
        var objectType = metadata.AddTypeReference(corlib, metadata.GetOrAddString("System"), metadata.GetOrAddString("Object"));

        var ilStream = new BlobBuilder();
        var bodies = new MethodBodyStreamEncoder(ilStream);
        var code = new BlobBuilder();
        if (spec.LoadedString is { } loaded)
        {
            code.WriteByte(0x72); // ldstr
            code.WriteInt32(MetadataTokens.GetToken(metadata.GetOrAddUserString(loaded)));
        }

        code.WriteBytes(spec.IlBody);
        var body = bodies.AddMethodBody(new InstructionEncoder(code), maxStack: 8);

        var methodSignature = new BlobBuilder();
        new BlobEncoder(methodSignature).MethodSignature().Parameters(0, r => r.Type().String(), _ => { });
        var fieldSignature = new BlobBuilder();
        new BlobEncoder(fieldSignature).Field().Type().String();

        metadata.AddTypeDefinition(default, default, metadata.GetOrAddString("<Module>"), default, MetadataTokens.FieldDefinitionHandle(1), MetadataTokens.MethodDefinitionHandle(1));
        var field = metadata.AddFieldDefinition(FieldAttributes.Public | FieldAttributes.Static | FieldAttributes.Literal | FieldAttributes.HasDefault,
            metadata.GetOrAddString("ConnectionString"), metadata.GetOrAddBlob(fieldSignature));
        metadata.AddConstant(field, spec.ConstValue ?? "harmless value");
        for (var i = 0; i < spec.MethodRowsSharingTheBody; i++)
        {
            metadata.AddMethodDefinition(MethodAttributes.Public | MethodAttributes.Static, MethodImplAttributes.IL,
                metadata.GetOrAddString(i == 0 ? "Run" : "Run" + i), metadata.GetOrAddBlob(methodSignature), body, default);
        }

        var type = metadata.AddTypeDefinition(TypeAttributes.Public | TypeAttributes.Class, metadata.GetOrAddString("Hostile"), metadata.GetOrAddString("Orders"),
            objectType, MetadataTokens.FieldDefinitionHandle(1), MetadataTokens.MethodDefinitionHandle(1));
        if (spec.NestedInItself)
        {
            metadata.AddNestedType(type, type);
        }

        var resources = new BlobBuilder();
        var settings = System.Text.Encoding.UTF8.GetBytes("{ \"SendGrid\": { \"ApiKey\": \"" + resourceSecret + "\" } }");
        resources.WriteInt32(settings.Length);
        resources.WriteBytes(settings);
        metadata.AddManifestResource(ManifestResourceAttributes.Public, metadata.GetOrAddString("Hostile.appsettings.json"), default, 0);
        metadata.AddManifestResource(ManifestResourceAttributes.Public, metadata.GetOrAddString("Hostile.data.json"), default, spec.ResourceOffset);

        var pe = new ManagedPEBuilder(PEHeaderBuilder.CreateLibraryHeader(), new MetadataRootBuilder(metadata, suppressValidation: true), ilStream, managedResources: resources);
        var image = new BlobBuilder();
        pe.Serialize(image);
        return image.ToArray();
    }

    private static int ResourcesDirectoryOffset(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image));
        Assert.IsTrue(pe.PEHeaders.TryGetDirectoryOffset(pe.PEHeaders.CorHeader!.ResourcesDirectory, out var offset));
        return offset;
    }

    [TestMethod]
    public void A_manifest_resource_offset_past_the_image_or_overflowing_is_skipped_and_the_other_resources_read()
    {
        var key = TestSecrets.SendGridKey();
        var directory = ResourcesDirectoryOffset(Build(new Hostile([0x2A]), key));
        foreach (var offset in new[] { uint.MaxValue, 0x80000000u, 0x7FFFFFFFu, (uint)(int.MaxValue - directory - 1), (uint)(int.MaxValue - directory - 3), 1u << 20 })
        {
            var hits = Bounded(() => new AssemblyScanner(RuleSet.Default).Scan(Build(new Hostile([0x2A], ResourceOffset: offset), key)));
            var hit = hits!.Single();
            Assert.AreEqual(("SG1007", LiteralKind.Resource, "Hostile.appsettings.json", key), (hit.Rule.Id, hit.Kind, hit.Member, hit.Secret), $"resource offset 0x{offset:X8}");
        }
    }

    [TestMethod]
    public void A_type_nested_in_itself_is_named_without_overflowing_the_stack()
    {
        var token = TestSecrets.GitHubToken();
        var hits = Bounded(() => new AssemblyScanner(RuleSet.Default).Scan(Build(new Hostile([0x2A], NestedInItself: true, LoadedString: "Bearer " + token), "none")));
        var hit = hits!.Single(h => h.Rule.Id == "SG1004");
        Assert.AreEqual((LiteralKind.UserString, "Orders.Run"), (hit.Kind, hit.Member));
    }

    [TestMethod]
    [DataRow(-1)]
    [DataRow(-2)]
    [DataRow(-1000)]
    [DataRow(int.MinValue)]
    [DataRow(int.MaxValue)]
    [DataRow(0x40000000)]
    public void IL_with_a_switch_whose_count_is_negative_or_past_the_body_is_walked_to_an_end(int count)
    {
        // nop; nop; nop; switch (count) …; ret. A count of -2 used to step back onto the nops and loop for ever.
        var il = new byte[] { 0x00, 0x00, 0x00, 0x45 }.Concat(BitConverter.GetBytes(count)).Concat(new byte[] { 0x2A }).ToArray();
        var loads = Bounded(() => PdbLiteralLocator.StringLoads(il).ToList());
        Assert.IsEmpty(loads);

        var token = TestSecrets.GitHubToken();
        var hits = Bounded(() => new AssemblyScanner(RuleSet.Default).Scan(Build(new Hostile(il, LoadedString: "Bearer " + token), "none")));
        var hit = hits!.Single(h => h.Rule.Id == "SG1004");
        Assert.AreEqual((LiteralKind.UserString, "Hostile.Orders.Run"), (hit.Kind, hit.Member), "the ldstr before the switch is still attributed");
    }

    [TestMethod]
    public void A_switch_that_fits_is_stepped_over_and_later_loads_are_found()
    {
        // switch (2) [t1, t2]; ldstr 0x70000001; ret
        byte[] il = [0x45, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0x72, 0x01, 0x00, 0x00, 0x70, 0x2A];
        CollectionAssert.AreEqual(new[] { (13, 0x70000001) }, PdbLiteralLocator.StringLoads(il).ToList());
    }

    [TestMethod]
    public void Thousands_of_method_rows_pointing_at_one_large_body_are_walked_once()
    {
        // A 4 MB body of nops, shared by 20,000 method rows: 80 GB of IL if each row were walked.
        var nops = new byte[4 << 20];
        nops[^1] = 0x2A;
        var token = TestSecrets.GitHubToken();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var hits = Bounded(() => new AssemblyScanner(RuleSet.Default).Scan(Build(new Hostile(nops, LoadedString: "Bearer " + token, MethodRowsSharingTheBody: 20_000), "none")));
        Assert.AreEqual("Hostile.Orders.Run", hits!.Single(h => h.Rule.Id == "SG1004").Member);
        Assert.IsLessThan(TimeSpan.FromSeconds(5), watch.Elapsed);
    }

    [TestMethod]
    public void A_const_that_code_loads_is_named_as_the_const_field_not_the_method_loading_it()
    {
        // What C# makes of `const string ConnectionString = "…"; public int Length => ConnectionString.Length;`:
        // the value in the Constant table, and an ldstr of it inlined in the getter.
        var password = "Server=db.internal;Database=orders;User Id=orders;Password=" + TestSecrets.Random(20, seed: 77) + ";";
        var builder = new PersistedAssemblyBuilder(new AssemblyName("Orders"), typeof(object).Assembly);
        var module = builder.DefineDynamicModule("Orders");
        var type = module.DefineType("Shop.OrdersRepository", TypeAttributes.Public | TypeAttributes.Class);
        var field = type.DefineField("ConnectionString", typeof(string), FieldAttributes.Private | FieldAttributes.Static | FieldAttributes.Literal | FieldAttributes.HasDefault);
        field.SetConstant(password);
        var getter = type.DefineMethod("get_Length", MethodAttributes.Public | MethodAttributes.SpecialName | MethodAttributes.HideBySig, typeof(int), Type.EmptyTypes);
        var il = getter.GetILGenerator();
        il.Emit(OpCodes.Ldstr, password);
        il.Emit(OpCodes.Callvirt, typeof(string).GetProperty(nameof(string.Length))!.GetMethod!);
        il.Emit(OpCodes.Ret);
        type.DefineProperty("Length", PropertyAttributes.None, typeof(int), Type.EmptyTypes).SetGetMethod(getter);
        type.CreateType();
        var metadata = builder.GenerateMetadata(out var ilStream, out var fieldData);
        var pe = new ManagedPEBuilder(PEHeaderBuilder.CreateLibraryHeader(), new MetadataRootBuilder(metadata), ilStream, fieldData);
        var blob = new BlobBuilder();
        pe.Serialize(blob);

        var hit = new AssemblyScanner(RuleSet.Default).Scan(blob.ToArray())!.Single();
        Assert.AreEqual((LiteralKind.Constant, "Shop.OrdersRepository.ConnectionString"), (hit.Kind, hit.Member));
    }

    [TestMethod]
    public void A_managed_pe_is_told_from_a_native_one_by_its_first_bytes()
    {
        var dir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        foreach (var path in Directory.EnumerateFiles(dir, "*.dll").Take(40))
        {
            var head = new byte[AssemblyScanner.PeHeadBytes];
            using (var file = File.OpenRead(path))
            {
                head = head[..file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
            }

            if (AssemblyScanner.LooksLikePe(head))
            {
                Assert.IsTrue(AssemblyScanner.IsManagedPe(head), Path.GetFileName(path));
            }
        }

        var image = Build(new Hostile([0x2A]), "none");
        Assert.IsTrue(AssemblyScanner.IsManagedPe(image.AsSpan(0, Math.Min(image.Length, AssemblyScanner.PeHeadBytes))));

        // The same headers with the CLI header directory cleared: a native PE, read for its strings when large.
        using var pe = new PEReader(new MemoryStream(image));
        var optional = pe.PEHeaders.PEHeaderStartOffset;
        var cliDirectory = optional + (pe.PEHeaders.PEHeader!.Magic == PEMagic.PE32Plus ? 112 : 96) + (14 * 8);
        var native = (byte[])image.Clone();
        native.AsSpan(cliDirectory, 8).Clear();
        Assert.IsFalse(AssemblyScanner.IsManagedPe(native.AsSpan(0, Math.Min(image.Length, AssemblyScanner.PeHeadBytes))));

        // Headers the first bytes cannot vouch for: not known, so treated as managed by the caller.
        var farHeaders = (byte[])image.Clone();
        BitConverter.GetBytes(1 << 20).CopyTo(farHeaders, 0x3C);
        Assert.IsNull(AssemblyScanner.IsManagedPe(farHeaders.AsSpan(0, Math.Min(image.Length, AssemblyScanner.PeHeadBytes))));
        Assert.IsNull(AssemblyScanner.IsManagedPe("MZ and nothing like a PE after it"u8));
        Assert.IsNull(AssemblyScanner.IsManagedPe(image.AsSpan(0, 100)));
    }

    [TestMethod]
    public void Thousands_of_const_fields_and_attributes_sharing_one_large_value_are_each_read_once()
    {
        // 2,000 const fields and attributes whose value is one 16 KB blob: some 130 MB of strings if each row were read.
        var value = "Server=db;Password=" + TestSecrets.Random(24, seed: 91) + ";" + new string(' ', 16 * 1024);
        var builder = new PersistedAssemblyBuilder(new AssemblyName("Shared"), typeof(object).Assembly);
        var type = builder.DefineDynamicModule("Shared").DefineType("Shared.Settings", TypeAttributes.Public | TypeAttributes.Class);
        var description = typeof(System.ComponentModel.DescriptionAttribute).GetConstructor([typeof(string)])!;
        for (var i = 0; i < 2_000; i++)
        {
            var field = type.DefineField($"Value{i}", typeof(string), FieldAttributes.Public | FieldAttributes.Static | FieldAttributes.Literal | FieldAttributes.HasDefault);
            field.SetConstant(value);
            field.SetCustomAttribute(new CustomAttributeBuilder(description, [value]));
        }

        type.CreateType();
        var metadata = builder.GenerateMetadata(out var ilStream, out var fieldData);
        var blob = new BlobBuilder();
        new ManagedPEBuilder(PEHeaderBuilder.CreateLibraryHeader(), new MetadataRootBuilder(metadata), ilStream, fieldData).Serialize(blob);
        var image = blob.ToArray();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var hits = Bounded(() => new AssemblyScanner(RuleSet.Default).Scan(image));
        Assert.IsLessThan(TimeSpan.FromSeconds(5), watch.Elapsed);
        Assert.AreEqual(LiteralKind.Constant, hits!.Single().Kind);
    }
}
