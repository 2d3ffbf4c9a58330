using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SecretGuard.EndToEnd.Infrastructure;

namespace SecretGuard.EndToEnd;

/// <summary>
/// The package as the test run packed it (TestEnvironment.Feed), opened as a gallery and a consumer's
/// restore see it: the nuspec's metadata, exactly the files that should ship and nothing else, and the
/// task assemblies' version, commit and repository (Source Link's, as the SDK records them).
/// </summary>
[TestClass]
public sealed partial class PackageContentsTests
{
    private const string RepositoryUrl = "https://github.com/secretguard/SecretGuard.Build";

    private static string PackagePath => Path.Combine(TestEnvironment.Feed, $"SecretGuard.Build.{TestEnvironment.PackageVersion}.nupkg");

    private static readonly string[] TaskFolders = ["tasks/net8.0/", "tasks/net10.0/linux-x64/"];

    private static readonly string[] TaskAssemblies = ["SecretGuard.Build.Tasks.dll", "SecretGuard.Core.dll", "ZstdSharp.dll"];

    [TestMethod]
    public void The_nuspec_carries_what_a_gallery_shows()
    {
        using var package = ZipFile.OpenRead(PackagePath);
        var nuspec = ReadNuspec(package);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        string Value(string name) => metadata.Element(ns + name)?.Value ?? "";

        Assert.AreEqual("SecretGuard.Build", Value("id"));
        Assert.AreEqual(TestEnvironment.PackageVersion, Value("version"), "-p:SecretGuardVersion overrides the version from git");
        Assert.AreEqual("SecretGuard.Build contributors", Value("authors"));
        Assert.AreEqual("true", Value("developmentDependency"), "consumers must not get it as a run-time dependency");
        var license = metadata.Element(ns + "license")!;
        Assert.AreEqual("expression", license.Attribute("type")?.Value);
        Assert.AreEqual("MIT", license.Value);
        Assert.AreEqual("icon.png", Value("icon"));
        Assert.AreEqual("PACKAGE.md", Value("readme"));
        Assert.AreEqual(RepositoryUrl, Value("projectUrl"));
        StringAssert.Contains(Value("releaseNotes"), RepositoryUrl + "/blob/main/CHANGELOG.md");
        StringAssert.Contains(Value("copyright"), "SecretGuard.Build contributors");
        Assert.IsFalse(string.IsNullOrWhiteSpace(Value("description")));

        var repository = metadata.Element(ns + "repository")!;
        Assert.AreEqual("git", repository.Attribute("type")?.Value);
        Assert.AreEqual(RepositoryUrl, repository.Attribute("url")?.Value);
        var head = Shell.Run("git", "-C", TestEnvironment.RepositoryRoot, "rev-parse", "HEAD");
        if (head.ExitCode == 0)
        {
            Assert.AreEqual(head.Text.Trim(), repository.Attribute("commit")?.Value, "the package names the commit it was built from");
        }

        // A build-time package: no dependency of its own reaches the consumer's restore.
        Assert.IsNull(metadata.Element(ns + "dependencies"), nuspec.ToString());
    }

