using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace SecretGuard.ImageReading;

/// <summary>
/// A gzip stream (RFC 1952) decompressed member by member, as <see cref="GZipStream"/> does, that also
/// says what follows its last member. GZipStream stops without a word at bytes that do not start another
/// member, and having read them into its buffer, cannot say where they began: data put after a gzip
/// member (a .gz, a .tar.gz, a gzip layer) was never read and never reported. Here each member's header
/// is parsed, its deflate data is inflated raw, and its 8-byte trailer is found by its ISIZE in the last
/// chunk the inflater took (chunks are kept small for that), so the bytes after it are known exactly.
/// </summary>
/// <remarks>
/// The trailer is taken at the first place in that chunk where the member's size fits: a false match
/// further up only moves the start of the following data back, over bytes of the trailer, so nothing after
/// the member is ever taken for part of it. The CRC-32 is not checked (GZipStream's zlib did): a layer is
/// checked by its digest and diff_id, and a wrong checksum hides nothing. A stream that ends before a
/// member's trailer is truncated and cannot be read.
/// </remarks>
internal sealed class GzipMembers : ForwardReadStream
{
    /// <summary>The most bytes handed to the inflater at a time: the trailer is looked for in the last such chunk.</summary>
    internal const int ChunkBytes = 16 * 1024;

    /// <summary>The most header field bytes (extra field, name, comment) kept from one stream; past it, <see cref="HeaderBytesNotRead"/> says how many were passed over.</summary>
    internal const int MaxHeaderBytes = 1024 * 1024;

    private const byte Id1 = 0x1F;
    private const byte Id2 = 0x8B;

    private readonly Source _source;
    private DeflateStream? _member;
    private uint _memberBytes;
    private bool _ended;
    private bool _started;
    private int _members;
    private int _headerBytesKept;
    private readonly List<GzipHeaderField> _headerFields = [];

    public GzipMembers(Stream compressed) => _source = new Source(compressed);

    /// <summary>
    /// The members' header fields read so far that hold anything but zeros: the extra field, the original file
    /// name and the comment. No decompressor passes them on, yet they ship in the blob as written ("gzip -l -v"
    /// or "file" shows them), so they are read as files of their own.
    /// </summary>
    public IReadOnlyList<GzipHeaderField> HeaderFields => _headerFields;

    /// <summary>Header field bytes past <see cref="MaxHeaderBytes"/> that were passed over, unread.</summary>
    public long HeaderBytesNotRead { get; private set; }

    /// <summary>Whether <paramref name="head"/> starts with the gzip magic.</summary>
    public static bool LooksLikeGzip(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == Id1 && head[1] == Id2;

    /// <exception cref="InvalidDataException">A member's header is not a gzip header, or the stream ends inside a member (truncated).</exception>
    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (!_ended)
        {
            if (_member is null && !StartMember())
            {
                _ended = true;
                break;
            }

            var n = _member!.Read(buffer);
            if (n > 0)
            {
                _memberBytes += (uint)n;
                return n;
            }

            EndMember();
        }

        return 0;
    }

    /// <summary>
    /// Once the decompressed stream has ended: what follows the last member, from its first byte that is not
    /// zero (zero padding holds nothing), read on from the compressed stream; null when nothing but zeros does.
    /// </summary>
    public Stream? TrailingData()
    {
        if (!_ended)
        {
            throw new InvalidOperationException("the gzip stream was not read to its end");
        }

        var chunk = new byte[ChunkBytes];
        int n;
        while ((n = _source.ReadRaw(chunk)) > 0)
        {
            var data = chunk.AsSpan(0, n).IndexOfAnyExcept((byte)0);
            if (data >= 0)
            {
                _source.GiveBack(chunk.AsSpan(data, n - data));
                return new RawStream(_source);
            }
        }

        return null;
    }

