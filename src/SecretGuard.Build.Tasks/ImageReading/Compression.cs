using System.IO.Compression;

namespace SecretGuard.ImageReading;

/// <summary>Recognises a compressed stream by its magic bytes, without needing to seek.</summary>
public static class Compression
{
    public enum Kind
    {
        None,
        Gzip,
        Zstd,
    }

    /// <summary>Reads the leading bytes and returns a stream that replays them, plus what they say.</summary>
    public static (Stream Stream, Kind Kind) Sniff(Stream source)
    {
        var head = new byte[4];
        var read = 0;
        while (read < head.Length)
        {
            var n = source.Read(head, read, head.Length - read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        var kind = read >= 2 && head[0] == 0x1F && head[1] == 0x8B ? Kind.Gzip
            : read >= 4 && head[0] == 0x28 && head[1] == 0xB5 && head[2] == 0x2F && head[3] == 0xFD ? Kind.Zstd
            : Kind.None;
        return (new PrefixedStream(head.AsMemory(0, read), source), kind);
    }

    /// <summary>The stream, decompressed if it is gzip.</summary>
    public static Stream OpenMaybeGzip(Stream source)
    {
        var (stream, kind) = Sniff(source);
        return kind == Kind.Gzip ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }

    /// <summary>A read-only stream that yields a few buffered bytes, then the rest of another stream.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : ForwardReadStream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override int Read(Span<byte> buffer)
        {
            if (!_prefix.IsEmpty)
            {
                var n = Math.Min(buffer.Length, _prefix.Length);
                _prefix.Span[..n].CopyTo(buffer);
                _prefix = _prefix[n..];
                return n;
            }

            return rest.Read(buffer);
        }
    }
}