    [TestMethod]
    public void The_package_holds_exactly_the_files_that_ship()
    {
        using var package = ZipFile.OpenRead(PackagePath);
        var actual = package.Entries.Select(e => e.FullName).Where(n => !IsPackagingPart(n)).Order(StringComparer.Ordinal).ToList();

        var expected = new List<string> { "LICENSE", "PACKAGE.md", "SecretGuard.Build.nuspec", "icon.png" };
        foreach (var folder in new[] { "build/", "buildTransitive/" })
        {
            expected.Add(folder + "SecretGuard.Build.props");
            expected.Add(folder + "SecretGuard.Build.targets");
        }

        expected.AddRange(TaskFolders.SelectMany(folder => TaskAssemblies.Select(assembly => folder + assembly)));
        var rulePages = Directory.EnumerateFiles(Path.Combine(TestEnvironment.RepositoryRoot, "docs", "rules"), "*.md").Select(f => "docs/rules/" + Path.GetFileName(f)).ToList();
        Assert.IsGreaterThan(200, rulePages.Count, "every rule page and the index");
        expected.AddRange(rulePages);
        expected.Sort(StringComparer.Ordinal);

        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.IsEmpty(missing, "missing from the package: " + string.Join(", ", missing));
        Assert.IsEmpty(extra, "slipped into the package: " + string.Join(", ", extra));

        // The shipped files are the repository's, byte for byte.
        foreach (var (entry, source) in new[]
                 {
                     ("LICENSE", "LICENSE"), ("PACKAGE.md", "src/SecretGuard.Build/PACKAGE.md"), ("icon.png", "src/icon.png"),
                     ("build/SecretGuard.Build.props", "build/SecretGuard.Build.props"), ("build/SecretGuard.Build.targets", "build/SecretGuard.Build.targets"),
                     ("buildTransitive/SecretGuard.Build.targets", "buildTransitive/SecretGuard.Build.targets"), ("docs/rules/README.md", "docs/rules/README.md"),
                 })
        {
            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(TestEnvironment.RepositoryRoot, source)), ReadAll(package.GetEntry(entry)!), $"{entry} differs from {source}");
        }

        StringAssert.StartsWith(System.Text.Encoding.UTF8.GetString(ReadAll(package.GetEntry("LICENSE")!)), "MIT License");
        CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, ReadAll(package.GetEntry("icon.png")!)[..4], "the icon is a PNG");
    }

    [TestMethod]
    public void The_task_assemblies_carry_the_version_and_the_repository()
    {
        using var package = ZipFile.OpenRead(PackagePath);
        foreach (var folder in TaskFolders)
        {
            foreach (var assembly in TaskAssemblies.Where(a => a.StartsWith("SecretGuard.", StringComparison.Ordinal)))
            {
                var name = folder + assembly;
                using var pe = new PEReader(new MemoryStream(ReadAll(package.GetEntry(name)!)));
                var reader = pe.GetMetadataReader();
                var attributes = AssemblyAttributes(reader);

                var informational = attributes.Single(a => a.Type == "AssemblyInformationalVersionAttribute").Arguments[0];
                StringAssert.StartsWith(informational, TestEnvironment.PackageVersion + "+", $"{name}: the package's version and the commit");
                var head = Shell.Run("git", "-C", TestEnvironment.RepositoryRoot, "rev-parse", "HEAD");
                if (head.ExitCode == 0)
                {
                    Assert.AreEqual(TestEnvironment.PackageVersion + "+" + head.Text.Trim(), informational, $"{name}: built from another commit");
                }

                var repository = attributes.Where(a => a.Type == "AssemblyMetadataAttribute" && a.Arguments[0] == "RepositoryUrl").Select(a => a.Arguments[1]).SingleOrDefault();
                Assert.AreEqual(RepositoryUrl, repository, $"{name}: AssemblyMetadata(RepositoryUrl)");
            }
        }
    }

    [TestMethod]
    public void Every_build_of_the_core_in_the_package_and_the_tool_names_the_scanner_alike()
    {
        _ = SecretGuardTool.Command; // packs the tool into the feed
        var tool = Path.Combine(TestEnvironment.Feed, $"SecretGuard.Tool.{TestEnvironment.PackageVersion}.nupkg");
        var hashes = new Dictionary<string, string>();
        var precompiled = new Dictionary<string, bool>();
        foreach (var (nupkg, folders) in new[] { (PackagePath, TaskFolders), (tool, new[] { "tools/net8.0/any/" }) })
        {
            using var package = ZipFile.OpenRead(nupkg);
            foreach (var folder in folders)
            {
                var name = folder + "SecretGuard.Core.dll";
                using var pe = new PEReader(new MemoryStream(ReadAll(package.GetEntry(name) ?? throw new AssertFailedException($"{name} is not in {Path.GetFileName(nupkg)}"))));
                hashes[name] = AssemblyAttributes(pe.GetMetadataReader())
                    .Where(a => a.Type == "AssemblyMetadataAttribute" && a.Arguments[0] == "SecretGuard.SourceHash").Select(a => a.Arguments[1]).SingleOrDefault() ?? "";
                precompiled[name] = pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
            }
        }

        // The layer cache's folder is named after this hash (LayerResultCache.ScannerVersion): one value, or a
        // base image the package checked is read again by the tool, and the other way round.
        Assert.IsTrue(hashes.Values.All(h => h.Length == 64), string.Join('\n', hashes));
        Assert.HasCount(1, hashes.Values.Distinct(), string.Join('\n', hashes));

        // The package's linux-x64 folder is precompiled and loaded only there (its targets choose it); the
        // tool's folder is loaded on every system, where an image precompiled for another one does not load
        // at all (BadImageFormatException): nothing in it may be ReadyToRun.
        Assert.IsTrue(precompiled["tasks/net10.0/linux-x64/SecretGuard.Core.dll"]);
        using var toolPackage = ZipFile.OpenRead(tool);
        var toolAssemblies = toolPackage.Entries.Where(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal)).ToList();
        Assert.IsNotEmpty(toolAssemblies);
        foreach (var entry in toolAssemblies)
        {
            using var pe = new PEReader(new MemoryStream(ReadAll(entry)));
            Assert.AreEqual(0, pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size, $"{entry.FullName} is ReadyToRun: it would not load on another system");
        }
    }

    [TestMethod]
    public void Without_an_override_the_version_comes_from_git_tags()
    {
        var result = DotNet.Run(TestEnvironment.RepositoryRoot, TestEnvironment.Environment,
            "msbuild", Path.Combine("src", "SecretGuard.Build", "SecretGuard.Build.csproj"), "-restore", "-t:MinVer", "-getProperty:PackageVersion", "-nodeReuse:false");
        Assert.AreEqual(0, result.ExitCode, result.Text);
        var version = result.Text.Trim().Split('\n').Last().Trim();
        Assert.IsTrue(SemanticVersion().IsMatch(version), $"not a SemVer 2 version: '{version}'");
        var tags = Shell.Run("git", "-C", TestEnvironment.RepositoryRoot, "tag", "--list", "v*");
        if (tags.ExitCode == 0 && tags.Text.Trim().Length == 0)
        {
            // No release tag yet: pre-releases of the first version, counted by commit height.
            StringAssert.Matches(version, UntaggedVersion());
        }
    }

    private static bool IsPackagingPart(string name) =>
        name is "[Content_Types].xml" or "_rels/.rels" || name.StartsWith("package/services/metadata/core-properties/", StringComparison.Ordinal);

    private static XDocument ReadNuspec(ZipArchive package)
    {
        using var stream = package.GetEntry("SecretGuard.Build.nuspec")!.Open();
        return XDocument.Load(stream);
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed record AssemblyAttribute(string Type, string[] Arguments);

    /// <summary>The assembly-level attributes whose constructor takes only strings, with those strings.</summary>
    private static List<AssemblyAttribute> AssemblyAttributes(MetadataReader reader)
    {
        var result = new List<AssemblyAttribute>();
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var constructor = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (constructor.Parent.Kind != HandleKind.TypeReference)
            {
                continue;
            }

            var type = reader.GetString(reader.GetTypeReference((TypeReferenceHandle)constructor.Parent).Name);
            var signature = reader.GetBlobReader(constructor.Signature);
            signature.ReadSignatureHeader();
            var count = signature.ReadCompressedInteger();
            signature.ReadSignatureTypeCode();
            var allStrings = Enumerable.Range(0, count).All(_ => signature.ReadSignatureTypeCode() == SignatureTypeCode.String);
            if (!allStrings)
            {
                continue;
            }

            var value = reader.GetBlobReader(attribute.Value);
            value.ReadUInt16(); // prolog
            result.Add(new AssemblyAttribute(type, Enumerable.Range(0, count).Select(_ => value.ReadSerializedString() ?? "").ToArray()));
        }

        return result;
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemanticVersion();

    [GeneratedRegex(@"^0\.1\.0-alpha\.0\.\d+$")]
    private static partial Regex UntaggedVersion();
}