    /// <summary>Reads the next member's header: false when what follows is not a member (the end, or other data).</summary>
    private bool StartMember()
    {
        Span<byte> header = stackalloc byte[10];
        var read = _source.ReadRawExactly(header);
        if (read < 2 || header[0] != Id1 || header[1] != Id2)
        {
            // The end, or data that is not a member: given back whole, for TrailingData. The first member
            // must be one: a stream that is not gzip at all is an error, as it is to GZipStream.
            _source.GiveBack(header[..read]);
            return _started ? false : throw new InvalidDataException("it does not start with a gzip header");
        }

        if (read < header.Length)
        {
            throw new InvalidDataException("it ends inside a gzip member's header (truncated)");
        }

        if (header[2] != 8)
        {
            throw new InvalidDataException($"a gzip member uses compression method {header[2]}, not deflate (8)");
        }

        var flags = header[3];
        if ((flags & 0xE0) != 0)
        {
            throw new InvalidDataException("a gzip member's header sets reserved flags");
        }

        _members++;
        if ((flags & 0x04) != 0)
        {
            Span<byte> length = stackalloc byte[2];
            Expect(length);
            ReadField("extra field", BinaryPrimitives.ReadUInt16LittleEndian(length));
        }

        if ((flags & 0x08) != 0)
        {
            ReadField("name", zeroTerminated: true);
        }

        if ((flags & 0x10) != 0)
        {
            ReadField("comment", zeroTerminated: true);
        }

        if ((flags & 0x02) != 0)
        {
            Skip(2); // the header's CRC-16
        }

        _started = true;
        _memberBytes = 0;
        _source.BeginMember();
        _member = new DeflateStream(_source, CompressionMode.Decompress, leaveOpen: true);
        return true;
    }

    /// <summary>The member's deflate data has ended: finds its trailer, and gives back what the inflater took past it.</summary>
    private void EndMember()
    {
        _member!.Dispose();
        _member = null;
        if (_source.EndedUnderInflater)
        {
            throw new InvalidDataException("it ends inside a gzip member (truncated)");
        }

        // The deflate data ended in the last chunk the inflater took, and the trailer follows it there, or
        // runs up to 8 bytes past it.
        var searched = _source.LastChunkAndNext8(out var chunkLength);
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, _memberBytes);

        // The deflate data takes at least one byte of the chunk, so the trailer ends 9 bytes in at the earliest.
        // Deflate data (a stored block above all) can hold the size's four bytes by chance: the first place
        // that is followed by what may follow a member (nothing, zero padding, another member) is taken, so a
        // clean stream is never read as one with data after it; where none is, the first place, which can
        // only take bytes of the member for data after it, never the other way round.
        var first = -1;
        for (var end = 9; end <= searched.Length; end++)
        {
            if (searched.Slice(end - 4, 4).SequenceEqual(size))
            {
                if (MayFollowMember(searched[end..]))
                {
                    _source.GiveBack(searched[end..]);
                    return;
                }

                first = first < 0 ? end : first;
            }
        }

        if (first >= 0)
        {
            _source.GiveBack(searched[first..]);
            return;
        }

