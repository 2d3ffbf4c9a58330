namespace SecretGuard.ImageReading;

/// <summary>A read-only stream that yields a few buffered bytes, then the rest of another stream.</summary>
internal sealed class PrefixedStream : ForwardReadStream
{
    private readonly Stream _rest;
    private ReadOnlyMemory<byte> _prefix;

    private PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest)
    {
        _prefix = prefix;
        _rest = rest;
    }

    /// <summary>A stream that reads <paramref name="prefix"/>, then the rest of <paramref name="rest"/>: bytes already taken from it, given back.</summary>
    public static Stream Prepend(ReadOnlyMemory<byte> prefix, Stream rest) => prefix.IsEmpty ? rest : new PrefixedStream(prefix, rest);

    /// <summary>Reads up to <paramref name="count"/> leading bytes without needing to seek, and a stream that replays them.</summary>
    public static (Stream Stream, byte[] Head) Peek(Stream source, int count)
    {
        var head = new byte[count];
        var read = source.ReadAtLeast(head, count, throwOnEndOfStream: false);
        var bytes = head[..read];
        return (new PrefixedStream(bytes, source), bytes);
    }

    public override int Read(Span<byte> buffer)
    {
        if (!_prefix.IsEmpty)
        {
            var n = Math.Min(buffer.Length, _prefix.Length);
            _prefix.Span[..n].CopyTo(buffer);
            _prefix = _prefix[n..];
            return n;
        }

        return _rest.Read(buffer);
    }
}
