using System.IO.Compression;
using System.Text;
using SecretGuard.ImageReading;
using SecretGuard.Findings;

namespace SecretGuard.Tests.ImageReading;

[TestClass]
public sealed class SingleFileBundleTests
{
    private static readonly byte[] Host = TestBundles.Host;

    private static readonly byte[] Signature = TestBundles.Signature;

    private static byte[] Bundle(long? headerOffsetOverride, params (string Path, byte[] Content, bool Compress)[] files) =>
        TestBundles.Build(headerOffsetOverride, [.. files.Select(f => new TestBundles.Entry(f.Path, f.Content, f.Compress))]);

    [TestMethod]
    public void Reads_plain_and_compressed_entries()
    {
        var json = Encoding.UTF8.GetBytes("{ \"ConnectionStrings\": {} }");
        var dll = Encoding.UTF8.GetBytes(new string('x', 5000));
        var files = SingleFileBundle.TryRead(Bundle(null, ("appsettings.json", json, false), ("App.dll", dll, true)))!.Files;

        Assert.AreEqual("appsettings.json|App.dll", string.Join('|', files.Select(f => f.RelativePath)));
        using var reader = new StreamReader(files[1].Open());
        Assert.AreEqual(new string('x', 5000), reader.ReadToEnd());
        Assert.AreEqual(5000, files[1].Size);
    }

    [TestMethod]
    public void A_host_that_is_not_a_bundle_is_not_one()
    {
        Assert.IsNull(SingleFileBundle.TryRead(Bundle(0, ("a", [1], false))), "the placeholder offset 0 means a plain app host");
        Assert.IsNull(SingleFileBundle.TryRead([.. Host, .. " no signature here"u8.ToArray()]));
    }

    [TestMethod]
    public void A_broken_manifest_is_an_error_not_an_empty_bundle()
    {
        var bytes = Bundle(null, ("appsettings.json", "{}"u8.ToArray(), false));
        Assert.Throws<InvalidDataException>(() => SingleFileBundle.TryRead(bytes[..^10]));
        Assert.Throws<InvalidDataException>(() => SingleFileBundle.TryRead(Bundle(1L << 40, ("a", [1], false))));
    }

    [TestMethod]
    public void A_corrupt_compressed_entry_is_reported_as_not_fully_checked()
    {
        var bytes = Bundle(null, ("App.dll", Encoding.UTF8.GetBytes(new string('x', 5000)), true));
        var entryStart = Host.Length + 8 + Signature.Length;
        bytes[entryStart] = 0xFF; // an invalid deflate block type
        bytes[entryStart + 1] = 0xFF;
        var scanner = new SecretGuard.Scanning.FileScanner(SecretGuard.Detection.RuleSet.Default);
        var finding = scanner.Scan("/app/App", bytes.Length, new MemoryStream(bytes), 1, "sha256:x").Findings.Single();
        Assert.AreEqual("SG0004", finding.RuleId);
        var location = (LayerFileLocation)finding.Location;
        Assert.AreEqual(("/app/App.dll", "/app/App"), (location.Path, location.Bundle), "the bundled file is the place, inside its bundle");
    }
}

/// <summary>Bundles whose manifest is written to break the reader: each gives a clear error or findings, within seconds.</summary>
[TestClass]
public sealed class HostileSingleFileBundleTests
{
    private static readonly byte[] Host = TestBundles.Host;
    private static readonly byte[] Signature = TestBundles.Signature;

    /// <summary>Host, signature, <paramref name="data"/>, then a version 6 manifest written by <paramref name="writeEntries"/> (given where the data starts).</summary>
    private static byte[] Bundle(byte[] data, int count, Action<BinaryWriter, long> writeEntries)
    {
        using var ms = new MemoryStream();
        ms.Write(Host);
        var slot = ms.Position;
        ms.Write(new byte[8]);
        ms.Write(Signature);
        var dataAt = ms.Position;
        ms.Write(data);
        var header = ms.Position;
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(6u);
            w.Write(0u);
            w.Write(count);
            w.Write("bundleid1234");
            w.Write(new byte[8 * 5]);
            writeEntries(w, dataAt);
        }