        throw new InvalidDataException(searched.Length < chunkLength + 8
            ? "it ends inside a gzip member's trailer (truncated)"
            : "a gzip member's trailer does not give the size it decompresses to");
    }

    /// <summary>Whether bytes can follow a member's trailer in a clean stream: none, zeros, or the start of another member.</summary>
    private static bool MayFollowMember(ReadOnlySpan<byte> rest) =>
        rest.IsEmpty || !rest.ContainsAnyExcept((byte)0) || rest[0] == Id1 && (rest.Length == 1 || rest[1] == Id2);

    private void Expect(Span<byte> bytes)
    {
        if (_source.ReadRawExactly(bytes) < bytes.Length)
        {
            throw new InvalidDataException("it ends inside a gzip member's header (truncated)");
        }
    }

    private void Skip(int count)
    {
        Span<byte> scratch = stackalloc byte[256];
        while (count > 0)
        {
            var part = scratch[..Math.Min(count, scratch.Length)];
            Expect(part);
            count -= part.Length;
        }
    }

    /// <summary>
    /// Reads one header field, <paramref name="length"/> bytes or up to its terminating zero, keeping what
    /// fits within <see cref="MaxHeaderBytes"/> for the stream and counting the rest as not read.
    /// </summary>
    private void ReadField(string field, int length = 0, bool zeroTerminated = false)
    {
        var kept = new List<byte>();
        Span<byte> scratch = stackalloc byte[256];
        while (zeroTerminated || length > 0)
        {
            // A name or comment byte by byte (the inflater's data starts right after its zero); an extra field in parts.
            var part = scratch[..(zeroTerminated ? 1 : Math.Min(length, scratch.Length))];
            Expect(part);
            length -= part.Length;
            if (zeroTerminated && part[0] == 0)
            {
                break;
            }

            var keep = Math.Min(part.Length, MaxHeaderBytes - _headerBytesKept);
            foreach (var b in part[..keep])
            {
                kept.Add(b);
            }

            _headerBytesKept += keep;
            HeaderBytesNotRead += part.Length - keep;
        }

        if (kept.Exists(b => b != 0))
        {
            _headerFields.Add(new GzipHeaderField(_members, field, [.. kept]));
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _member?.Dispose();
            _source.Release();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// The compressed stream: bytes given back are read again first. What the inflater reads comes in chunks
    /// of at most <see cref="ChunkBytes"/>, the last of which is kept: its member's trailer is there. Its two
    /// buffers are pooled (a layer of compressed documentation holds thousands of .gz files).
    /// </summary>
    private sealed class Source(Stream inner) : ForwardReadStream
    {
        private byte[] _last = ArrayPool<byte>.Shared.Rent(ChunkBytes + 8);
        private int _lastLength;
        private byte[] _givenBack = ArrayPool<byte>.Shared.Rent(ChunkBytes + 8);
        private bool _givenBackPooled = true;
        private int _givenBackAt;
        private int _givenBackEnd;

        /// <summary>Whether the inflater, wanting more of the member, found the end of the stream.</summary>
        public bool EndedUnderInflater { get; private set; }

        public void BeginMember()
        {
            _lastLength = 0;
            EndedUnderInflater = false;
        }

        /// <summary>The last chunk the inflater took and up to 8 bytes read on after it.</summary>
        /// <param name="chunkLength">How long the chunk was.</param>
        public ReadOnlySpan<byte> LastChunkAndNext8(out int chunkLength)
        {
            chunkLength = _lastLength;
            var next = ReadRawExactly(_last.AsSpan(_lastLength, 8));
            return _last.AsSpan(0, _lastLength + next);
        }

        /// <summary>The inflater's reads.</summary>
        public override int Read(Span<byte> buffer)
        {
            var n = ReadRaw(buffer.Length > ChunkBytes ? buffer[..ChunkBytes] : buffer);
            if (n == 0)
            {
                EndedUnderInflater = !buffer.IsEmpty;
                return 0;
            }

            buffer[..n].CopyTo(_last);
            _lastLength = n;
            return n;
        }

        public int ReadRaw(Span<byte> buffer)
        {
            if (_givenBackAt < _givenBackEnd)
            {
                var n = Math.Min(buffer.Length, _givenBackEnd - _givenBackAt);
                _givenBack.AsSpan(_givenBackAt, n).CopyTo(buffer);
                _givenBackAt += n;
                return n;
            }

            return inner.Read(buffer);
        }

        /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns how many bytes were read.</summary>
        public int ReadRawExactly(Span<byte> buffer)
        {
            var total = 0;
            while (total < buffer.Length)
            {
                var n = ReadRaw(buffer[total..]);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            return total;
        }

        /// <summary>Bytes taken but not used, to be read again before the rest (put before any still given back).</summary>
        public void GiveBack(ReadOnlySpan<byte> bytes)
        {
            if (bytes.IsEmpty)
            {
                return;
            }

            var remaining = _givenBackEnd - _givenBackAt;
            if (remaining == 0 && bytes.Length <= _givenBack.Length)
            {
                bytes.CopyTo(_givenBack);
                _givenBackAt = 0;
                _givenBackEnd = bytes.Length;
                return;
            }

            var joined = new byte[bytes.Length + remaining];
            bytes.CopyTo(joined);
            _givenBack.AsSpan(_givenBackAt, remaining).CopyTo(joined.AsSpan(bytes.Length));
            if (_givenBackPooled)
            {
                ArrayPool<byte>.Shared.Return(_givenBack);
                _givenBackPooled = false;
            }

            _givenBack = joined;
            _givenBackAt = 0;
            _givenBackEnd = joined.Length;
        }

        /// <summary>Gives the buffers back to the pool (once, however often it is disposed); bytes still given back are dropped.</summary>
        public void Release()
        {
            if (_last.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_last);
                _last = [];
            }

            if (_givenBackPooled)
            {
                ArrayPool<byte>.Shared.Return(_givenBack);
                _givenBackPooled = false;
            }

            _givenBack = [];
            _givenBackAt = _givenBackEnd = 0;
        }
    }

    /// <summary>The compressed stream from where the gzip data ended, read on as it is.</summary>
    private sealed class RawStream(Source source) : ForwardReadStream
    {
        public override int Read(Span<byte> buffer) => source.ReadRaw(buffer);
    }
}

/// <summary>A gzip member's header field (its extra field, original file name or comment): what it holds, and where.</summary>
/// <param name="Member">The member's number in the stream, from 1.</param>
/// <param name="Field">"extra field", "name" or "comment".</param>
internal sealed record GzipHeaderField(int Member, string Field, byte[] Data);
