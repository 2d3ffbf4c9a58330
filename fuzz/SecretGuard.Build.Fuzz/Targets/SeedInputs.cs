using System.Diagnostics.SymbolStore;
using System.Formats.Tar;
using System.IO.Compression;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Resources;
using System.Security.Cryptography;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Reporting;
using SecretGuard.Scanning;

namespace SecretGuard.Fuzzing;

/// <summary>
/// Valid samples of every format a target reads, built in code as the tests build theirs (plus the key
/// store fixtures made by keytool and OpenSSL): the fuzzer's starting corpus and the property tests'
/// inputs to mutate. Credentials in them are generated here, never committed.
/// </summary>
public static class SeedInputs
{
    /// <summary>A GitHub-shaped token with a valid checksum, so the rules report it.</summary>
    public static string Token(int seed = 1)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var random = new Random(seed);
        var body = new string(Enumerable.Range(0, 30).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
        return "gh" + "p_" + body + Checksums.Base62(Checksums.Crc32(body), 6);
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static string Settings(int seed = 1) => "{\n  \"GitHub\": { \"Token\": \"" + Token(seed) + "\" },\n  \"Logging\": { \"LogLevel\": \"Information\" }\n}\n";

    /// <summary>The seeds of one target, by name; <paramref name="fixtures"/> is the folder of the key store fixtures.</summary>
    public static IReadOnlyList<(string Name, byte[] Data)> For(string target, string fixtures) => target switch
    {
        "layer" => Layers(),
        "nested" => Nested(),
        "assembly" => [("assembly.dll", Assembly(Token(), withResources: true)), ("plain.dll", Assembly("hello world", withResources: false))],
        "pdb" => [("app.pdb", PdbHost.Value.Pdb)],
        "bundle" => [("bundle-v6", Bundle(6)), ("bundle-v2", Bundle(2))],
        "nativeaot" => [("nativeaot", NativeAot()), ("go", GoProgram())],
        "pkcs12" => Fixtures(fixtures, "*.p12"),
        "jks" => [.. Fixtures(fixtures, "*.jks"), .. Fixtures(fixtures, "*.jceks")],
        "manifest" => Manifests(),
        "registry" => Registry(),
        "state" => State(),
        "rules" => Texts(),
        "file" => Files(fixtures),
        "archive" => Archives(),
        _ => throw new ArgumentException($"no target {target}"),
    };

    private static List<(string, byte[])> Fixtures(string folder, string pattern) =>
        Directory.GetFiles(folder, pattern).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToList();

    public static byte[] Tar(TarEntryFormat format, params (string Path, byte[] Content)[] files)
    {
        using var ms = new MemoryStream();
        using (var writer = new TarWriter(ms, format, leaveOpen: true))
        {
            foreach (var (path, content) in files)
            {
                TarEntry entry = format switch
                {
                    TarEntryFormat.Gnu => new GnuTarEntry(TarEntryType.RegularFile, path),
                    TarEntryFormat.Ustar => new UstarTarEntry(TarEntryType.RegularFile, path),
                    TarEntryFormat.V7 => new V7TarEntry(TarEntryType.V7RegularFile, path),
                    _ => new PaxTarEntry(TarEntryType.RegularFile, path),
                };
                entry.DataStream = new MemoryStream(content);
                writer.WriteEntry(entry);
            }
        }

        return ms.ToArray();
    }

    public static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(data);
        }