        var bytes = ms.ToArray();
        BitConverter.GetBytes(header).CopyTo(bytes, slot);
        return bytes;
    }

    private static void Entry(BinaryWriter w, long offset, long size, long compressed, string path)
    {
        w.Write(offset);
        w.Write(size);
        w.Write(compressed);
        w.Write((byte)1);
        w.Write(path);
    }

    private static T Bounded<T>(Func<T> read)
    {
        var task = Task.Run(read);
        Assert.AreEqual(0, Task.WaitAny([task], TimeSpan.FromSeconds(10)), "reading the bundle did not end");
        return task.GetAwaiter().GetResult();
    }

    [TestMethod]
    [DataRow(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, DisplayName = "length 2^32-1 (negative as an int)")]
    [DataRow(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x07 }, DisplayName = "length int.MaxValue")]
    [DataRow(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 }, DisplayName = "a 7-bit length that never ends")]
    [DataRow(new byte[] { 0xE8, 0x07 }, DisplayName = "1000 bytes, past the manifest's end")]
    public void A_bad_string_length_is_an_invalid_manifest(byte[] length)
    {
        var bytes = Bundle("{}"u8.ToArray(), 1, (w, at) =>
        {
            w.Write(at);
            w.Write(2L);
            w.Write(0L);
            w.Write((byte)1);
            w.Write(length);
            w.Write("appsettings.json"u8);
        });
        var ex = Assert.Throws<InvalidDataException>(() => Bounded(() => SingleFileBundle.TryRead(bytes)));
        StringAssert.Contains(ex.Message, "single-file bundle manifest");
    }

    [TestMethod]
    [DataRow(long.MaxValue, 2L, 0L)]
    [DataRow(long.MaxValue - 1, 16L, 0L)]
    [DataRow(1L << 40, 2L, 0L)]
    [DataRow(-8L, 2L, 0L)]
    [DataRow(0L, long.MaxValue, 0L)]
    [DataRow(0L, 10L, long.MaxValue)]
    [DataRow(0L, -5L, 3L)]
    [DataRow(0L, 10L, -3L)]
    public void An_entry_offset_or_size_past_the_file_is_an_invalid_manifest(long offset, long size, long compressed)
    {
        var bytes = Bundle("{}"u8.ToArray(), 1, (w, at) => Entry(w, offset, size, compressed, "appsettings.json"));
        var ex = Assert.Throws<InvalidDataException>(() => SingleFileBundle.TryRead(bytes));
        StringAssert.Contains(ex.Message, "appsettings.json");
    }

    /// <summary>Raw deflate of <paramref name="bytes"/> zeros.</summary>
    private static byte[] DeflatedZeros(long bytes)
    {
        using var ms = new MemoryStream();
        using (var deflate = new DeflateStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var written = 0L; written < bytes; written += zeros.Length)
            {
                deflate.Write(zeros, 0, (int)Math.Min(zeros.Length, bytes - written));
            }
        }

        return ms.ToArray();
    }

    private static readonly Lazy<byte[]> ManyZeros = new(() => DeflatedZeros(256L << 20));

    [TestMethod]
    public void Thousands_of_entries_on_one_deflate_stream_of_256_MiB_of_zeros_are_refused_by_the_expansion_budget()
    {
        var zeros = ManyZeros.Value;
        var bytes = Bundle(zeros, 5000, (w, at) =>
        {
            for (var i = 0; i < 5000; i++)
            {
                Entry(w, at, 256L << 20, zeros.Length, $"lib{i}.dll");
            }
        });

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var scanner = new SecretGuard.Scanning.FileScanner(SecretGuard.Detection.RuleSet.Default);
        var finding = Bounded(() => scanner.Scan("/app/App", bytes.Length, new MemoryStream(bytes), 1, "sha256:x").Findings.ToList()).Single();
        Assert.AreEqual("SG0004", finding.RuleId, "the bundle is reported as not fully checked, at the bundle");
        StringAssert.StartsWith(finding.Label, "the single-file bundle reader could not read it: ");
        StringAssert.Contains(finding.Label, "unpack to more than");
        StringAssert.Contains(finding.Label, "were not read");
        Assert.IsLessThan(TimeSpan.FromSeconds(5), watch.Elapsed);
    }

    [TestMethod]
    public void Entries_claiming_small_sizes_on_a_huge_deflate_stream_are_read_only_to_their_size()
    {
        var zeros = ManyZeros.Value;
        var key = TestSecrets.StripeLiveKey();
        var settings = Encoding.UTF8.GetBytes("{ \"Stripe\": { \"SecretKey\": \"" + key + "\" } }");
        var bytes = Bundle([.. zeros, .. settings], 2001, (w, at) =>
        {
            for (var i = 0; i < 2000; i++)
            {
                Entry(w, at, 4096, zeros.Length, $"data{i}.txt");
            }

            Entry(w, at + zeros.Length, settings.Length, 0, "appsettings.json");
        });

        var files = SingleFileBundle.TryRead(bytes)!.Files;
        using (var first = files[0].Open())
        {
            Assert.AreEqual(4096, Bounded(() => { var n = 0L; var buffer = new byte[81920]; int read; while ((read = first.Read(buffer)) > 0) { n += read; } return n; }));
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var scanner = new SecretGuard.Scanning.FileScanner(SecretGuard.Detection.RuleSet.Default);
        var findings = Bounded(() => scanner.Scan("/app/App", bytes.Length, new MemoryStream(bytes), 1, "sha256:x").Findings.ToList());
        Assert.AreEqual("SG1005", findings.Single().RuleId);
        Assert.IsLessThan(TimeSpan.FromSeconds(5), watch.Elapsed);
    }

    [TestMethod]
    public void Overlapping_plain_entries_count_against_the_budget_too()
    {
        var data = new byte[1 << 20];
        var bytes = Bundle(data, 5000, (w, at) =>
        {
            for (var i = 0; i < 5000; i++)
            {
                Entry(w, at, data.Length, 0, $"copy{i}.bin");
            }
        });

        // 8 times the bundle (1 MiB of data and a manifest of 5,000 entries: 1.2 MB) plus 64 MB holds 73 copies of 1 MiB; the 74th is past it.
        var bundle = SingleFileBundle.TryRead(bytes)!;
        Assert.HasCount(73, bundle.Files, "the entries within the budget are read");
        StringAssert.Contains(bundle.NotRead, "unpack to more than");
        StringAssert.Contains(bundle.NotRead, "from entry 74 of 5000 (copy73.bin) on were not read");
    }
}
