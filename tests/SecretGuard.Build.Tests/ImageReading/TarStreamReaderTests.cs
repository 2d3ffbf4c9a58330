using System.Text;
using SecretGuard.ImageReading;
using SecretGuard.Scanning;

namespace SecretGuard.Tests.ImageReading;

/// <summary>The tar reader on sparse files, numbers that do not fit, oversized names and cut or endless streams.</summary>
[TestClass]
public sealed class TarStreamReaderTests
{
    private sealed record Read(string Name, char Type, long Size, string? Content, string? Problem, bool Sparse);

    private static List<Read> ReadAll(Stream tar)
    {
        var reader = new TarStreamReader(tar);
        var entries = new List<Read>();
        while (reader.Next() is { } e)
        {
            var content = e.Problem is null ? new StreamReader(e.Data, Encoding.UTF8).ReadToEnd() : null;
            entries.Add(new Read(e.Name, e.TypeFlag, e.Size, content, e.Problem, e.IsSparse));
        }

        return entries;
    }

    private static List<Read> ReadAll(byte[] tar) => ReadAll(new MemoryStream(tar));

    [TestMethod]
    public void Pax_records_nothing_applies_are_kept_with_their_entry_and_after_the_last()
    {
        // A comment and an extended attribute (a runtime sets it on the unpacked file) ship in the layer;
        // paths, sizes, times, ids and link targets are not kept. A global header's records go with the entry after it.
        var tar = RawTar.Concat(
            RawTar.PaxGlobal(("comment", "built by ci"), ("mtime", "1700000000.5")),
            RawTar.Pax(("path", "app/settings.json"), ("mtime", "1700000000.25"), ("SCHILY.xattr.user.token", "hidden"), ("uid", "0"), ("linkpath", "x"), ("GNU.sparse.name", "y"), ("uname", "")),
            RawTar.File("ignored-name", "{}"),
            RawTar.File("app/b.txt", "b"),
            RawTar.Pax(("comment", "after everything")),
            RawTar.End);
        var reader = new TarStreamReader(new MemoryStream(tar));
        var records = new List<string>();
        while (reader.Next() is { } entry)
        {
            records.Add(entry.Name + ": " + (entry.Records is null ? "none" : Encoding.UTF8.GetString(entry.Records)));
        }

        CollectionAssert.AreEqual(new[] { "app/settings.json: comment=built by ci\nSCHILY.xattr.user.token=hidden\n", "app/b.txt: none" }, records);
        Assert.AreEqual("comment=after everything\n", Encoding.UTF8.GetString(reader.RecordsAfterLastEntry!));
    }

    [TestMethod]
    public void Pax_records_are_kept_up_to_their_bound_and_the_rest_is_counted()
    {
        var value = new string('v', 700 * 1024);
        var tar = RawTar.Concat(RawTar.Pax(("comment", value)), RawTar.Pax(("comment", value)), RawTar.File("a.txt", "a"), RawTar.End);
        var entry = new TarStreamReader(new MemoryStream(tar)).Next()!;

        Assert.HasCount(TarStreamReader.MaxPaxHeaderBytes, entry.Records!);
        Assert.AreEqual(2 * ("comment=".Length + value.Length + 1) - TarStreamReader.MaxPaxHeaderBytes, entry.RecordsNotRead);
        Assert.IsNull(entry.Problem, "the entry's own data is still read");
    }

    [TestMethod]
    public void A_global_header_too_large_to_read_is_counted_and_the_entry_after_it_is_read()
    {
        var tar = RawTar.Concat(RawTar.PaxGlobal(("comment", new string('v', TarStreamReader.MaxPaxHeaderBytes + 10))), RawTar.File("a.txt", "a"), RawTar.End);
        var entry = new TarStreamReader(new MemoryStream(tar)).Next()!;

        Assert.IsNull(entry.Problem);
        Assert.AreEqual("a", new StreamReader(entry.Data).ReadToEnd());
        Assert.IsGreaterThan(TarStreamReader.MaxPaxHeaderBytes, entry.RecordsNotRead);
    }

    private static byte[] SparseSegment(long offset, long length)
    {
        var s = new byte[24];
        RawTar.Octal(s, 0, 12, offset);
        RawTar.Octal(s, 12, 12, length);
        return s;
    }

