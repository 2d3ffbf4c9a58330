using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.SourceMapping;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Scanning;

/// <summary>
/// Precision on real content: what this machine has (the .NET and ASP.NET Core shared frameworks, the
/// SDK's reference and host packs, the NuGet packages folder the tests restored into, less SecretGuard.Build's own, the CA certificates, the
/// OS packages' documentation)
/// packed into gzip image layers and scanned as a base image is, with default settings: not one error.
/// </summary>
[TestClass]
public sealed class RealContentCorpusTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>Layer blobs on disk, as a registry or an image archive serves them.</summary>
    private sealed class FileBlobs(Dictionary<string, string> files) : IBlobSource
    {
        public string Description => "corpus layers";

        public void ReadBlobs(IReadOnlyCollection<Descriptor> wanted, Action<Descriptor, Stream> visit)
        {
            foreach (var d in wanted)
            {
                using var stream = File.OpenRead(files[d.Digest]);
                visit(d, stream);
            }
        }
    }

    private static IEnumerable<(string ImageRoot, string HostFolder)> CorpusFolders()
    {
        // The running runtime's folder is .../shared/Microsoft.NETCore.App/<version>/; ASP.NET Core sits beside it.
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory());
        var shared = runtime.Parent!.Parent!;
        yield return ($"usr/share/dotnet/shared/Microsoft.NETCore.App/{runtime.Name}", runtime.FullName);
        var aspnet = shared.GetDirectories("Microsoft.AspNetCore.App").SingleOrDefault()?.GetDirectories().MaxBy(d => d.Name);
        if (aspnet is not null)
        {
            yield return ($"usr/share/dotnet/shared/Microsoft.AspNetCore.App/{aspnet.Name}", aspnet.FullName);
        }

        // The reference and host packs beside it: the XML documentation of every API, dense in key, token and password.
        yield return ("usr/share/dotnet/packs", Path.Combine(shared.Parent!.FullName, "packs"));

        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        yield return ("root/.nuget/packages", packages);
        yield return ("etc/ssl/certs", "/etc/ssl/certs");
        yield return ("usr/share/doc", "/usr/share/doc");
    }

    /// <summary>
    /// Left out of the packages folder: SecretGuard.Build's own package. It is there only on a machine where
    /// the package was once restored into the global packages folder (the end-to-end tests restore into a
    /// folder of their own), and it holds whatever rule pages were packed then: the corpus would depend on
    /// this machine's history, not on the code under test. This checkout's pages are scanned at the same
    /// path by DocumentationScanTests instead.
    /// </summary>
    private static bool IsExcluded(string root, string relativePath) =>
        root == "root/.nuget/packages" && relativePath.StartsWith("secretguard.build/", StringComparison.OrdinalIgnoreCase);

    [TestMethod]
    public void Real_frameworks_packages_certificates_and_documentation_as_layers_give_no_error()
    {
        var (errors, warnings, stats) = ScanAsBaseImage(CorpusFolders().Where(f => Directory.Exists(f.HostFolder)));

        Assert.IsGreaterThan(1000, stats.Files, "the corpus is real content, not a handful of files");
        Assert.IsEmpty(errors, string.Join("\n", errors.Select(d => $"{d.Code} {d.Place}: {d.Message}")));
        Assert.IsTrue(warnings.All(d => d.IsDocumentation), "a warning here is key material in documentation: " + string.Join("\n", warnings.Select(d => $"{d.Code} {d.Place}: {d.Message}")));
    }

    /// <summary>
    /// The node_modules of popular npm packages (web frameworks, cloud SDKs, payment, mail and database
    /// clients, auth libraries: the ones that name credentials most), as a Node.js app's layer holds them:
    /// 33 packages pinned with their 540-odd dependencies by NpmCorpus/package-lock.json and installed from
    /// the npm registry by the test (once per lock file, kept under artifacts/npm-corpus). Not one error.
    /// </summary>
    [TestMethod]
    public void Popular_npm_packages_as_a_layer_give_no_error()
    {
        var modules = NpmCorpus.Install(TestContext);

        var (errors, warnings, stats) = ScanAsBaseImage([("app/node_modules", modules)]);

        Assert.IsGreaterThan(10_000, stats.Files, "the installed packages are real content, not a handful of files");
        Assert.IsEmpty(errors, string.Join("\n", errors.Select(d => $"{d.Code} {d.Place}: {d.Message}")));
        Assert.IsTrue(warnings.All(d => d.IsDocumentation), "a warning here is key material in a package's documentation, tests or examples: " + string.Join("\n", warnings.Select(d => $"{d.Code} {d.Place}: {d.Message}")));
    }

    /// <summary>
    /// Packs each folder into a gzip layer and scans them as a base image's layers with default settings,
    /// mapped and grouped as a build reports them; the figures and every diagnostic go to the test's log.
    /// </summary>
    private (List<Diagnostic> Errors, List<Diagnostic> Warnings, ScanCoverage Stats) ScanAsBaseImage(IEnumerable<(string ImageRoot, string HostFolder)> folders)
    {
        var work = Path.Combine(Path.GetTempPath(), "sg-corpus-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var blobs = new Dictionary<string, string>();
            var layers = new List<Descriptor>();
            foreach (var (root, folder) in folders)
            {
                var layer = WriteLayer(folder, root, Path.Combine(work, $"layer{layers.Count}.tar.gz"));
                blobs[layer.Digest] = Path.Combine(work, $"layer{layers.Count}.tar.gz");
                layers.Add(layer);
                TestContext.WriteLine($"layer {layers.Count}: /{root} from {folder}");
            }

            var image = new ImageToScan("corpus", new ImageManifest(new Descriptor("", "sha256:c", 2), layers), ImageConfig.Parse("{\"config\":{\"Env\":[\"PATH=/usr/bin\"]}}"), new FileBlobs(blobs));
            var stopwatch = Stopwatch.StartNew();
            var (findings, stats) = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), null).Scan("corpus", [image], [], []);
            stopwatch.Stop();

            var project = Path.Combine(work, "app.csproj");
            File.WriteAllText(project, "<Project>\n  <PropertyGroup>\n    <ContainerBaseImage>corpus</ContainerBaseImage>\n  </PropertyGroup>\n</Project>\n");
            var mapper = new SourceMapper(new ProjectContext { ProjectFile = project, PropertyFiles = [project], BaseImage = "corpus" });
            var diagnostics = FindingGroups.Merge(findings.Select(mapper.Map), work);
            var policy = new SeverityPolicy();
            var errors = diagnostics.Where(d => !policy.IsWarning(d)).ToList();
            var warnings = diagnostics.Where(policy.IsWarning).ToList();

            TestContext.WriteLine($"corpus: {stats.Layers} layers, {stats.Files} files, {stats.Bytes / 1e6:F1} MB uncompressed, scanned in {stopwatch.ElapsedMilliseconds} ms");
            TestContext.WriteLine($"errors: {errors.Count}, warnings: {warnings.Count} ({warnings.Count(d => d.IsDocumentation)} documentation key examples)");
            foreach (var d in diagnostics)
            {
                TestContext.WriteLine($"  {(policy.IsWarning(d) ? "warning" : "error")} {d.Code} {d.Place}: {d.Message}");
            }

            return (errors, warnings, stats);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Packs a folder into a gzip layer under <paramref name="root"/> (streamed to disk; never in memory whole).</summary>
    private static Descriptor WriteLayer(string folder, string root, string blobPath)
    {
        using (var file = File.Create(blobPath))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true }).Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(path);
                if (info.LinkTarget is not null)
                {
                    continue; // certificate folders are mostly symlinks to the files beside them
                }

                var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
                if (IsExcluded(root, relative))
                {
                    continue;
                }

                var name = root + "/" + relative;
                using var content = File.OpenRead(path);
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = content });
            }
        }

        using var blob = File.OpenRead(blobPath);
        return new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", "sha256:" + Convert.ToHexString(SHA256.HashData(blob)).ToLowerInvariant(), blob.Length);
    }

    /// <summary>
    /// The system content base images carry besides .NET: the distribution's libraries and programs (native
    /// binaries read for their strings), and the Java, Python, Perl and Node.js installations with their
    /// sources, examples and archives (src.zip), each file through the file scanner as a layer's file is.
    /// Not one error; the few warnings are named. Folders this machine lacks are skipped.
    /// </summary>
    [TestMethod]
    public void System_libraries_programs_and_language_runtimes_give_no_error()
    {
        string[] folders = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/bin", "/usr/sbin", "/usr/lib/jvm", "/usr/lib/python3", "/usr/share/perl", "/usr/lib/node_modules"];
        var scanner = new FileScanner(RuleSet.Default);
        var errors = new List<string>();
        var warnings = new List<string>();
        long files = 0, bytes = 0;
        var watch = Stopwatch.StartNew();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*", options))
            {
                FileStream stream;
                try
                {
                    stream = File.OpenRead(path);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    continue; // a socket or a file that vanished
                }

                using (stream)
                {
                    files++;
                    bytes += stream.Length;
                    foreach (var finding in scanner.Scan(path, stream.Length, stream, 1, "sha256:corpus").Findings)
                    {
                        var line = $"{finding.RuleId} {path}: {finding.Label}";
                        (finding.Confidence == Confidence.High && !DocumentationPaths.Contains(path) ? errors : warnings).Add(line);
                    }
                }
            }
        }

        TestContext.WriteLine($"system corpus: {files} files, {bytes / 1e6:F1} MB, scanned in {watch.ElapsedMilliseconds} ms");
        TestContext.WriteLine($"errors: {errors.Count}, warnings: {warnings.Count}");
        foreach (var line in errors.Concat(warnings))
        {
            TestContext.WriteLine("  " + line);
        }

        if (files == 0)
        {
            Assert.Inconclusive("none of the system folders is on this machine");
        }

        Assert.IsEmpty(errors, string.Join("\n", errors));
    }
}
