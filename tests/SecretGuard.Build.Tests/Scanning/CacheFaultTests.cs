using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using SecretGuard.ImageReading;
using SecretGuard.Scanning;

namespace SecretGuard.Tests.Scanning;

/// <summary>
/// A cache folder that is read-only, full, not a folder, or holds corrupt, huge or hostile entries never fails
/// the check: the cache is ignored (a corrupt entry is a miss, then replaced).
/// </summary>
[TestClass]
public sealed class CacheFaultTests
{
    private static readonly Descriptor Layer = new("application/vnd.oci.image.layer.v1.tar+gzip", "sha256:" + new string('a', 64), 100);

    /// <summary>
    /// Not a speed goal: a fault must be given up on at once, where a cache that retried or waited on it would
    /// take far longer. Generous, because a busy two-core machine took more than 2 s for an instant Put once.
    /// </summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static LayerResult Result(int whiteouts = 2) =>
        new([], Enumerable.Range(0, whiteouts).Select(i => new Whiteout($"/etc/removed-{i}", i % 2 == 0)).ToList(), 12, 3456, ["/opt/deep.zip"]);

    private static string NewDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sg-cache-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static void AssertSame(LayerResult expected, LayerResult? actual)
    {
        Assert.IsNotNull(actual);
        Assert.AreEqual(expected.Files, actual.Files);
        Assert.AreEqual(expected.Bytes, actual.Bytes);
        CollectionAssert.AreEqual(expected.Whiteouts.ToList(), actual.Whiteouts.ToList());
        CollectionAssert.AreEqual(expected.UnopenedArchives.ToList(), actual.UnopenedArchives.ToList());
    }

    private static void Quickly(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        Assert.IsTrue(watch.Elapsed < Bound, $"took {watch.Elapsed}");
    }

    /// <summary>An entry's bytes: the SHA-256 line, then the JSON (a checksum that matches whatever the JSON is).</summary>
    private static byte[] Entry(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        return [.. Encoding.ASCII.GetBytes(Convert.ToHexString(SHA256.HashData(body)).ToLowerInvariant() + "\n"), .. body];
    }