        return ms.ToArray();
    }

    /// <summary>A zstd skippable frame (RFC 8878, 3.1.2) holding <paramref name="data"/>; <paramref name="variant"/> is the low nibble of its magic (0 to 15).</summary>
    public static byte[] SkippableFrame(byte[] data, byte variant = 0)
    {
        var frame = new byte[8 + data.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(frame, 0x184D2A50u | variant);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), (uint)data.Length);
        data.CopyTo(frame, 8);
        return frame;
    }

    public static byte[] Zstd(byte[] data)
    {
        using var compressor = new ZstdSharp.Compressor(3);
        return compressor.Wrap(data).ToArray();
    }

    public static byte[] Zip(params (string Path, byte[] Content)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in entries)
            {
                using var s = zip.CreateEntry(path).Open();
                s.Write(content);
            }
        }

        return ms.ToArray();
    }

    /// <summary>A layer tar with a file holding a token, a whiteout, a directory and a link.</summary>
    public static byte[] LayerTar()
    {
        using var ms = new MemoryStream();
        using (var writer = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "app/"));
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "app/appsettings.json") { DataStream = new MemoryStream(Utf8(Settings())) });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "app/.wh.old.json") { DataStream = new MemoryStream() });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "app/current") { LinkName = "appsettings.json" });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "./etc/" + new string('n', 120) + "/x.conf") { DataStream = new MemoryStream(Utf8("password=" + Token(2))) });
        }

        return ms.ToArray();
    }

    private static List<(string, byte[])> Layers()
    {
        var tar = LayerTar();
        return
        [
            ("layer.tar", tar),
            ("layer.tar.gz", Gzip(tar)),
            ("layer.tar.zst", Zstd(tar)),
            // zstd:chunked's shape: the frames, then skippable frames a decoder passes over (their data is read as files).
            ("chunked.tar.zst", [.. Zstd(tar), .. SkippableFrame(Zstd(Utf8(Settings(6))))]),
            ("gnu.tar.gz", Gzip(Tar(TarEntryFormat.Gnu, ("app/" + new string('g', 130) + ".json", Utf8(Settings(3)))))),
            ("ustar.tar", Tar(TarEntryFormat.Ustar, ("app/a.json", Utf8(Settings(4))))),
            ("v7.tar", Tar(TarEntryFormat.V7, ("app/b.json", Utf8(Settings(5))))),
            // PAX records nothing applies (a global header, a comment, an extended attribute), in a gzip whose header has a comment.
            ("pax-records.tar.gz", GzipWithComment(PaxRecordsTar(), Utf8("GITHUB_TOKEN=" + Token(8)))),
        ];
    }

    /// <summary>A PAX tar whose records carry a credential: a global header's comment, then an entry with an extended attribute.</summary>
    public static byte[] PaxRecordsTar()
    {
        using var ms = new MemoryStream();
        using (var writer = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxGlobalExtendedAttributesTarEntry(new Dictionary<string, string> { ["comment"] = "built by ci" }));
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "app/a.json", new Dictionary<string, string> { ["SCHILY.xattr.user.token"] = Token(7) })
            {
                DataStream = new MemoryStream(Utf8("{}")),
            });
        }

        return ms.ToArray();
    }

    /// <summary>A one-member gzip of <paramref name="data"/> whose header carries <paramref name="comment"/> (FCOMMENT).</summary>
    public static byte[] GzipWithComment(byte[] data, byte[] comment)
    {
        var gzip = Gzip(data);
        return [.. gzip[..3], (byte)(gzip[3] | 0x10), .. gzip[4..10], .. comment, 0, .. gzip[10..]];
    }

    /// <summary>
    /// Image tarballs of each kind the tool reads, with one gzip layer: docker save (blobs named by digest),
    /// an older docker archive (id/layer.tar, digest from the config's diff_ids), an OCI layout (index.json
    /// and blobs, as podman and the SDK write), and that layout gzip-compressed (the SDK's .tar.gz).
    /// </summary>
    private static List<(string, byte[])> Archives()
    {
        static string Digest(byte[] data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();
        var tar = LayerTar();
        var layer = Gzip(tar);
        var config = Utf8("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/usr/bin\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + Digest(tar) + "\"]},\"history\":[{\"created_by\":\"COPY app /app\"}]}");
        var layerPath = "blobs/sha256/" + Digest(layer);
        var configPath = "blobs/sha256/" + Digest(config);
        var dockerSave = Tar(TarEntryFormat.Pax,
            (configPath, config),
            (layerPath, layer),
            ("manifest.json", Utf8("[{\"Config\":\"" + configPath + "\",\"RepoTags\":[\"app:1\"],\"Layers\":[\"" + layerPath + "\"]}]")));
        var olderDocker = Tar(TarEntryFormat.Ustar,
            ("abc123/layer.tar", tar),
            ("abc123.json", config),
            ("manifest.json", Utf8("[{\"Config\":\"abc123.json\",\"RepoTags\":null,\"Layers\":[\"abc123/layer.tar\"]}]")));
        var manifest = Utf8("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:"
            + Digest(config) + "\",\"size\":" + config.Length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:" + Digest(layer) + "\",\"size\":" + layer.Length + "}]}");
        var index = Utf8("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + Digest(manifest) + "\",\"size\":" + manifest.Length
            + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"},\"annotations\":{\"org.opencontainers.image.ref.name\":\"1\"}}]}");
        var ociLayout = Tar(TarEntryFormat.Pax,
            ("oci-layout", Utf8("{\"imageLayoutVersion\":\"1.0.0\"}")),
            ("index.json", index),
            ("blobs/sha256/" + Digest(manifest), manifest),
            (configPath, config),
            (layerPath, layer));
        return
        [
            ("docker-save.tar", dockerSave),
            ("docker-older.tar", olderDocker),
            ("oci-layout.tar", ociLayout),
            ("oci-layout.tar.gz", Gzip(ociLayout)),
        ];
    }

    private static List<(string, byte[])> Nested()
    {
        static byte[] Kind(NestedArchives.Kind kind, byte[] content) =>
            [(byte)Array.FindIndex(FuzzTargets.NestedKinds, k => k.Kind == kind), .. content];

        var settings = Utf8(Settings());
        var innerTarGz = Gzip(Tar(TarEntryFormat.Pax, ("config/appsettings.json", settings)));
        return
        [
            ("zip", Kind(NestedArchives.Kind.Zip, Zip(("appsettings.json", settings), ("lib/readme.txt", Utf8("nothing here\n"))))),
            ("zip-in-zip", Kind(NestedArchives.Kind.Zip, Zip(("inner.zip", Zip(("appsettings.json", settings)))))),
            ("tar", Kind(NestedArchives.Kind.Tar, Tar(TarEntryFormat.Pax, ("appsettings.json", settings)))),
            ("tar.gz-in-zip", Kind(NestedArchives.Kind.Zip, Zip(("bundle.tar.gz", innerTarGz)))),
            ("tar.gz", Kind(NestedArchives.Kind.TarGzip, innerTarGz)),
            ("gz", Kind(NestedArchives.Kind.Gzip, Gzip(settings))),
        ];
    }

    /// <summary>
    /// A real assembly: a method loading <paramref name="literal"/>, a const field, an attribute argument,
    /// a nested type and, with <paramref name="withResources"/>, a .resources resource and an embedded JSON file.
    /// </summary>
    public static byte[] Assembly(string literal, bool withResources)
    {
        var builder = new PersistedAssemblyBuilder(new AssemblyName("FuzzSample"), typeof(object).Assembly);
        var module = builder.DefineDynamicModule("FuzzSample");
        var type = module.DefineType("FuzzSample.Payments", TypeAttributes.Public | TypeAttributes.Class);
        var method = type.DefineMethod("Key", MethodAttributes.Public | MethodAttributes.Static, typeof(string), Type.EmptyTypes);
        var il = method.GetILGenerator();
        var done = il.DefineLabel();
        il.Emit(OpCodes.Ldc_I4_1);
        il.Emit(OpCodes.Switch, [done]);
        il.Emit(OpCodes.Ldstr, literal);
        il.Emit(OpCodes.Ret);
        il.MarkLabel(done);
        il.Emit(OpCodes.Ldstr, "Server=db;User Id=app;Password=" + Token(7)[4..20]);
        il.Emit(OpCodes.Ret);

        var field = type.DefineField("ApiKey", typeof(string), FieldAttributes.Public | FieldAttributes.Static | FieldAttributes.Literal | FieldAttributes.HasDefault);
        field.SetConstant("api_key=" + Token(8));
        type.SetCustomAttribute(new CustomAttributeBuilder(typeof(System.ComponentModel.DescriptionAttribute).GetConstructor([typeof(string)])!, [Token(9)]));
        type.DefineNestedType("Inner", TypeAttributes.NestedPublic).CreateType();
        type.CreateType();

        var metadata = builder.GenerateMetadata(out var ilStream, out var fieldData);
        BlobBuilder? resources = null;
        if (withResources)
        {
            resources = new BlobBuilder();
            using var stream = new MemoryStream();
            using (var writer = new ResourceWriter(stream))
            {
                writer.AddResource("ConnectionString", "Server=db;Password=" + Token(10)[4..24]);
                writer.AddResource("Greeting", "hello");
            }

            AddResource(metadata, resources, "FuzzSample.Strings.resources", stream.ToArray());
            AddResource(metadata, resources, "FuzzSample.appsettings.json", Utf8(Settings(11)));
        }

        var pe = new ManagedPEBuilder(PEHeaderBuilder.CreateLibraryHeader(), new MetadataRootBuilder(metadata), ilStream, fieldData, resources);
        var blob = new BlobBuilder();
        pe.Serialize(blob);
        return blob.ToArray();
    }

    private static void AddResource(MetadataBuilder metadata, BlobBuilder resources, string name, byte[] content)
    {
        var offset = resources.Count;
        resources.WriteInt32(content.Length);
        resources.WriteBytes(content);
        resources.Align(8);
        metadata.AddManifestResource(ManifestResourceAttributes.Public, metadata.GetOrAddString(name), default, (uint)offset);
    }

    /// <summary>
    /// An assembly whose CodeView entry names a portable PDB of a fixed id, and that PDB: the pdb target
    /// feeds mutated PDBs beside this assembly, which the locator accepts as long as the id still matches.
    /// </summary>
    public static readonly Lazy<(byte[] Assembly, byte[] Pdb)> PdbHost = new(() =>
    {
        var builder = new PersistedAssemblyBuilder(new AssemblyName("FuzzPdbSample"), typeof(object).Assembly);
        var module = builder.DefineDynamicModule("FuzzPdbSample");
        var document = module.DefineDocument("/_/src/FuzzPdbSample/Payments.cs", SymLanguageType.CSharp);
        var type = module.DefineType("FuzzPdbSample.Payments", TypeAttributes.Public | TypeAttributes.Class);
        var method = type.DefineMethod("Key", MethodAttributes.Public | MethodAttributes.Static, typeof(string), Type.EmptyTypes);
        var il = method.GetILGenerator();
        il.MarkSequencePoint(document, 7, 9, 7, 40);
        il.Emit(OpCodes.Ldstr, "Bearer " + Token(12));
        il.MarkSequencePoint(document, 8, 9, 8, 20);
        il.Emit(OpCodes.Ret);
        type.CreateType();

        var metadata = builder.GenerateMetadata(out var ilStream, out var fieldData, out var pdbMetadata);
        var pdbBuilder = new PortablePdbBuilder(pdbMetadata, metadata.GetRowCounts(), default,
            idProvider: _ => new BlobContentId(new Guid("5ec7e7a5-f022-4d00-8000-0000000f0225"), 0x5EC7E7A5));
        var pdbBlob = new BlobBuilder();
        var pdbId = pdbBuilder.Serialize(pdbBlob);
        var debug = new DebugDirectoryBuilder();
        debug.AddCodeViewEntry("FuzzPdbSample.pdb", pdbId, pdbBuilder.FormatVersion);

        var pe = new ManagedPEBuilder(PEHeaderBuilder.CreateLibraryHeader(), new MetadataRootBuilder(metadata), ilStream, fieldData, debugDirectoryBuilder: debug);
        var peBlob = new BlobBuilder();
        pe.Serialize(peBlob);
        return (peBlob.ToArray(), pdbBlob.ToArray());
    });

    private static readonly byte[] BundleSignature = Convert.FromHexString("8b1202b96a612038727b930214d7a03213f5b9e6efae3318ee3b2dce24b36aae");

    /// <summary>An app host with a single-file bundle of a settings file (stored) and a DLL (deflated), header version <paramref name="major"/>.</summary>
    public static byte[] Bundle(uint major)
    {
        using var ms = new MemoryStream();
        ms.Write([0x7F, (byte)'E', (byte)'L', (byte)'F', .. Utf8(" host code ")]);
        var slot = ms.Position;
        ms.Write(new byte[8]);
        ms.Write(BundleSignature);
        var entries = new List<(long Offset, long Size, long Compressed, string Path)>();
        foreach (var (path, content, compress) in new[] { ("appsettings.json", Utf8(Settings(13)), false), ("App.dll", Assembly(Token(14), withResources: false), major >= 6) })
        {
            var offset = ms.Position;
            if (compress)
            {
                using (var deflate = new DeflateStream(ms, CompressionLevel.Optimal, leaveOpen: true))
                {
                    deflate.Write(content);
                }

                entries.Add((offset, content.Length, ms.Position - offset, path));
            }
            else
            {
                ms.Write(content);
                entries.Add((offset, content.Length, 0, path));
            }
        }

        var header = ms.Position;
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(major);
            w.Write(0u);
            w.Write(entries.Count);
            w.Write("fuzzbundle01");
            if (major >= 2)
            {
                w.Write(new byte[8 * 5]);
            }

            foreach (var e in entries)
            {
                w.Write(e.Offset);
                w.Write(e.Size);
                if (major >= 6)
                {
                    w.Write(e.Compressed);
                }

                w.Write((byte)1);
                w.Write(e.Path);
            }
        }

        var bytes = ms.ToArray();
        BitConverter.GetBytes(header).CopyTo(bytes, slot);
        return bytes;
    }

    /// <summary>An ELF with the NativeAOT section names and literal records (UTF-16 with a length, the last character as one byte) and UTF-8 runs.</summary>
    public static byte[] NativeAot()
    {
        using var ms = new MemoryStream();
        ms.Write([0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        ms.Write(Encoding.ASCII.GetBytes(".text\0__managedcode\0.dotnet_eh_table\0.rodata\0"));
        foreach (var literal in new[] { "Bearer " + Token(15), "just some text here", "password=" + Token(16)[4..] })
        {
            ms.Write(BitConverter.GetBytes(literal.Length));
            ms.Write(Encoding.Unicode.GetBytes(literal[..^1]));
            ms.WriteByte((byte)literal[^1]);
            ms.Write(new byte[3]);
        }

        ms.Write(Utf8("utf8 literal " + Token(17) + "\0\0"));
        return ms.ToArray();
    }

    /// <summary>A 64-bit ELF program as the Go linker writes one: a note segment with its build ID note ("Go", type 4) in the first page, then strings.</summary>
    public static byte[] GoProgram()
    {
        var note = new byte[12 + 4 + 20];
        BitConverter.GetBytes(4).CopyTo(note, 0); // name size: "Go" and its terminator, padded to 4
        BitConverter.GetBytes(20).CopyTo(note, 4);
        BitConverter.GetBytes(4).CopyTo(note, 8);
        "Go\0\0"u8.CopyTo(note.AsSpan(12));
        "fuzzbuildid/abcdefgh"u8.CopyTo(note.AsSpan(16));

        var image = new byte[64 + 56];
        "\u007FELF"u8.CopyTo(image);
        image[4] = 2; // 64-bit
        image[5] = 1; // little-endian
        image[6] = 1;
        BitConverter.GetBytes(64L).CopyTo(image, 0x20); // program headers right after the header
        BitConverter.GetBytes((short)56).CopyTo(image, 0x36);
        BitConverter.GetBytes((short)1).CopyTo(image, 0x38);
        BitConverter.GetBytes(4).CopyTo(image, 64); // PT_NOTE
        BitConverter.GetBytes((long)image.Length).CopyTo(image, 64 + 8);
        BitConverter.GetBytes((long)note.Length).CopyTo(image, 64 + 32);
        BitConverter.GetBytes(4L).CopyTo(image, 64 + 48);
        return [.. image, .. note, .. Utf8("\0\0net/http.(*Client).Do Bearer " + Token(19) + " runtime.main\0\0")];
    }

    private static string ManifestJson() =>
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:"
        + new string('a', 64) + "\",\"size\":1234},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:" + new string('b', 64)
        + "\",\"size\":5678},{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+zstd\",\"digest\":\"sha256:" + new string('c', 64) + "\",\"size\":9}]}";

    private static List<(string, byte[])> Manifests() =>
    [
        ("manifest.json", Utf8(ManifestJson())),
        ("config.json", Utf8("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/usr/bin\",\"API_TOKEN=" + Token(18) + "\"],\"Labels\":{\"a\":\"b\",\"n\":1},\"Entrypoint\":[\"dotnet\",\"app.dll\"],\"Cmd\":null,\"WorkingDir\":\"/app\"},"
            + "\"history\":[{\"created_by\":\"ADD base\"},{\"created_by\":\"ENV X=1\",\"empty_layer\":true},{\"author\":\".NET SDK\",\"created_by\":\".NET SDK Container Tooling\"}]}")),
        ("index.json", Utf8("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:"
            + new string('d', 64) + "\",\"size\":500,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},{\"digest\":\"sha256:" + new string('e', 64)
            + "\",\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}},{\"digest\":\"sha256:" + new string('f', 64) + "\",\"platform\":{\"architecture\":\"unknown\",\"os\":\"unknown\"}}]}")),
    ];

    private static List<(string, byte[])> Registry()
    {
        static byte[] Parts(params string[] parts) => Utf8(string.Join('\0', parts));
        return
        [
            ("bearer", Parts("Bearer realm=\"https://auth.fuzz.invalid/token\",service=\"registry.fuzz.invalid\",scope=\"repository:app:pull\"", "{\"token\":\"abc.def.ghi\",\"expires_in\":300}", ManifestJson())),
            ("access-token", Parts("Bearer realm=\"https://auth.fuzz.invalid/oauth2/token\",service=\"reg\"", "{\"access_token\":\"xyz\",\"expires_in\":60}", ManifestJson())),
            ("basic", Parts("Basic realm=\"registry\"", "{}", ManifestJson())),
            ("quoted-commas", Parts("Bearer realm=\"https://auth.fuzz.invalid/t\",scope=\"repository:a/b:pull,push\",error=\"insufficient_scope\"", "{\"token\":\"t\"}", "{\"manifests\":[]}")),
        ];
    }

    private static List<(string, byte[])> State()
    {
        var directory = Path.Combine(Path.GetTempPath(), "secretguard-fuzz-seeds-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var findings = new FileScanner(RuleSet.Default).Scan("/app/appsettings.json", -1, new MemoryStream(Utf8(Settings(19))), 0, FuzzTargets.StateLayerDigest).Findings.ToList();

            var baseline = Path.Combine(directory, "baseline.json");
            Baseline.Write(baseline, findings.Select(f => new BaselineEntry(f.Fingerprint, f.RuleId, "/app/appsettings.json")));

            var cache = new LayerResultCache(Path.Combine(directory, "cache"));
            var layer = new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", FuzzTargets.StateLayerDigest, 1);
            cache.Put(layer, new LayerResult(findings, [new Whiteout("/app/old.json", false), new Whiteout("/var/cache", true)], 3, 4096, ["/app/big.zip"]));
            var entry = Directory.GetFiles(cache.Directory, "*.json", SearchOption.AllDirectories).Single();
            var cached = File.ReadAllText(entry)[65..].Replace(LayerResultCache.ScannerVersion, FuzzTargets.ScannerPlaceholder).Replace(FuzzTargets.StateLayerDigest, FuzzTargets.LayerPlaceholder);

            var clean = CleanFileCache.Open(directory, ScanLimits.None);
            clean.RecordClean("appsettings.json", new FileInfo(baseline));
            clean.RecordClean("wwwroot/index.html", new FileInfo(baseline));
            clean.Save();
            var state = File.ReadAllText(Path.Combine(directory, "secretguard.clean-files.json")).Replace(LayerResultCache.ScannerVersion, FuzzTargets.ScannerPlaceholder);

            var handover = new GateHandover
            {
                Reported = findings.Select(f => f.Fingerprint).ToList(),
                Accepted = findings.Take(1).Select(f => f.Fingerprint).ToList(),
                BaselineEntries = findings.Select(f => new BaselineEntry(f.Fingerprint, f.RuleId, "/app/appsettings.json", new DateOnly(2027, 1, 31))).ToList(),
                AppLayerFilesChecked = 20,
                BaseImageChecked = new CheckedBaseImage("localhost:5000/base:1", [FuzzTargets.StateLayerDigest]),
            };

            return
            [
                ("baseline.json", File.ReadAllBytes(baseline)), ("layer-cache.json", Utf8(cached)), ("clean-files.json", Utf8(state)),
                ("handover.json", Convert.FromBase64String(handover.ToText())),
            ];
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static List<(string, byte[])> Texts() =>
    [
        ("settings.json", Utf8(Settings())),
        ("env", Utf8("AWS_ACCESS_KEY_ID=AKIA" + Token(20)[4..20].ToUpperInvariant() + "\nDB_PASSWORD=" + Token(21)[4..22] + "\nEMPTY=\nFILE=/run/secrets/x\nREF=${TOKEN}\n")),
        ("connection", Utf8("Server=tcp:db.example.com,1433;Database=app;User ID=app;Password=" + Token(22)[4..26] + ";Encrypt=True;\npostgres://app:" + Token(23)[4..20] + "@db:5432/app\n")),
        ("pem", Utf8("-----BEGIN " + "PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI" + Token(24)[4..30] + "\n-----END " + "PRIVATE KEY-----\n")),
        ("code.cs", Utf8("var client = new Client(\"" + Token(25) + "\");\n// placeholder <your-key>\nconst string Key = \"api_key\";\n")),
    ];

    private static List<(string, byte[])> Files(string fixtures)
    {
        static byte[] At(string path, byte[] content) => [(byte)Array.IndexOf(FuzzTargets.FilePaths, path), .. content];
        var settings = Utf8(Settings(26));
        return
        [
            ("appsettings.json", At("/app/appsettings.json", settings)),
            ("assembly.dll", At("/app/App.dll", Assembly(Token(27), withResources: true))),
            ("bundle", At("/app/App", Bundle(6))),
            ("zip", At("/app/lib.zip", Zip(("appsettings.json", settings)))),
            ("tar.gz", At("/app/data.tar.gz", Gzip(Tar(TarEntryFormat.Pax, ("appsettings.json", settings))))),
            ("json.gz", At("/app/settings.json.gz", Gzip(settings))),
            ("pfx", At("/app/cert.pfx", File.ReadAllBytes(Path.Combine(fixtures, "openssl-empty.p12")))),
            ("jks", At("/app/keystore.jks", File.ReadAllBytes(Path.Combine(fixtures, "keytool-changeit.jks")))),
            ("nativeaot", At("/usr/bin/tool", NativeAot())),
            ("go", At("/usr/bin/tool", GoProgram())),
            ("utf16.txt", At("/app/Program.cs", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("var token = \"" + Token(28) + "\";\n")).ToArray())),
            // Known by content whatever the name: a zip after a launch script, a Debian package, zstd, gzip with data after it.
            ("script-then-zip", At("/usr/bin/tool", [.. "#!/bin/sh\nexec java -jar \"$0\" \"$@\"\n"u8, .. Zip(("BOOT-INF/classes/application.properties", settings))])),
            ("deb", At("/app/appsettings.json", Deb(("control.tar.gz", Gzip(Tar(TarEntryFormat.Ustar, ("./control", "Package: acme\n"u8.ToArray())))), ("data.tar.gz", Gzip(Tar(TarEntryFormat.Ustar, ("./etc/acme/appsettings.json", settings))))))),
            ("zst", At("/app/appsettings.json", Zstd(settings))),
            ("gz-then-text", At("/app/settings.json.gz", [.. Gzip("{}\n"u8.ToArray()), .. settings])),
            ("run-secret", At("/run/secrets/db_password", Utf8(Token(29)[4..24] + "\n"))),
            ("run-secret-binary", At("/run/secrets/db_password", [0, .. Utf8(Token(30))])),
            ("rails-master-key", At("/app/config/master.key", Utf8(Convert.ToHexString(Utf8(Token(31))[..16]).ToLowerInvariant()))),
            ("jenkins-master-key", At("/var/jenkins_home/secrets/master.key", Utf8(Convert.ToHexString([.. Utf8(Token(32)), .. Utf8(Token(33)), .. Utf8(Token(34)), .. Utf8(Token(36))])[..256].ToLowerInvariant()))),
            ("vault-token", At("/root/.vault-token", Utf8("s." + Token(35)[4..28]))),
            ("vault-pass-script", At("/home/deploy/.vault_pass.txt", "#!/bin/sh\nvault kv get -field=password secret/ansible\n"u8.ToArray())),
        ];
    }

    /// <summary>A Debian package: an ar archive of debian-binary, then the members (names as dpkg-deb writes them).</summary>
    public static byte[] Deb(params (string Name, byte[] Data)[] members)
    {
        var ar = new MemoryStream();
        ar.Write("!<arch>\n"u8);
        foreach (var (name, data) in (IEnumerable<(string, byte[])>)[("debian-binary", "2.0\n"u8.ToArray()), .. members])
        {
            ar.Write(Encoding.ASCII.GetBytes($"{name,-16}{"0",-12}{"0",-6}{"0",-6}{"100644",-8}{data.Length,-10}`\n"));
            ar.Write(data);
            if (data.Length % 2 == 1)
            {
                ar.WriteByte((byte)'\n');
            }
        }

        return ar.ToArray();
    }
}