    [TestMethod]
    public void Old_gnu_sparse_file_with_extension_blocks_gives_its_stored_segments_and_the_next_entry()
    {
        var stored = "first-segment|second|third";
        var header = RawTar.Header("data/sparse.bin", 'S', stored.Length, RawTar.Gnu, h =>
        {
            SparseSegment(0, 14).CopyTo(h, 386);
            SparseSegment(1 << 20, 7).CopyTo(h, 386 + 24);
            h[482] = 1; // an extension block follows
            RawTar.Octal(h, 483, 12, (2 << 20) + 5);
        });
        var extension = new byte[512];
        SparseSegment(2 << 20, 5).CopyTo(extension, 0);
        extension[504] = 1; // and another
        var lastExtension = new byte[512];

        var tar = RawTar.Concat(header, extension, lastExtension, RawTar.Padded(Encoding.ASCII.GetBytes(stored)), RawTar.File("data/after.txt", "after"), RawTar.End);

        var entries = ReadAll(tar);
        Assert.HasCount(2, entries);
        Assert.AreEqual(new Read("data/sparse.bin", 'S', stored.Length, stored, null, true), entries[0]);
        Assert.AreEqual(new Read("data/after.txt", '0', 5, "after", null, false), entries[1]);
    }

    [TestMethod]
    public void Pax_sparse_0_0_and_0_1_give_the_stored_segments_under_the_real_name()
    {
        var stored = "alpha-omega";
        var v00 = RawTar.Concat(
            RawTar.Pax(("GNU.sparse.size", "9000"), ("GNU.sparse.numblocks", "2"), ("GNU.sparse.offset", "0"), ("GNU.sparse.numbytes", "5"), ("GNU.sparse.offset", "8994"), ("GNU.sparse.numbytes", "6"), ("path", "app/sparse-00.db")),
            RawTar.Header("GNUSparseFile.1/sparse-00.db", '0', stored.Length),
            RawTar.Padded(Encoding.ASCII.GetBytes(stored)));
        var v01 = RawTar.Concat(
            RawTar.Pax(("GNU.sparse.size", "9000"), ("GNU.sparse.numblocks", "2"), ("GNU.sparse.map", "0,5,8994,6"), ("GNU.sparse.name", "app/sparse-01.db")),
            RawTar.Header("GNUSparseFile.1/sparse-01.db", '0', stored.Length),
            RawTar.Padded(Encoding.ASCII.GetBytes(stored)));

        var entries = ReadAll(RawTar.Concat(v00, v01, RawTar.File("z", "z"), RawTar.End));

        Assert.AreEqual(new Read("app/sparse-00.db", '0', stored.Length, stored, null, true), entries[0]);
        Assert.AreEqual(new Read("app/sparse-01.db", '0', stored.Length, stored, null, true), entries[1]);
        Assert.AreEqual("z", entries[2].Content);
    }

    [TestMethod]
    public void Pax_sparse_1_0_skips_the_map_at_the_start_of_the_data()
    {
        var map = RawTar.Padded(Encoding.ASCII.GetBytes("3\n0\n5\n4096\n6\n1048576\n4\n"));
        var stored = "alpha" + "bravo!" + "tail";
        var data = RawTar.Concat(map, Encoding.ASCII.GetBytes(stored));
        var tar = RawTar.Concat(
            RawTar.Pax(("GNU.sparse.major", "1"), ("GNU.sparse.minor", "0"), ("GNU.sparse.name", "var/lib/big.db"), ("GNU.sparse.realsize", "1048580"), ("size", data.Length.ToString())),
            RawTar.Header("./GNUSparseFile.7/big.db", '0', data.Length),
            RawTar.Padded(data),
            RawTar.File("after", "ok"),
            RawTar.End);

        var entries = ReadAll(tar);
        Assert.AreEqual(new Read("var/lib/big.db", '0', stored.Length, stored, null, true), entries[0]);
        Assert.AreEqual("ok", entries[1].Content);
    }

    [TestMethod]
    public void Pax_sparse_1_0_with_a_broken_map_is_an_entry_problem_and_the_stream_goes_on()
    {
        var data = RawTar.Padded(Encoding.ASCII.GetBytes("2\n0\nfive\n"));
        var tar = RawTar.Concat(
            RawTar.Pax(("GNU.sparse.major", "1"), ("GNU.sparse.minor", "0"), ("GNU.sparse.name", "bad.db")),
            RawTar.Header("GNUSparseFile.7/bad.db", '0', data.Length),
            data,
            RawTar.File("after", "ok"),
            RawTar.End);

        var entries = ReadAll(tar);
        Assert.AreEqual("bad.db", entries[0].Name);
        StringAssert.Contains(entries[0].Problem, "sparse map");
        Assert.AreEqual("ok", entries[1].Content);
    }