    [TestMethod]
    [DataRow("garbage")]
    [DataRow("empty")]
    [DataRow("truncated")]
    [DataRow("altered")]
    [DataRow("wrong version")]
    [DataRow("other layer")]
    [DataRow("nested 100k deep")]
    [DataRow("null values")]
    [DataRow("wrong types")]
    [DataRow("huge")]
    public void A_corrupt_layer_entry_is_a_miss_and_is_replaced(string kind)
    {
        var dir = NewDirectory();
        try
        {
            var cache = new LayerResultCache(dir);
            cache.Put(Layer, Result());
            var path = cache.PathFor(Layer.Digest)!;
            var good = File.ReadAllBytes(path);
            var json = Encoding.UTF8.GetString(good.AsSpan(65));
            switch (kind)
            {
                case "garbage":
                    File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(5000));
                    break;
                case "empty":
                    File.WriteAllBytes(path, []);
                    break;
                case "truncated":
                    File.WriteAllBytes(path, good[..(good.Length / 2)]);
                    break;
                case "altered":
                    File.WriteAllBytes(path, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(good).Replace("3456", "9999", StringComparison.Ordinal)));
                    break;
                case "wrong version":
                    File.WriteAllBytes(path, Entry(json.Replace("\"format\":2", "\"format\":1", StringComparison.Ordinal)));
                    break;
                case "other layer":
                    File.WriteAllBytes(path, Entry(json.Replace(Layer.Digest, "sha256:" + new string('b', 64), StringComparison.Ordinal)));
                    break;
                case "nested 100k deep":
                    File.WriteAllBytes(path, Entry("{\"format\":2,\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "}"));
                    break;
                case "null values":
                    File.WriteAllBytes(path, Entry(json.Replace("\"/etc/removed-0\"", "null", StringComparison.Ordinal)));
                    break;
                case "wrong types":
                    File.WriteAllBytes(path, Entry(json.Replace("\"files\":12", "\"files\":\"12\"", StringComparison.Ordinal)));
                    break;
                case "huge":
                    using (var file = File.OpenWrite(path))
                    {
                        file.SetLength(LayerResultCache.MaxEntryBytes + 1L); // sparse: costs no disk
                    }

                    break;
            }

            var reopened = new LayerResultCache(dir);
            Quickly(() => Assert.IsNull(reopened.TryGet(Layer)));
            StringAssert.Contains(reopened.LastProblem, "was ignored");

            var fresh = Result(whiteouts: 3);
            reopened.Put(Layer, fresh);
            AssertSame(fresh, new LayerResultCache(dir).TryGet(Layer));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void An_entry_that_is_a_folder_is_a_miss_and_storing_over_it_does_not_fail()
    {
        var dir = NewDirectory();
        try
        {
            var cache = new LayerResultCache(dir);
            Directory.CreateDirectory(cache.PathFor(Layer.Digest)!);
            Assert.IsNull(cache.TryGet(Layer));
            cache.Put(Layer, Result());
            StringAssert.Contains(cache.LastProblem, "cannot be written");
            Assert.IsNull(cache.TryGet(Layer));
            Assert.IsEmpty(Directory.GetFiles(dir, "*.tmp", SearchOption.AllDirectories), "no temp file left behind");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void A_cache_folder_that_is_a_file_is_ignored()
    {
        var file = Path.GetTempFileName();
        try
        {
            var cache = new LayerResultCache(file);
            Quickly(() =>
            {
                cache.Put(Layer, Result());
                Assert.IsNull(cache.TryGet(Layer));
            });
            StringAssert.Contains(cache.LastProblem, "cannot be written");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public void A_cache_folder_with_an_impossible_path_is_ignored()
    {
        var cache = new LayerResultCache("/dev/null/\0/x");
        cache.Put(Layer, Result());
        Assert.IsNull(cache.TryGet(Layer));
        Assert.IsNotNull(cache.LastProblem);
    }

    [TestMethod]
    public void A_hostile_digest_never_becomes_a_path()
    {
        var dir = NewDirectory();
        try
        {
            var cache = new LayerResultCache(Path.Combine(dir, "cache"));
            var hostile = Layer with { Digest = "sha256:../../../../escaped" };
            cache.Put(hostile, Result());
            Assert.IsNull(cache.TryGet(hostile));
            Assert.IsNull(cache.PathFor(hostile.Digest));
            Assert.IsEmpty(Directory.GetFileSystemEntries(dir, "*", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void A_read_only_cache_folder_is_ignored()
    {
        using var readOnly = ScratchFolder.ReadOnly();
        var cache = new LayerResultCache(readOnly.Path);
        Quickly(() =>
        {
            cache.Put(Layer, Result());
            Assert.IsNull(cache.TryGet(Layer));
        });
        StringAssert.Contains(cache.LastProblem, "cannot be written");
    }

    [TestMethod]
    public void A_full_cache_folder_is_ignored_and_leaves_no_partial_entry()
    {
        using var full = ScratchFolder.Tiny();
        var cache = new LayerResultCache(full.Path);
        var big = Result(whiteouts: 2000); // well over the 16 KB file system
        Quickly(() => cache.Put(Layer, big));
        StringAssert.Contains(cache.LastProblem, "cannot be written");
        Assert.IsNull(cache.TryGet(Layer));
        Assert.IsEmpty(Directory.GetFiles(full.Path, "*", SearchOption.AllDirectories), "neither the entry nor a partial temp file");

        // Small results still fit, and are served. Another test's process start (tests run in parallel) can
        // hold the deleted temporary file's blocks for a moment (a forked child keeps the parent's open files
        // until it execs): wait for the space to come back first, a bounded while.
        var freed = Stopwatch.StartNew();
        while (new DriveInfo(full.Path).AvailableFreeSpace < 8192 && freed.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(50);
        }

        Assert.IsGreaterThanOrEqualTo(8192L, new DriveInfo(full.Path).AvailableFreeSpace, "the failed write's space was never given back");
        var small = Result();
        cache.Put(Layer, small);
        var served = cache.TryGet(Layer);
        Assert.IsNotNull(served, $"the small entry was not served: {cache.LastProblem}");
        AssertSame(small, served);
    }

    private static string PublishedFile(string dir)
    {
        var file = Path.Combine(dir, "app.dll");
        File.WriteAllText(file, "content");
        return file;
    }

    [TestMethod]
    [DataRow("garbage")]
    [DataRow("truncated")]
    [DataRow("nested 100k deep")]
    [DataRow("wrong key")]
    [DataRow("wrong types")]
    [DataRow("not an object")]
    [DataRow("huge")]
    [DataRow("a folder")]
    public void A_corrupt_clean_file_state_means_a_full_check_and_is_replaced(string kind)
    {
        var dir = NewDirectory();
        try
        {
            var file = new FileInfo(PublishedFile(dir));
            var first = CleanFileCache.Open(dir, ScanLimits.None);
            first.RecordClean("app.dll", file);
            first.Save();
            var path = first.StatePath;
            var good = File.ReadAllText(path);
            switch (kind)
            {
                case "garbage":
                    File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(3000));
                    break;
                case "truncated":
                    File.WriteAllText(path, good[..(good.Length / 2)]);
                    break;
                case "nested 100k deep":
                    File.WriteAllText(path, "{\"key\":" + new string('[', 100_000) + new string(']', 100_000) + "}");
                    break;
                case "wrong key":
                    File.WriteAllText(path, good.Replace("\"key\":\"", "\"key\":\"old-", StringComparison.Ordinal));
                    break;
                case "wrong types":
                    File.WriteAllText(path, good.Replace("\"app.dll\":\"", "\"app.dll\":[\"", StringComparison.Ordinal).Replace("\"}}", "\"]}}", StringComparison.Ordinal));
                    break;
                case "not an object":
                    File.WriteAllText(path, "[1,2,3]");
                    break;
                case "huge":
                    using (var state = File.OpenWrite(path))
                    {
                        state.SetLength(CleanFileCache.MaxStateBytes + 1L);
                    }

                    break;
                case "a folder":
                    File.Delete(path);
                    Directory.CreateDirectory(path);
                    break;
            }

            CleanFileCache? reopened = null;
            Quickly(() => reopened = CleanFileCache.Open(dir, ScanLimits.None));
            Assert.IsFalse(reopened!.IsUnchangedAndClean("app.dll", file), "a corrupt state means a full check");
            if (kind is not ("wrong key" or "wrong types" or "a folder")) // those are simply not a match
            {
                StringAssert.Contains(reopened.LastProblem, "was ignored");
            }

            reopened.RecordClean("app.dll", file);
            reopened.Save();
            if (kind == "a folder")
            {
                StringAssert.Contains(reopened.LastProblem, "cannot be written");
                return;
            }

            Assert.IsTrue(CleanFileCache.Open(dir, ScanLimits.None).IsUnchangedAndClean("app.dll", file), "the state was replaced");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void A_state_folder_that_is_a_file_is_ignored()
    {
        var notAFolder = Path.GetTempFileName();
        try
        {
            var cache = CleanFileCache.Open(notAFolder, ScanLimits.None);
            cache.RecordClean("app.dll", new FileInfo(notAFolder));
            cache.Save();
            StringAssert.Contains(cache.LastProblem, "cannot be written");
        }
        finally
        {
            File.Delete(notAFolder);
        }
    }

    [TestMethod]
    public void A_read_only_state_folder_is_ignored()
    {
        using var readOnly = ScratchFolder.ReadOnly();
        var cache = CleanFileCache.Open(readOnly.Path, ScanLimits.None);
        cache.RecordClean("app.dll", new FileInfo(typeof(CacheFaultTests).Assembly.Location));
        cache.Save();
        StringAssert.Contains(cache.LastProblem, "cannot be written");
    }

    [TestMethod]
    public void A_full_state_folder_keeps_the_previous_state_whole()
    {
        using var full = ScratchFolder.Tiny();
        var published = new FileInfo(typeof(CacheFaultTests).Assembly.Location);
        var first = CleanFileCache.Open(full.Path, ScanLimits.None);
        first.RecordClean("app.dll", published);
        first.Save();
        Assert.IsNull(first.LastProblem);

        var second = CleanFileCache.Open(full.Path, ScanLimits.None);
        for (var i = 0; i < 2000; i++)
        {
            second.RecordClean($"wwwroot/lib/file-{i}.js", published); // ~100 KB of state on a 16 KB file system
        }

        second.Save();
        StringAssert.Contains(second.LastProblem, "cannot be written");
        Assert.IsTrue(CleanFileCache.Open(full.Path, ScanLimits.None).IsUnchangedAndClean("app.dll", published), "the previous state is untouched");
        Assert.HasCount(1, Directory.GetFiles(full.Path), "no partial temp file");
    }

    /// <summary>
    /// A folder writes fail in for real: a read-only or a 16 KB tmpfs mount (as root, where permissions do not
    /// stop writes), or for a read-only folder a permission-less one otherwise. Inconclusive where neither can be made.
    /// </summary>
    private sealed class ScratchFolder : IDisposable
    {
        private readonly bool _mounted;

        private ScratchFolder(string path, bool mounted)
        {
            Path = path;
            _mounted = mounted;
        }

        public string Path { get; }

        public static ScratchFolder ReadOnly()
        {
            var dir = NewDirectory();
            if (Environment.IsPrivilegedProcess)
            {
                return Mount(dir, "ro,size=16k");
            }

            if (OperatingSystem.IsWindows())
            {
                return Inconclusive(dir, "a read-only folder is made with Unix permissions");
            }

            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            return new ScratchFolder(dir, mounted: false);
        }

        public static ScratchFolder Tiny()
        {
            var dir = NewDirectory();
            return Environment.IsPrivilegedProcess
                ? Mount(dir, "size=16k")
                : Inconclusive(dir, "a full file system needs a tmpfs mount, which needs root");
        }

        private static ScratchFolder Mount(string dir, string options)
        {
            if (!OperatingSystem.IsLinux() || Run("mount", $"-t tmpfs -o {options} sgcachetest {dir}") != 0)
            {
                return Inconclusive(dir, "cannot mount a tmpfs here");
            }

            return new ScratchFolder(dir, mounted: true);
        }

        private static ScratchFolder Inconclusive(string dir, string why)
        {
            Directory.Delete(dir);
            Assert.Inconclusive(why);
            throw new InvalidOperationException(why);
        }

        private static int Run(string program, string arguments)
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit(10_000);
            return process.HasExited ? process.ExitCode : -1;
        }

        public void Dispose()
        {
            if (_mounted)
            {
                Run("umount", Path);
            }
            else if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            Directory.Delete(Path, recursive: true);
        }
    }
}
