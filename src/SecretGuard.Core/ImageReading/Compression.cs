using System.IO.Compression;

namespace SecretGuard.ImageReading;

/// <summary>Recognises a compressed stream by its magic bytes, without needing to seek.</summary>
internal static class Compression
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
        var (stream, head) = PrefixedStream.Peek(source, 4);
        var kind = head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B ? Kind.Gzip
            : head.Length >= 4 && head[0] == 0x28 && head[1] == 0xB5 && head[2] == 0x2F && head[3] == 0xFD ? Kind.Zstd
            : Kind.None;
        return (stream, kind);
    }

    /// <summary>The stream, decompressed if it is gzip.</summary>
    public static Stream OpenMaybeGzip(Stream source)
    {
        var (stream, kind) = Sniff(source);
        return kind == Kind.Gzip ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }
}
