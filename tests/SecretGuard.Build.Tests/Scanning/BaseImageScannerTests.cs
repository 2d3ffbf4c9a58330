using System.Text;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.SourceMapping;
using SecretGuard.Tests.ImageReading;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Scanning;

[TestClass]
public sealed class BaseImageScannerTests
{
    private string _dir = "";

    [TestInitialize]
    public void Init() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sg-base-" + Guid.NewGuid().ToString("N")));

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// Blobs held in memory, counting reads. One that reads concurrently holds its first read (up to 10 s)
    /// until a second one starts, so whether layers really are read at once does not depend on timing.
    /// </summary>
    private sealed class MemoryBlobs(params byte[][] blobs) : IBlobSource
    {
        private readonly ManualResetEventSlim _second = new();
        private int _reads;
        private int _inFlight;

        public int Reads => _reads;

        /// <summary>The digests of the blobs read, in the order their reads started.</summary>
        public System.Collections.Concurrent.ConcurrentQueue<string> Started { get; } = new();

        public bool ReadsConcurrently { get; init; }

        public bool Overlapped { get; private set; }

        public string Description => "memory";

        public void ReadBlobs(IReadOnlyCollection<Descriptor> wanted, Action<Descriptor, Stream> visit)
        {
            foreach (var d in wanted)
            {
                Interlocked.Increment(ref _reads);
                Started.Enqueue(d.Digest);
                if (ReadsConcurrently)
                {
                    if (Interlocked.Increment(ref _inFlight) >= 2)
                    {
                        Overlapped = true;
                        _second.Set();
                    }
                    else
                    {
                        _second.Wait(TimeSpan.FromSeconds(10));
                    }
                }

                try
                {
                    visit(d, new MemoryStream(blobs.Single(b => TestImages.Digest(b) == d.Digest)));
                }
                finally
                {
                    if (ReadsConcurrently)
                    {
                        Interlocked.Decrement(ref _inFlight);
                    }
                }
            }
        }
    }

    private static string AwsCredentials() =>
        "[default]\naws_access_key_id = " + TestSecrets.AwsKeyId() + "\naws_secret_access_key = " + TestSecrets.AwsSecret() + "\n";

    private static (ImageToScan Image, MemoryBlobs Blobs) Image(string env, params byte[][] layers) => Image(env, concurrent: false, layers);

    private static (ImageToScan Image, MemoryBlobs Blobs) Image(string env, bool concurrent, params byte[][] layers)
    {
        var blobs = new MemoryBlobs(layers) { ReadsConcurrently = concurrent };
        var manifest = new ImageManifest(new Descriptor("", "sha256:c", 2), layers.Select(TestImages.Layer).ToList());
        var config = ImageConfig.Parse("{\"config\":{\"Env\":[\"PATH=/usr/bin\"," + System.Text.Json.JsonSerializer.Serialize(env) + "]},\"history\":[{\"created_by\":\"RUN echo hi\"}]}");
        return (new ImageToScan("base", manifest, config, blobs), blobs);
    }