    [TestMethod]
    public void Sparse_files_written_by_gnu_tar_give_their_stored_data()
    {
        if (!TarTool.Available)
        {
            Assert.Inconclusive("GNU tar is not installed");
        }

        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "sparse.bin");
        using (var f = File.Create(path))
        {
            f.Write(Encoding.ASCII.GetBytes("segment-at-zero"));
            f.Seek(3 << 20, SeekOrigin.Begin);
            f.Write(Encoding.ASCII.GetBytes("segment-at-3-MiB"));
            f.SetLength(8 << 20);
        }

        File.WriteAllText(Path.Combine(dir.Path, "plain.txt"), "plain");
        foreach (var options in new[] { "--format=gnu", "--format=posix --sparse-version=0.0", "--format=posix --sparse-version=0.1", "--format=posix --sparse-version=1.0" })
        {
            var tar = TarTool.Create(dir.Path, $"--sparse {options}", "sparse.bin", "plain.txt");
            var entries = ReadAll(tar);
            Assert.HasCount(2, entries, options);
            Assert.AreEqual("sparse.bin", entries[0].Name, options);
            StringAssert.Contains(entries[0].Content, "segment-at-zero", options);
            StringAssert.Contains(entries[0].Content, "segment-at-3-MiB", options);
            Assert.IsLessThan(1L << 20, entries[0].Size, $"{options}: the holes are not materialised");
            Assert.AreEqual(new Read("plain.txt", '0', 5, "plain", null, false), entries[1] with { Type = '0' }, options);
        }
    }

    [TestMethod]
    public void Pax_size_that_is_not_a_number_or_does_not_fit_is_an_entry_problem_and_the_stream_goes_on()
    {
        foreach (var size in new[] { "12abc", "99999999999999999999", "-5", "1e3" })
        {
            var tar = RawTar.Concat(RawTar.Pax(("size", size)), RawTar.File("app/odd.bin", "odd"), RawTar.File("app/next.json", "{}"), RawTar.End);
            var entries = ReadAll(tar);
            Assert.HasCount(2, entries, size);
            Assert.AreEqual("app/odd.bin", entries[0].Name);
            StringAssert.Contains(entries[0].Problem, "PAX size", size);
            StringAssert.Contains(entries[0].Problem, "is not a number that fits 64 bits", size);
            Assert.AreEqual(new Read("app/next.json", '0', 2, "{}", null, false), entries[1], size);
        }
    }

    [TestMethod]
    public void Base256_numbers_are_read_and_an_mtime_that_does_not_fit_does_not_matter()
    {
        var tar = RawTar.Concat(
            RawTar.Header("a.txt", '0', 0, edit: h =>
            {
                h[124] = 0x80; // base-256 size: 3
                h.AsSpan(125, 11).Clear();
                h[135] = 3;
                h[136] = 0x80; // base-256 mtime far past Int64
                h.AsSpan(137, 11).Fill(0xFF);
            }),
            RawTar.Padded("abc"u8.ToArray()),
            RawTar.Header("b.txt", '0', 0, edit: h => h.AsSpan(136, 12).Fill(0xFF)), // negative base-256 mtime
            RawTar.End);

        var entries = ReadAll(tar);
        Assert.AreEqual(new Read("a.txt", '0', 3, "abc", null, false), entries[0]);
        Assert.AreEqual(new Read("b.txt", '0', 0, "", null, false), entries[1]);
    }

    [TestMethod]
    public void Base256_size_that_does_not_fit_is_an_error_unless_pax_gives_the_size()
    {
        void Overflow(byte[] h)
        {
            h[124] = 0x80;
            h.AsSpan(125, 11).Fill(0xFF);
        }

        var alone = RawTar.Concat(RawTar.File("first", "1"), RawTar.Header("huge.bin", '0', 0, edit: Overflow), RawTar.End);
        var reader = new TarStreamReader(new MemoryStream(alone));
        Assert.AreEqual("first", reader.Next()!.Name);
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => reader.Next());
        StringAssert.Contains(ex.Message, "huge.bin");
        StringAssert.Contains(ex.Message, "is not a number that fits 64 bits, so where the next entry starts is unknown");

        var withPax = RawTar.Concat(RawTar.Pax(("size", "4")), RawTar.Header("huge.bin", '0', 0, edit: Overflow), RawTar.Padded("four"u8.ToArray()), RawTar.End);
        Assert.AreEqual("four", ReadAll(withPax).Single().Content);
    }

    [TestMethod]
    public void Pax_size_of_10_to_the_15_on_a_short_stream_is_an_error_naming_the_entry()
    {
        var tar = RawTar.Concat(RawTar.Pax(("size", "1000000000000000")), RawTar.Header("app/endless.bin", '0', 0), new byte[4096]);
        var reader = new TarStreamReader(new MemoryStream(tar));
        var entry = reader.Next()!;
        Assert.AreEqual(1_000_000_000_000_000, entry.Size);
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => entry.Data.CopyTo(Stream.Null));
        StringAssert.Contains(ex.Message, "app/endless.bin");

        // Unread, it is skipped by the next call, which meets the same end.
        reader = new TarStreamReader(new MemoryStream(tar));
        reader.Next();
        ex = Assert.ThrowsExactly<InvalidDataException>(() => reader.Next());
        StringAssert.Contains(ex.Message, "ends inside entry app/endless.bin");
    }

    [TestMethod]
    public void A_64_MiB_long_name_is_skipped_without_being_held_and_the_entry_reported()
    {
        const long nameLength = 64L << 20;
        var stream = new PartsStream()
            .Add(RawTar.Header("././@LongLink", 'L', nameLength, RawTar.Gnu))
            .Add((byte)'a', nameLength)
            .Add(RawTar.Header("aaaa-truncated", '0', 6, RawTar.Gnu))
            .Add(RawTar.Padded("secret"u8.ToArray()))
            .Add(RawTar.File("after.txt", "after", RawTar.Gnu))
            .Add(RawTar.End);
        var reader = new TarStreamReader(stream);
        reader.Next(); // the first call compiles the reader; measure a second, identical run
        stream = new PartsStream()
            .Add(RawTar.Header("././@LongLink", 'L', nameLength, RawTar.Gnu))
            .Add((byte)'a', nameLength)
            .Add(RawTar.Header("aaaa-truncated", '0', 6, RawTar.Gnu))
            .Add(RawTar.Padded("secret"u8.ToArray()))
            .Add(RawTar.File("after.txt", "after", RawTar.Gnu))
            .Add(RawTar.End);

        var before = GC.GetAllocatedBytesForCurrentThread();
        reader = new TarStreamReader(stream);
        var first = reader.Next()!;
        var second = reader.Next()!;
        var end = reader.Next();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.AreEqual("aaaa-truncated", first.Name);
        StringAssert.Contains(first.Problem, "over 64 KiB");
        Assert.AreEqual("after.txt", second.Name);
        Assert.IsNull(end);
        Assert.IsLessThan(1L << 20, allocated, "bytes allocated to skip a 64 MiB name");
    }

    [TestMethod]
    public void Oversized_pax_header_and_pax_path_are_entry_problems()
    {
        var bigHeader = RawTar.Concat(RawTar.Header("PaxHeaders/x", 'x', 2 << 20), new byte[2 << 20], RawTar.File("a.txt", "a"), RawTar.File("b.txt", "b"), RawTar.End);
        var entries = ReadAll(bigHeader);
        StringAssert.Contains(entries[0].Problem, "PAX extended header is over 1 MiB");
        Assert.AreEqual("b", entries[1].Content);

        var bigPath = RawTar.Concat(RawTar.Pax(("path", new string('p', 70_000))), RawTar.File("p-short", "x"), RawTar.File("b.txt", "b"), RawTar.End);
        entries = ReadAll(bigPath);
        Assert.AreEqual("p-short", entries[0].Name);
        StringAssert.Contains(entries[0].Problem, "PAX path is over 64 KiB");
        Assert.AreEqual("b", entries[1].Content);
    }

    [TestMethod]
    public void Malformed_pax_header_is_an_entry_problem()
    {
        var bytes = "30 path=no-newline-at-the-end!!"u8.ToArray();
        var tar = RawTar.Concat(RawTar.Header("PaxHeaders/x", 'x', bytes.Length), RawTar.Padded(bytes), RawTar.File("a.txt", "a"), RawTar.File("b.txt", "b"), RawTar.End);
        var entries = ReadAll(tar);
        Assert.AreEqual("a.txt", entries[0].Name);
        StringAssert.Contains(entries[0].Problem, "malformed");
        Assert.AreEqual("b", entries[1].Content);
    }

    [TestMethod]
    public void Truncated_header_is_an_error()
    {
        var tar = RawTar.Concat(RawTar.File("a.txt", "a"), RawTar.Header("b.txt", '0', 1)[..300]);
        var reader = new TarStreamReader(new MemoryStream(tar));
        Assert.AreEqual("a", new StreamReader(reader.Next()!.Data).ReadToEnd());
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => reader.Next());
        StringAssert.Contains(ex.Message, "ends inside the header at byte 1024");
    }

    [TestMethod]
    public void Garbage_after_a_valid_entry_is_an_error_after_the_entry()
    {
        var garbage = new byte[2048];
        new Random(7).NextBytes(garbage);
        var reader = new TarStreamReader(new MemoryStream(RawTar.Concat(RawTar.File("a.txt", "a"), garbage)));
        Assert.AreEqual("a.txt", reader.Next()!.Name);
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => reader.Next());
        StringAssert.Contains(ex.Message, "not a tar header");
    }

    [TestMethod]
    public void Unread_or_half_read_data_is_skipped_to_the_next_header()
    {
        var big = new string('x', 5000);
        var tar = TestImages.Tar(("a", big), ("b", big), ("c", "c"));
        var reader = new TarStreamReader(new MemoryStream(tar));
        reader.Next();
        var b = reader.Next()!;
        var half = new byte[1234];
        b.Data.ReadExactly(half);
        var c = reader.Next()!;
        Assert.AreEqual("c", new StreamReader(c.Data).ReadToEnd());
        Assert.AreEqual(0, b.Data.Read(half), "a moved-on entry reads nothing");
        Assert.IsNull(reader.Next());
    }

    [TestMethod]
    public void End_of_stream_at_a_header_boundary_ends_the_archive()
    {
        var entries = ReadAll(RawTar.File("a.txt", "a"));
        Assert.AreEqual("a", entries.Single().Content);
        Assert.IsEmpty(ReadAll([]));
    }

    [TestMethod]
    public void Nested_tar_reads_every_readable_entry_then_names_the_unreadable_one()
    {
        var tar = RawTar.Concat(RawTar.File("first.txt", "1"), RawTar.Pax(("size", "x")), RawTar.File("odd.bin", "odd"), RawTar.File("last.txt", "2"), RawTar.End);
        var visited = new List<string>();
        var ex = Assert.ThrowsExactly<ScanIncompleteException>(() =>
            NestedArchives.ReadEntries("/opt/bundle.tar", NestedArchives.Kind.Tar, tar.Length, new MemoryStream(tar), decompressed => decompressed, (path, _, data, _) =>
            {
                visited.Add(path + "=" + new StreamReader(data).ReadToEnd());
            }));
        CollectionAssert.AreEqual(new[] { "first.txt=1", "last.txt=2" }, visited);
        StringAssert.Contains(ex.Message, "/opt/bundle.tar");
        StringAssert.Contains(ex.Message, "odd.bin");
        StringAssert.Contains(ex.Message, "PAX size");
    }

    [TestMethod]
    public void Mutated_archives_give_entries_or_an_InvalidDataException_and_nothing_else()
    {
        var pax = RawTar.Concat(RawTar.Pax(("path", "app/" + new string('n', 150)), ("size", "700")), RawTar.Header("short", '0', 700), new byte[1024]);
        var sparse = RawTar.Concat(
            RawTar.Pax(("GNU.sparse.major", "1"), ("GNU.sparse.minor", "0"), ("GNU.sparse.name", "s.db")),
            RawTar.Header("GNUSparseFile.0/s.db", '0', 515),
            RawTar.Padded(RawTar.Concat(RawTar.Padded("1\n0\n3\n"u8.ToArray()), "abc"u8.ToArray())));
        var seeds = new[] { TestImages.Tar(("a.txt", "alpha"), ("b/c.json", new string('x', 3000))), RawTar.Concat(pax, sparse, RawTar.End) };
        var random = new Random(18);
        var buffer = new byte[4096];
        for (var round = 0; round < 3000; round++)
        {
            var tar = (byte[])seeds[round % seeds.Length].Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                var at = random.Next(tar.Length);
                tar[at] = random.Next(3) switch { 0 => (byte)random.Next(256), 1 => (byte)'9', _ => 0x80 };
            }

            try
            {
                var reader = new TarStreamReader(new MemoryStream(tar[..random.Next(tar.Length / 2, tar.Length + 1)]));
                for (var entries = 0; reader.Next() is { } entry; entries++)
                {
                    Assert.IsLessThan(100, entries);
                    while (entry.Data.Read(buffer) > 0)
                    {
                    }
                }
            }
            catch (InvalidDataException)
            {
                // the stream cannot be read on: the one exception the reader may throw
            }
        }
    }
}
