using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Resources;
using SecretGuard.Scanning;

namespace SecretGuard.Tests.Scanning;

/// <summary>The .resources reader that feeds an assembly's resource strings to the rules.</summary>
[TestClass]
public sealed class ResourcesBlobTests
{
    private static byte[] Write(Action<ResourceWriter> add)
    {
        var stream = new MemoryStream();
        using (var writer = new ResourceWriter(stream))
        {
            add(writer);
            writer.Generate();
            return stream.ToArray();
        }
    }

    /// <summary>What the framework's own reader says the string entries are.</summary>
    private static List<(string, string)> FrameworkStrings(byte[] blob)
    {
        var entries = new List<(string, string)>();
        using var reader = new ResourceReader(new MemoryStream(blob, writable: false));
        var enumerator = reader.GetEnumerator();
        while (enumerator.MoveNext())
        {
            if (enumerator.Value is string value)
            {
                entries.Add(((string)enumerator.Key, value));
            }
        }

        return entries;
    }

    [TestMethod]
    public void Reads_string_entries_and_skips_the_others()
    {
        var blob = Write(w =>
        {
            w.AddResource("ConnectionString", "Server=db;Password=Xk9#vL2$qW8!zR4");
            w.AddResource("Logo", new byte[] { 1, 2, 3 });
            w.AddResource("Retries", 3);
            w.AddResource("Empty", "");
            w.AddResource("Ünïcode näme", "välue ✓");
        });

        CollectionAssert.AreEquivalent(
            new List<(string, string)> { ("ConnectionString", "Server=db;Password=Xk9#vL2$qW8!zR4"), ("Empty", ""), ("Ünïcode näme", "välue ✓") },
            ResourcesBlob.ReadStrings(blob));
    }

    [TestMethod]
    public void Agrees_with_the_framework_reader_on_every_resources_blob_of_the_shared_framework()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var blobs = 0;
        var strings = 0;
        foreach (var path in Directory.EnumerateFiles(framework, "*.dll"))
        {
            using var pe = new PEReader(File.OpenRead(path));
            if (!pe.HasMetadata)
            {
                continue;
            }

            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.ManifestResources)
            {
                var resource = metadata.GetManifestResource(handle);
                if (!metadata.GetString(resource.Name).EndsWith(".resources", StringComparison.Ordinal) || !resource.Implementation.IsNil)
                {
                    continue;
                }

                var section = pe.GetSectionData(pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress).GetContent().ToArray();
                var length = BitConverter.ToInt32(section, (int)resource.Offset);
                var blob = section.AsSpan((int)resource.Offset + 4, length).ToArray();
                var expected = FrameworkStrings(blob);

                CollectionAssert.AreEquivalent(expected, ResourcesBlob.ReadStrings(blob), path);
                blobs++;
                strings += expected.Count;
            }
        }

        Assert.IsGreaterThan(50, blobs);
        Assert.IsGreaterThan(5_000, strings);
    }

    [TestMethod]
    public void Damaged_or_foreign_blobs_give_what_can_be_read_and_never_throw()
    {
        var blob = Write(w =>
        {
            for (var i = 0; i < 50; i++)
            {
                w.AddResource("Key" + i, "Value number " + i);
            }
        });
        var random = new Random(7);
        for (var round = 0; round < 2000; round++)
        {
            var damaged = blob[..random.Next(blob.Length)];
            if (round % 2 == 0 && damaged.Length > 0)
            {
                damaged = (byte[])blob.Clone();
                for (var flips = random.Next(1, 6); flips > 0; flips--)
                {
                    damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
                }
            }

            Assert.IsLessThanOrEqualTo(50, ResourcesBlob.ReadStrings(damaged).Count);
        }

        Assert.IsEmpty(ResourcesBlob.ReadStrings("{\"not\": \"resources\"}"u8));
        Assert.IsEmpty(ResourcesBlob.ReadStrings([]));
    }

    [TestMethod]
    public void Entries_that_all_point_at_one_large_value_are_not_read_past_twice_the_blob()
    {
        // 20,000 entries, then each one's data offset pointed at one 256 KB value: 5 GB of strings if read.
        const int Count = 20_000;
        var blob = Write(w =>
        {
            w.AddResource("big-value", new string('v', 256 * 1024));
            for (var i = 0; i < Count; i++)
            {
                w.AddResource($"key-{i:D6}", "x");
            }
        });

        // In the names section each name (UTF-16) is followed by its entry's data offset.
        var bigName = System.Text.Encoding.Unicode.GetBytes("big-value");
        var big = BitConverter.ToInt32(blob, blob.AsSpan().IndexOf(bigName) + bigName.Length);
        var prefix = System.Text.Encoding.Unicode.GetBytes("key-");
        var patched = 0;
        for (var at = blob.AsSpan().IndexOf(prefix); at >= 0; at = blob.AsSpan(at + 1).IndexOf(prefix) is var next and >= 0 ? at + 1 + next : -1)
        {
            BitConverter.GetBytes(big).CopyTo(blob, at + (2 * "key-000000".Length));
            patched++;
        }

        Assert.AreEqual(Count, patched);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var ex = Assert.Throws<InvalidDataException>(() => ResourcesBlob.ReadStrings(blob));
        StringAssert.Contains(ex.Message, "point at the same bytes over and over");
        Assert.IsLessThan(TimeSpan.FromSeconds(5), watch.Elapsed);
    }
}