    [TestMethod]
    public void File_deleted_by_a_later_layer_is_reported_as_recoverable_from_the_lower_one()
    {
        var lower = TestImages.Gzip(TestImages.Tar(("root/.aws/credentials", AwsCredentials()), ("etc/os-release", "ID=x\n")));
        var upper = TestImages.Gzip(TestImages.Tar(("root/.wh..aws", "")));
        var (image, _) = Image("LANG=C", lower, upper);

        var (findings, stats) = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), null).Scan("corp/base:1", [image], [], []);

        Assert.IsNotEmpty(findings);
        foreach (var f in findings)
        {
            var location = (LayerFileLocation)f.Location;
            Assert.AreEqual(("/root/.aws/credentials", 0, 1), (location.Path, location.LayerIndex, location.Base!.DeletedInLayer));
        }

        Assert.AreEqual((2, 2), (stats.Layers, stats.Files));

        // Mapped: at ContainerBaseImage, naming the image, both layers, and the fix; the secret redacted.
        var project = Path.Combine(_dir, "app.csproj");
        File.WriteAllText(project, "<Project>\n  <PropertyGroup>\n    <ContainerBaseImage>corp/base:1</ContainerBaseImage>\n  </PropertyGroup>\n</Project>\n");
        var d = new SourceMapper(new ProjectContext { ProjectFile = project, PropertyFiles = [project], BaseImage = "corp/base:1" }).Map(findings[0]);
        Assert.AreEqual((project, 3, true), (d.File, d.Line, d.IsBaseImage));
        StringAssert.Contains(d.Message, "/root/.aws/credentials (line 2) in layer 1 of base image 'corp/base:1', deleted in layer 2 but still recoverable from layer 1");
        StringAssert.Contains(d.Message, "RUN --mount=type=secret");
        Assert.IsFalse(d.Message.Contains(TestSecrets.AwsKeyId()[4..], StringComparison.Ordinal));
    }

    [TestMethod]
    public void Documentation_folders_yield_only_key_material_as_a_warning_elsewhere_the_same_content_fails()
    {
        var url = "Connect with postgres://app:Wq9vX2mZ7pLr@db.internal:5432/orders\n";
        var layer = TestImages.Gzip(TestImages.Tar(
            ("usr/share/doc/libpq5/examples/connect.html", url),
            ("usr/share/doc/openssl/examples/server.key", TestSecrets.PemPrivateKey()),
            ("usr/share/man/man1/tool.1", "AWS_SECRET_ACCESS_KEY=" + TestSecrets.AwsSecret() + "\n"),
            ("etc/app/connect.conf", url),
            ("opt/keys/server.key", TestSecrets.PemPkcs8PrivateKey())));
        var (image, _) = Image("LANG=C", layer);

        var (findings, _) = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), null).Scan("corp/base:1", [image], [], []);

        var paths = findings.Select(f => ((LayerFileLocation)f.Location).Path).Order(StringComparer.Ordinal).ToList();
        CollectionAssert.AreEqual(new[] { "/etc/app/connect.conf", "/opt/keys/server.key", "/usr/share/doc/openssl/examples/server.key" }, paths);

        var project = Path.Combine(_dir, "app.csproj");
        File.WriteAllText(project, "<Project>\n  <PropertyGroup>\n    <ContainerBaseImage>corp/base:1</ContainerBaseImage>\n  </PropertyGroup>\n</Project>\n");
        var mapper = new SourceMapper(new ProjectContext { ProjectFile = project, PropertyFiles = [project], BaseImage = "corp/base:1" });
        var example = mapper.Map(findings.Single(f => ((LayerFileLocation)f.Location).Path.StartsWith("/usr/share/doc/", StringComparison.Ordinal)));
        Assert.IsTrue(example.IsDocumentation);
        StringAssert.Contains(example.Message, "of base image 'corp/base:1'");
        StringAssert.Contains(example.Message, "documentation folder, where it is most likely a published example: a warning");
        Assert.IsFalse(mapper.Map(findings.Single(f => ((LayerFileLocation)f.Location).Path == "/opt/keys/server.key")).IsDocumentation);
    }

    [TestMethod]
    public void Near_miss_a_file_in_a_directory_next_to_the_deleted_one_is_not_marked_deleted()
    {
        var lower = TestImages.Gzip(TestImages.Tar(("root/.aws-backup/credentials", AwsCredentials())));
        var upper = TestImages.Gzip(TestImages.Tar(("root/.wh..aws", "")));
        var (image, _) = Image("LANG=C", lower, upper);

        var (findings, _) = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), null).Scan("corp/base:1", [image], [], []);

        Assert.IsNotEmpty(findings);
        Assert.IsTrue(findings.All(f => f.Location.Base!.DeletedInLayer is null));
    }

    [TestMethod]
    public void Env_the_project_overrides_is_not_reported_but_inherited_env_and_history_are()
    {
        var token = TestSecrets.GitHubToken();
        var (image, _) = Image("GH_TOKEN=" + token, TestImages.Gzip(TestImages.Tar(("etc/os-release", "ID=x\n"))));
        var scanner = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), null);

        var (inherited, _) = scanner.Scan("corp/base:1", [image], [], []);
        Assert.AreEqual("env:GH_TOKEN", inherited.Single().Location.StableKey);
        Assert.IsNotNull(inherited.Single().Location.Base);

        var (overridden, _) = scanner.Scan("corp/base:1", [image], ["gh_token"], []);
        Assert.IsEmpty(overridden);
    }

    [TestMethod]
    public void The_config_read_with_the_layers_is_reported_at_the_gate_without_the_env_and_labels_the_project_sets()
    {
        var token = TestSecrets.GitHubToken();
        var stripe = TestSecrets.StripeLiveKey();
        var layer = TestImages.Gzip(TestImages.Tar(("etc/os-release", "ID=x\n")));
        var manifest = new ImageManifest(new Descriptor("", "sha256:c", 2), [TestImages.Layer(layer)]);
        var config = ImageConfig.Parse("{\"config\":{\"Env\":[\"GH_TOKEN=" + token + "\",\"STRIPE_KEY=" + stripe + "\"],\"Labels\":{\"ci.token\":\"" + token + "\",\"ci.stripe\":\"" + stripe + "\"}}}");
        var image = new ImageToScan("base", manifest, config, new MemoryBlobs([layer]));
        var scanner = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), null);

        // As the early check does during the build: the config is read with the layers, every entry of it.
        var read = scanner.ReadLayers([image]);
        Assert.HasCount(4, read.ConfigFindings[image]);

        var (findings, _) = scanner.Scan("corp/base:1", [image], ["gh_token"], ["CI.STRIPE"], read);

        CollectionAssert.AreEquivalent(new[] { "env:STRIPE_KEY", "label:ci.token" }, findings.Select(f => f.Location.StableKey).ToArray());
        Assert.IsTrue(findings.All(f => f.Location.Base is { Image: "corp/base:1" }));
    }

    [TestMethod]
    public void A_file_that_could_not_be_read_is_kept_in_the_layer_cache_like_a_finding()
    {
        var corrupt = TestImages.Gzip(Encoding.UTF8.GetBytes(new string('z', 5000)));
        corrupt[12] ^= 0xFF;
        corrupt[13] ^= 0xFF;
        var layer = TestImages.Gzip(TestImages.Tar(("var/log/old.log.gz", corrupt)));
        var cache = new LayerResultCache(_dir);
        var (cold, _) = Image("LANG=C", layer);
        var (first, _) = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), cache).Scan("b", [cold], [], []);

        var (warm, warmBlobs) = Image("LANG=C", layer);
        var (second, secondStats) = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), cache).Scan("b", [warm], [], []);

        Assert.AreEqual((0, 1), (warmBlobs.Reads, secondStats.CachedLayers), "the layer's result, SG0004 included, comes from the cache");
        Assert.AreEqual("SG0004", first.Single().RuleId);
        Assert.AreEqual((first[0].Fingerprint, first[0].Label, first[0].Location), (second.Single().Fingerprint, second[0].Label, second[0].Location));
    }

    [TestMethod]
    public void Second_scan_reads_layers_from_the_cache_and_finds_the_same()
    {
        var layer = TestImages.Gzip(TestImages.Tar(("opt/app/.env", Encoding.UTF8.GetBytes("STRIPE=" + TestSecrets.StripeLiveKey() + "\n")), ("opt/tool.zip", Zip("conf/.npmrc", "//npm.mirror.shopfloor.net/:_authToken=" + TestSecrets.NpmToken() + "\n"))));
        var cache = new LayerResultCache(_dir);
        var (cold, coldBlobs) = Image("LANG=C", layer);
        var (first, firstStats) = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), cache).Scan("b", [cold], [], []);

        var (warm, warmBlobs) = Image("LANG=C", layer);
        var (second, secondStats) = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), cache).Scan("b", [warm], [], []);

        Assert.AreEqual((1, 0), (coldBlobs.Reads, firstStats.CachedLayers));
        Assert.AreEqual((0, 1), (warmBlobs.Reads, secondStats.CachedLayers));
        Assert.HasCount(2, first);
        CollectionAssert.AreEquivalent(first.Select(f => (f.Fingerprint, f.Location)).ToList(), second.Select(f => (f.Fingerprint, f.Location)).ToList());
        Assert.AreEqual(firstStats.Files, secondStats.Files);

        // The cache holds redacted findings only.
        var entry = Directory.EnumerateFiles(_dir, "*.json", SearchOption.AllDirectories).Single();
        Assert.IsFalse(File.ReadAllText(entry).Contains(TestSecrets.StripeLiveKey()[8..], StringComparison.Ordinal));
    }

    [TestMethod]
    public void Corrupt_cache_entry_is_ignored_and_rewritten()
    {
        var layer = TestImages.Gzip(TestImages.Tar(("opt/app/.env", "STRIPE=" + TestSecrets.StripeLiveKey() + "\n")));
        var cache = new LayerResultCache(_dir);
        var (image, _) = Image("LANG=C", layer);
        new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), cache).Scan("b", [image], [], []);
        var entry = Directory.EnumerateFiles(_dir, "*.json", SearchOption.AllDirectories).Single();

        var good = File.ReadAllText(entry);
        var altered = good.Replace("\"line\":1", "\"line\":7", StringComparison.Ordinal);
        Assert.AreNotEqual(good, altered);
        foreach (var corrupt in new[] { good[..(good.Length / 2)], "{\"format\":1,\"layer\":\"sha256:other\"}", altered, "" })
        {
            File.WriteAllText(entry, corrupt);
            var (again, blobs) = Image("LANG=C", layer);
            var (findings, stats) = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), cache).Scan("b", [again], [], []);
            Assert.AreEqual((1, 0, 1), (blobs.Reads, stats.CachedLayers, findings.Count), corrupt);
            Assert.IsNotNull(cache.TryGet(TestImages.Layer(layer)), "rewritten");
        }
    }

    [TestMethod]
    public void Layers_shared_by_two_platforms_are_read_once()
    {
        var shared = TestImages.Gzip(TestImages.Tar(("etc/os-release", "ID=x\n")));
        var amd = TestImages.Gzip(TestImages.Tar(("usr/lib/amd.so", "x")));
        var arm = TestImages.Gzip(TestImages.Tar(("usr/lib/arm.so", "x")));
        var blobs = new MemoryBlobs(shared, amd, arm);
        var config = ImageConfig.Parse("{}");
        ImageToScan Platform(byte[] own) => new("p", new ImageManifest(new Descriptor("", "sha256:c", 2), [TestImages.Layer(shared), TestImages.Layer(own)]), config, blobs);

        var (_, stats) = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), null).Scan("b", [Platform(amd), Platform(arm)], [], []);

        Assert.AreEqual((3, 3), (blobs.Reads, stats.Layers));
    }

    [TestMethod]
    public void Layers_read_several_at_a_time_give_exactly_what_one_at_a_time_gives()
    {
        var big = new string('x', 5000);
        byte[][] layers =
        [
            TestImages.Gzip(TestImages.Tar(("root/.aws/credentials", AwsCredentials()), ("etc/os-release", "ID=x\n"))),
            TestImages.Gzip(TestImages.Tar(("opt/app/.env", "STRIPE=" + TestSecrets.StripeLiveKey() + "\n"), ("usr/share/doc/x/examples/server.key", TestSecrets.PemPrivateKey()))),
            TestImages.Gzip(TestImages.Tar(("root/.wh..aws", ""), ("opt/one.bin", big))),
            TestImages.Gzip(TestImages.Tar(("opt/other/.npmrc", "//npm.mirror.shopfloor.net/:_authToken=" + TestSecrets.NpmToken() + "\n"), ("opt/two.bin", big))),
        ];

        (List<Finding> Findings, ScanCoverage Stats, List<string> Skipped, LayerResultCache Cache, MemoryBlobs Blobs) Run(bool concurrent)
        {
            var (image, blobs) = Image("LANG=C", concurrent, layers);
            var budget = new CheckBudget(new ScanLimits { MaxFileBytes = 4096 });
            var cache = new LayerResultCache(Path.Combine(_dir, concurrent ? "concurrent" : "sequential"));
            var (findings, stats) = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default, budget: budget), cache).Scan("corp/base:1", [image], [], []);
            return (findings, stats, stats.SkippedFiles.ToList(), cache, blobs);
        }

        var one = Run(concurrent: false);
        var several = Run(concurrent: true);

        if (BaseImageScanner.ConcurrentLayers > 1)
        {
            Assert.IsTrue(several.Blobs.Overlapped, "layers were read one at a time");
        }

        Assert.HasCount(5, several.Findings); // the AWS key pair is two findings
        CollectionAssert.AreEqual(one.Findings.Select(f => (f.RuleId, f.Fingerprint, f.Location)).ToList(), several.Findings.Select(f => (f.RuleId, f.Fingerprint, f.Location)).ToList());
        Assert.AreEqual(2, several.Findings.Count(f => f.Location.Base!.DeletedInLayer == 2));
        Assert.AreEqual((one.Stats.Layers, one.Stats.Files, one.Stats.Bytes), (several.Stats.Layers, several.Stats.Files, several.Stats.Bytes));
        CollectionAssert.AreEqual(new[] { "/opt/one.bin", "/opt/two.bin" }, several.Skipped, "skipped files, in layer order");
        CollectionAssert.AreEqual(one.Skipped, several.Skipped);

        // Layers read only in part are not cached, whichever thread read them.
        Assert.AreEqual("TTFF", string.Concat(layers.Select(l => several.Cache.TryGet(TestImages.Layer(l)) is null ? 'F' : 'T')));
    }

    /// <summary>
    /// Layers read several at a time are started largest first, so that a large layer is not left to run
    /// alone at the end. The smallest of five is taken only once a read has ended, so it is never one of
    /// the first two started, though it comes first in the image; findings keep the image's order.
    /// </summary>
    [TestMethod]
    public void Layers_read_several_at_a_time_start_with_the_largest()
    {
        byte[] Layer(int index, int size) =>
            TestImages.Gzip(TestImages.Tar(($"opt/{index}/.npmrc", Encoding.UTF8.GetBytes("//npm.mirror.shopfloor.net/:_authToken=" + TestSecrets.NpmToken(index + 1) + "\n")), ($"opt/{index}/filler.bin", RandomBytes(size, index))));
        byte[][] layers = [Layer(0, 10), Layer(1, 40_000), Layer(2, 20_000), Layer(3, 80_000), Layer(4, 60_000)];
        var (image, blobs) = Image("LANG=C", concurrent: true, layers);

        var (findings, _) = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), null).Scan("corp/base:1", [image], [], []);

        if (BaseImageScanner.ConcurrentLayers > 1)
        {
            CollectionAssert.DoesNotContain(blobs.Started.Take(2).ToList(), TestImages.Digest(layers[0]), "the smallest layer was started before a larger one");
        }

        Assert.HasCount(5, blobs.Started);
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4 }, findings.Select(f => ((LayerFileLocation)f.Location).LayerIndex).ToList());
    }

    [TestMethod]
    public void Largest_first_order_keeps_ties_in_image_order()
    {
        static Descriptor Sized(long size) => new("application/vnd.oci.image.layer.v1.tar+gzip", "sha256:" + size, size);

        CollectionAssert.AreEqual(new[] { 3, 1, 4, 0, 2, 5 }, BaseImageScanner.LargestFirst([Sized(5), Sized(20), Sized(5), Sized(90), Sized(20), Sized(1)]));
        CollectionAssert.AreEqual(Array.Empty<int>(), BaseImageScanner.LargestFirst([]));
        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, BaseImageScanner.LargestFirst([Sized(7), Sized(7), Sized(7)]));
    }

    private static byte[] RandomBytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes); // incompressible: the gzip sizes keep the order of the sizes
        return bytes;
    }

    [TestMethod]
    public void A_failing_layer_is_reported_at_that_layer_and_the_other_layers_still_report_their_findings()
    {
        byte[] Corrupt(string path)
        {
            var blob = TestImages.Gzip(TestImages.Tar((path, new string('x', 5000))));
            for (var i = 20; i < 40; i++)
            {
                blob[i] ^= 0x5A;
            }

            return blob;
        }

        foreach (var concurrent in new[] { false, true })
        {
            var good = TestImages.Gzip(TestImages.Tar(("etc/os-release", "ID=x\n"), ("root/.aws/credentials", AwsCredentials())));
            var first = Corrupt("opt/a.txt");
            var second = Corrupt("opt/b.txt");
            var (image, _) = Image("LANG=C", concurrent, first, good, second);

            var (findings, _) = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), null).Scan("corp/base:1", [image], [], []);

            var failures = findings.Where(f => f.RuleId == "SG0003").Select(f => (LayerLocation)f.Location).ToList();
            CollectionAssert.AreEqual(new[] { (0, TestImages.Digest(first)), (2, TestImages.Digest(second)) }, failures.Select(l => (l.LayerIndex, l.Digest)).ToArray(), $"concurrent: {concurrent}");
            Assert.IsTrue(failures.All(l => l.Base is not null), "reported at the base image");
            Assert.IsTrue(findings.Any(f => f.RuleId.StartsWith("SG1", StringComparison.Ordinal) && f.Location is LayerFileLocation { LayerIndex: 1, Path: "/root/.aws/credentials" }), $"the good layer's credential is still found (concurrent: {concurrent})");
        }
    }

    [TestMethod]
    public void A_layer_that_ends_early_is_SG0003_at_that_layer_and_the_rest_of_the_image_is_still_reported()
    {
        // The first entry only, in a whole gzip stream: the blob is sound, and only the diff_id says the tar ends early.
        var cutTar = TestImages.Tar(("opt/a.txt", new string('x', 5000)), ("opt/b.txt", "more"));
        var cut = TestImages.Gzip(cutTar[..(TestImages.Tar(("opt/a.txt", new string('x', 5000))).Length - 1024)]);

        var goodTar = TestImages.Tar(("etc/os-release", "ID=x\n"), ("root/.aws/credentials", AwsCredentials()));
        var good = TestImages.Gzip(goodTar);
        foreach (var concurrent in new[] { false, true })
        {
            var blobs = new MemoryBlobs(cut, good) { ReadsConcurrently = concurrent };
            var manifest = new ImageManifest(new Descriptor("", "sha256:c", 2), [TestImages.Layer(cut), TestImages.Layer(good)]);
            var config = ImageConfig.Parse("{\"config\":{\"Env\":[\"PATH=/usr/bin\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + TestImages.Digest(cutTar) + "\",\"" + TestImages.Digest(goodTar) + "\"]}}");
            var cache = new LayerResultCache(Path.Combine(_dir, concurrent.ToString()));

            var (findings, _) = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), cache).Scan("corp/base:1", [new ImageToScan("base", manifest, config, blobs)], [], []);

            var failure = findings.Single(f => f.RuleId == "SG0003");
            Assert.AreEqual((0, TestImages.Digest(cut)), (((LayerLocation)failure.Location).LayerIndex, ((LayerLocation)failure.Location).Digest), $"concurrent: {concurrent}");
            StringAssert.Contains(failure.Label, "diff_id " + TestImages.Digest(cutTar));
            Assert.IsTrue(findings.Any(f => f.RuleId.StartsWith("SG1", StringComparison.Ordinal) && f.Location is LayerFileLocation { LayerIndex: 1, Path: "/root/.aws/credentials" }), "the intact layer's credential is still found");
            Assert.IsNull(cache.TryGet(TestImages.Layer(cut)), "a layer that ends early is not cached as checked");
            Assert.IsNotNull(cache.TryGet(TestImages.Layer(good)), "the intact layer is");
        }
    }

    [TestMethod]
    public void Layers_that_match_their_diff_ids_pass_and_a_config_whose_diff_ids_do_not_line_up_checks_none()
    {
        var tar = TestImages.Tar(("etc/os-release", "ID=x\n"));
        var layer = TestImages.Gzip(tar);
        foreach (var diffIds in new[] { "\"" + TestImages.Digest(tar) + "\"", "\"" + TestImages.Digest(tar) + "\",\"sha256:" + new string('0', 64) + "\"" })
        {
            var manifest = new ImageManifest(new Descriptor("", "sha256:c", 2), [TestImages.Layer(layer)]);
            var config = ImageConfig.Parse("{\"rootfs\":{\"diff_ids\":[" + diffIds + "]}}");
            var (findings, stats) = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), null).Scan("b", [new ImageToScan("base", manifest, config, new MemoryBlobs(layer))], [], []);
            Assert.IsEmpty(findings, diffIds);
            Assert.AreEqual(1, stats.Files);
        }
    }

    private static byte[] Zip(string path, string content)
    {
        using var ms = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var s = zip.CreateEntry(path).Open())
        {
            s.Write(Encoding.UTF8.GetBytes(content));
        }

        return ms.ToArray();
    }
}
