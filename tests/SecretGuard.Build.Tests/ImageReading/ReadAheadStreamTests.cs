using SecretGuard.ImageReading;

namespace SecretGuard.Tests.ImageReading;

/// <summary>The read-ahead that puts a layer's download and decompression on a second thread.</summary>
[TestClass]
public sealed class ReadAheadStreamTests
{
    /// <summary>An endless source of counting bytes that records how much was read from it, and can fail after some bytes.</summary>
    private sealed class CountingSource(long failAfter = long.MaxValue, long length = long.MaxValue) : ForwardReadStream
    {
        private long _position;

        public long BytesRead => Interlocked.Read(ref _position);

        public override int Read(Span<byte> buffer)
        {
            var position = Interlocked.Read(ref _position);
            if (position >= failAfter)
            {
                throw new InvalidDataException("corrupt deflate block");
            }

            var n = (int)Math.Min(buffer.Length, Math.Min(length, failAfter) - position);
            for (var i = 0; i < n; i++)
            {
                buffer[i] = (byte)(position + i);
            }

            Interlocked.Add(ref _position, n);
            return n;
        }
    }

    [TestMethod]
    public void Gives_every_byte_of_the_source_in_order_whatever_the_read_sizes()
    {
        var random = new Random(3);
        var expected = new byte[300_001];
        random.NextBytes(expected);
        using var stream = new ReadAheadStream(new MemoryStream(expected), chunkBytes: 1000, chunks: 3);

        var actual = new MemoryStream();
        var buffer = new byte[5000];
        int n;
        while ((n = stream.Read(buffer, 0, random.Next(1, buffer.Length))) > 0)
        {
            actual.Write(buffer, 0, n);
        }

        CollectionAssert.AreEqual(expected, actual.ToArray());
        Assert.AreEqual(0, stream.Read(buffer, 0, buffer.Length), "the end stays the end");
    }

    [TestMethod]
    public void A_failure_of_the_source_reaches_the_reader_with_its_type_after_the_data_before_it()
    {
        using var stream = new ReadAheadStream(new CountingSource(failAfter: 10_500), chunkBytes: 1000, chunks: 2);
        var buffer = new byte[700];
        long read = 0;

        var error = Assert.ThrowsExactly<InvalidDataException>(() =>
        {
            while (true)
            {
                read += stream.Read(buffer, 0, buffer.Length);
            }
        });

        Assert.AreEqual(10_500, read);
        Assert.AreEqual("corrupt deflate block", error.Message);
    }

    [TestMethod]
    public void Reads_no_more_than_its_chunks_ahead()
    {
        var source = new CountingSource();
        using var stream = new ReadAheadStream(source, chunkBytes: 4096, chunks: 3);
        stream.ReadExactly(new byte[10]);
        Thread.Sleep(200);

        Assert.IsLessThanOrEqualTo(4 * 4096, source.BytesRead, "the chunk being read, and three ahead at most");
    }

    [TestMethod]
    public void Disposing_before_the_end_stops_the_reading_thread()
    {
        var source = new CountingSource();
        var stream = new ReadAheadStream(source, chunkBytes: 4096, chunks: 2);
        stream.ReadExactly(new byte[5000]);

        stream.Dispose();
        var after = source.BytesRead;
        Thread.Sleep(100);

        Assert.AreEqual(after, source.BytesRead, "nothing reads the source once disposed");
        Assert.ThrowsExactly<ObjectDisposedException>(() => stream.ReadExactly(new byte[1]));
    }

    [TestMethod]
    public void A_corrupt_gzip_layer_is_still_a_clear_error()
    {
        var gzip = new MemoryStream();
        using (var writer = new System.IO.Compression.GZipStream(gzip, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            writer.Write(new byte[200_000]);
        }

        var bytes = gzip.ToArray();
        bytes[bytes.Length / 2] ^= 0xFF;
        var layer = new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", "sha256:" + new string('0', 64), bytes.Length);

        var error = Assert.ThrowsExactly<ImageReadException>(() => LayerReader.ReadFiles(layer, new MemoryStream(bytes), _ => { }));

        Assert.Contains("not a readable gzip-compressed tar stream", error.Message);
    }
}
