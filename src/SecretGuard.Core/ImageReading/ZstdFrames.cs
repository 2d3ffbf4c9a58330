using System.Buffers.Binary;

namespace SecretGuard.ImageReading;

/// <summary>
/// A zstd stream on its way to the decoder, frame by frame, with its skippable frames taken out and kept.
/// A decoder passes over a skippable frame (RFC 8878, 3.1.2) by design, so what one holds ships in the file
/// or the pushed layer and is never read: zstd:chunked keeps its table of contents there, and anyone can keep
/// anything there. The regular frames go on to the decoder as they are (their headers and block headers
/// are followed to find where each ends); the skippable frames' data is kept, up to
/// <see cref="MaxKeptBytes"/> in all, for the caller to read as content of its own.
/// </summary>
/// <remarks>
/// Bytes that are neither a frame's nor the start of one (data after the last frame) go on to the decoder,
/// which fails on them: what follows a zstd stream is an error, as it always was.
/// </remarks>
internal sealed class ZstdFrames(Stream compressed) : ForwardReadStream
{
    /// <summary>The most skippable frame data kept from one stream; past it, the rest is passed over and <see cref="SkippedBytes"/> says how much.</summary>
    public const int MaxKeptBytes = 16 * 1024 * 1024;

    private const uint FrameMagic = 0xFD2FB528;
    private const uint SkippableMagicMask = 0xFFFFFFF0;
    private const uint SkippableMagic = 0x184D2A50;

    private enum State
    {
        FrameStart,
        BlockHeader,
        Block,
        Checksum,
        Verbatim,
    }

    private readonly byte[] _header = new byte[18];
    private readonly List<byte[]> _kept = [];
    private State _state = State.FrameStart;
    private long _remaining;
    private bool _lastBlock;
    private bool _checksum;
    private int _pendingAt;
    private int _pendingEnd;
    private int _keptBytes;

    /// <summary>The data of each skippable frame read so far, in order (within <see cref="MaxKeptBytes"/>).</summary>
    public IReadOnlyList<byte[]> SkippableFrames => _kept;

    /// <summary>Bytes of skippable frames past <see cref="MaxKeptBytes"/>: passed over, not read.</summary>
    public long SkippedBytes { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            // Header bytes read to find where a frame or a block ends go on to the decoder first.
            if (_pendingAt < _pendingEnd)
            {
                var n = Math.Min(buffer.Length, _pendingEnd - _pendingAt);
                _header.AsSpan(_pendingAt, n).CopyTo(buffer);
                _pendingAt += n;
                return n;
            }

            switch (_state)
            {
                case State.FrameStart:
                    if (!StartFrame())
                    {
                        return 0;
                    }

                    continue;
                case State.BlockHeader:
                    if (ReadHeader(3) < 3)
                    {
                        _state = State.Verbatim; // cut short: the decoder says so
                        continue;
                    }

                    var block = (int)(_header[0] | (uint)_header[1] << 8 | (uint)_header[2] << 16);
                    _lastBlock = (block & 1) != 0;
                    var size = block >> 3;
                    _remaining = ((block >> 1) & 3) == 1 ? 1 : size; // an RLE block holds one byte
                    _state = State.Block;
                    continue;
                case State.Block or State.Checksum:
                    if (_remaining == 0)
                    {
                        _state = _state == State.Block && _lastBlock ? (_checksum ? State.Checksum : State.FrameStart)
                            : _state == State.Block ? State.BlockHeader : State.FrameStart;
                        _remaining = _state == State.Checksum ? 4 : 0;
                        continue;
                    }

                    var read = compressed.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]);
                    if (read == 0)
                    {
                        return 0; // cut short: the decoder says so
                    }

                    _remaining -= read;
                    return read;
                default:
                    return compressed.Read(buffer);
            }
        }

        return 0;
    }

    /// <summary>At a frame's start: follows a regular frame's header, keeps a skippable frame; false at the end of the stream.</summary>
    private bool StartFrame()
    {
        var got = ReadHeader(4);
        if (got < 4)
        {
            _state = State.Verbatim;
            return got > 0;
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(_header);
        if ((magic & SkippableMagicMask) == SkippableMagic)
        {
            _pendingEnd = 0; // a skippable frame is not the decoder's
            Span<byte> length = stackalloc byte[4];
            if (compressed.ReadAtLeast(length, 4, throwOnEndOfStream: false) < 4)
            {
                throw new InvalidDataException("it ends inside a zstd skippable frame's header (truncated)");
            }

            Keep(BinaryPrimitives.ReadUInt32LittleEndian(length));
            return true;
        }

        if (magic != FrameMagic)
        {
            _state = State.Verbatim; // not a frame: the decoder fails on it
            return true;
        }

        // The frame header: its descriptor, then the window, dictionary and content size fields it announces.
        if (ReadMore(1) < 1)
        {
            return true;
        }

        var descriptor = _header[4];
        var singleSegment = (descriptor & 0x20) != 0;
        var fieldBytes = (singleSegment ? 0 : 1) + (descriptor & 3) switch { 0 => 0, 1 => 1, 2 => 2, _ => 4 }
            + (descriptor >> 6) switch { 0 => singleSegment ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
        if (ReadMore(fieldBytes) < fieldBytes)
        {
            return true;
        }

        _checksum = (descriptor & 0x04) != 0;
        _state = State.BlockHeader;
        return true;
    }

    /// <summary>Reads a skippable frame's data, keeping what fits within the bound.</summary>
    private void Keep(uint length)
    {
        var keep = (int)Math.Min(length, (uint)(MaxKeptBytes - _keptBytes));
        var data = new byte[keep];
        if (compressed.ReadAtLeast(data, keep, throwOnEndOfStream: false) < keep)
        {
            throw new InvalidDataException("it ends inside a zstd skippable frame (truncated)");
        }

        _kept.Add(data);
        _keptBytes += keep;
        var skip = length - (uint)keep;
        SkippedBytes += skip;
        Span<byte> scratch = stackalloc byte[4096];
        while (skip > 0)
        {
            var n = compressed.Read(scratch[..(int)Math.Min(skip, (uint)scratch.Length)]);
            if (n == 0)
            {
                throw new InvalidDataException("it ends inside a zstd skippable frame (truncated)");
            }

            skip -= (uint)n;
        }
    }

    /// <summary>Reads the first <paramref name="count"/> header bytes (fewer at the end), to be passed on.</summary>
    private int ReadHeader(int count)
    {
        var got = compressed.ReadAtLeast(_header.AsSpan(0, count), count, throwOnEndOfStream: false);
        _pendingAt = 0;
        _pendingEnd = got;
        return got;
    }

    /// <summary>Reads <paramref name="count"/> more header bytes after those pending; returns how many (fewer at the end of the stream: the rest goes on as it is, and the decoder fails on it).</summary>
    private int ReadMore(int count)
    {
        var got = compressed.ReadAtLeast(_header.AsSpan(_pendingEnd, count), count, throwOnEndOfStream: false);
        _pendingEnd += got;
        if (got < count)
        {
            _state = State.Verbatim;
        }

        return got;
    }
}
