using System.IO.Compression;
using System.Text;
using SecretGuard.ImageReading;

namespace SecretGuard.Tests.ImageReading;

/// <summary>The gzip member reader: what GZipStream decompresses, and exactly what follows the last member.</summary>
[TestClass]
public sealed class GzipMembersTests
{
    private static (byte[] Output, byte[]? Trailing) Read(byte[] gzip)
    {
        using var members = new GzipMembers(new MemoryStream(gzip));
        var output = new MemoryStream();
        members.CopyTo(output);
        using var trailing = members.TrailingData();
        if (trailing is null)
        {
            return (output.ToArray(), null);
        }

        var rest = new MemoryStream();
        trailing.CopyTo(rest);
        return (output.ToArray(), rest.ToArray());
    }

    private static byte[] Noise(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [TestMethod]
    public void Decompresses_as_GZipStream_does_and_finds_the_data_after_the_member_wherever_the_chunks_end()
    {
        // Random bytes do not compress: their gzip stream is a little longer than they are, so lengths around
        // the chunk size put the member's end, and its trailer, on either side of a chunk's end.
        var after = Encoding.ASCII.GetBytes("after the member");
        for (var length = GzipMembers.ChunkBytes - 48; length <= GzipMembers.ChunkBytes + 8; length++)
        {
            var data = Noise(length, length);
            var gzip = TestImages.Gzip(data);

            var (clean, none) = Read(gzip);
            CollectionAssert.AreEqual(data, clean, $"length {length}");
            Assert.IsNull(none, $"length {length}");

            var (output, trailing) = Read([.. gzip, .. after]);
            CollectionAssert.AreEqual(data, output, $"length {length}");
            CollectionAssert.AreEqual(after, trailing, $"length {length}");
        }
    }

    [TestMethod]
    public void Reads_every_optional_header_field_and_concatenated_members()
    {
        var first = TestImages.Gzip("first\n"u8.ToArray());

        // The same member with FEXTRA (a BGZF-like subfield), FNAME, FCOMMENT and FHCRC set: the header's fields are skipped.
        byte[] fields = [0x1F, 0x8B, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 0xFF, 6, 0, (byte)'B', (byte)'C', 2, 0, 0x1B, 0, .. "name.txt\0"u8, .. "a comment\0"u8];
        var headerCrc = Crc32(fields);
        byte[] header = [.. fields, (byte)headerCrc, (byte)(headerCrc >> 8)];
        var second = TestImages.Gzip("second\n"u8.ToArray());
        var withFields = (byte[])[.. header, .. second[10..]];

        var (output, trailing) = Read([.. first, .. withFields, .. new byte[100]]);

        Assert.AreEqual("first\nsecond\n", Encoding.ASCII.GetString(output));
        Assert.IsNull(trailing, "zero padding is nothing after the stream");

        using var reference = new GZipStream(new MemoryStream([.. first, .. withFields]), CompressionMode.Decompress);
        var expected = new MemoryStream();
        reference.CopyTo(expected);
        CollectionAssert.AreEqual(expected.ToArray(), output);
    }

    [TestMethod]
    public void Keeps_each_members_header_fields_that_hold_anything()
    {
        // No decompressor passes them on, yet they are in the file: they are read as files of their own.
        byte[] fields = [0x1F, 0x8B, 8, 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 0xFF, 6, 0, (byte)'B', (byte)'C', 2, 0, 0x1B, 0, .. "name.txt\0"u8, .. "a comment\0"u8];
        var second = TestImages.Gzip("second\n"u8.ToArray());
        byte[] emptyName = [0x1F, 0x8B, 8, 0x08, 0, 0, 0, 0, 0, 0xFF, 0];
        var third = TestImages.Gzip("third\n"u8.ToArray());
        using var members = new GzipMembers(new MemoryStream([.. TestImages.Gzip("first\n"u8.ToArray()), .. fields, .. second[10..], .. emptyName, .. third[10..]]));
        members.CopyTo(Stream.Null);

        Assert.AreEqual(
            "2 extra field: BC\u0002\0\u001B\0 | 2 name: name.txt | 2 comment: a comment",
            string.Join(" | ", members.HeaderFields.Select(f => $"{f.Member} {f.Field}: {Encoding.ASCII.GetString(f.Data)}")));
        Assert.AreEqual(0, members.HeaderBytesNotRead);
    }

    [TestMethod]
    public void Header_fields_are_kept_up_to_their_bound_and_the_rest_is_counted()
    {
        var gzip = TestImages.GzipWithComment("data\n"u8.ToArray(), Encoding.ASCII.GetBytes(new string('c', GzipMembers.MaxHeaderBytes + 10)));
        using var members = new GzipMembers(new MemoryStream(gzip));
        var output = new MemoryStream();
        members.CopyTo(output);

        Assert.AreEqual("data\n", Encoding.ASCII.GetString(output.ToArray()), "the member is read after its long comment");
        Assert.HasCount(GzipMembers.MaxHeaderBytes, members.HeaderFields.Single().Data);
        Assert.AreEqual(10, members.HeaderBytesNotRead);
    }

    /// <summary>The gzip CRC-32 (the header's CRC-16 is its low half), bit by bit.</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    [TestMethod]
    public void What_follows_zero_padding_starts_at_its_first_byte_that_is_not_zero()
    {
        var (_, trailing) = Read([.. TestImages.Gzip("x"u8.ToArray()), 0, 0, 0, .. "data"u8]);

        Assert.AreEqual("data", Encoding.ASCII.GetString(trailing!));
    }

    [TestMethod]
    public void A_stream_that_is_not_gzip_or_is_cut_cannot_be_read()
    {
        var gzip = TestImages.Gzip(Noise(40_000, 1));
        var deflate64 = (byte[])gzip.Clone();
        deflate64[2] = 9;

        foreach (var (bytes, cause) in new[]
        {
            ("not gzip at all"u8.ToArray(), "does not start with a gzip header"),
            (deflate64, "compression method 9"),
            (gzip[..5], "inside a gzip member's header"),
            (gzip[..20_000], "ends inside a gzip member (truncated)"),
            (gzip[..^3], "trailer (truncated)"),
        })
        {
            var ex = Assert.Throws<InvalidDataException>(() => Read(bytes), cause);
            StringAssert.Contains(ex.Message, cause);
        }
    }

    [TestMethod]
    public void Data_that_holds_the_members_own_size_is_not_taken_for_its_trailer()
    {
        // A stored block carries the data as it is: bytes equal to the member's size (ISIZE) just before the
        // real trailer must not end the member early, or a clean layer would have "data after it".
        const int length = 5000;
        var data = Noise(length, seed: 3);
        BitConverter.GetBytes(length).CopyTo(data, length - 40);
        var gzip = new MemoryStream();
        using (var compressor = new GZipStream(gzip, CompressionLevel.NoCompression, leaveOpen: true))
        {
            compressor.Write(data);
        }

        var (output, trailing) = Read(gzip.ToArray());

        CollectionAssert.AreEqual(data, output);
        Assert.IsNull(trailing, "nothing follows the member");

        // With data after the member, that data is still found (with, at worst, some bytes of the member before it).
        var after = Encoding.ASCII.GetBytes("after the member");
        var (_, withAfter) = Read([.. gzip.ToArray(), .. after]);
        Assert.IsNotNull(withAfter);
        Assert.IsTrue(withAfter.AsSpan().EndsWith(after));
    }
}
