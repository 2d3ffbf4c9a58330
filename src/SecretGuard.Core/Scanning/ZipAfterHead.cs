using System.Buffers.Binary;
using SecretGuard.ImageReading;

namespace SecretGuard.Scanning;

/// <summary>
/// A file's bytes on their way to the text scanner, watched for a zip that does not start at the file's
/// first byte: a Spring Boot "fully executable" jar or a makeself-style installer (a script, then a zip),
/// a Python zipapp, a zip appended to a program. Zip readers (Java's, unzip, Python's) find a zip by its
/// end-of-central-directory record at the end of the file, whatever comes before it; so does this. Looking
/// starts at the first local file header ("PK\3\4" and a header that fits): from there the rest of the file
/// is read ahead, up to <see cref="NestedArchives.MaxZipBytes"/>. When it ends with a zip, the text scanner
/// gets the bytes before the zip and after its end record, and the zip is kept for the zip reader
/// (<see cref="Zip"/>); otherwise every byte goes on as it came. Past the bound, the bytes are streamed as
/// before and only the file's last 128 KiB are kept, to tell a zip too large to open (<see cref="ZipTooLarge"/>).
/// </summary>
/// <param name="size">The file's length, or -1 when unknown (decompressed content).</param>
internal sealed class ZipAfterHead(Stream inner, long size) : ForwardReadStream
{
    private const int LocalHeaderBytes = 30;

    /// <summary>The end record (22 bytes and a comment of at most 65,535) and the ZIP64 locator and record before it.</summary>
    private const int TailBytes = 128 * 1024;

    private enum State
    {
        Watching,
        Ahead,
        Streaming,
        Done,
    }

    private State _state;

    /// <summary>File offset of the next byte read from <c>inner</c>.</summary>
    private long _read;

    /// <summary>Bytes taken from <c>inner</c> and not given out yet: a candidate header being checked, or the bytes read ahead.</summary>
    private byte[] _held = [];
    private int _heldAt;
    private int _heldEnd;
    private long _heldOffset;

    /// <summary>After the look-ahead: what of the held bytes goes to the text scanner, in order (an array: a list of them would be one more generic type to compile for every file).</summary>
    private ReadOnlyMemory<byte>[]? _out;
    private int _outIndex;

    private byte[] _tail = [];
    private long _streamed;
    private long _streamedFrom;

    /// <summary>The zip found at the end of the file, once the stream has been read to its end.</summary>
    public FoundZip? Zip { get; private set; }

    /// <summary>Whether the file ends with a zip larger than is opened (its bytes were read as the rest were).</summary>
    public bool ZipTooLarge { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            switch (_state)
            {
                case State.Watching when _heldAt == _heldEnd:
                {
                    var n = inner.Read(buffer);
                    _read += n;
                    if (n == 0)
                    {
                        _state = State.Done;
                        return 0;
                    }

                    var at = CandidateAt(buffer[..n]);
                    if (at < 0)
                    {
                        return n;
                    }

                    // Kept from the candidate on, to be looked at with what follows it.
                    Hold(buffer[at..n], _read - (n - at));
                    if (at > 0)
                    {
                        return at;
                    }

                    break;
                }

                case State.Watching:
                {
                    // The held bytes start with a candidate: enough of it to check it as a local header.
                    FillHeld(LocalHeaderBytes);
                    var held = _held.AsSpan(_heldAt, _heldEnd - _heldAt);
                    if (IsLocalHeader(held))
                    {
                        LookAhead();
                        break;
                    }

                    // Not one: given out up to the next candidate, which is looked at in turn.
                    var next = held.Length > 1 ? CandidateAt(held[1..]) : -1;
                    var give = Math.Min(buffer.Length, next < 0 ? held.Length : next + 1);
                    held[..give].CopyTo(buffer);
                    _heldAt += give;
                    _heldOffset += give;
                    return give;
                }

                case State.Ahead:
                {
                    while (_outIndex < _out!.Length && _out[_outIndex].IsEmpty)
                    {
                        _outIndex++;
                    }

                    if (_outIndex == _out.Length)
                    {
                        _state = State.Done;
                        return 0;
                    }

                    var part = _out[_outIndex];
                    var n = Math.Min(buffer.Length, part.Length);
                    part.Span[..n].CopyTo(buffer);
                    _out[_outIndex] = part[n..];
                    return n;
                }

                case State.Streaming:
                {
                    if (_heldAt < _heldEnd)
                    {
                        var give = Math.Min(buffer.Length, _heldEnd - _heldAt);
                        _held.AsSpan(_heldAt, give).CopyTo(buffer);
                        _heldAt += give;
                        return give;
                    }

                    var n = inner.Read(buffer);
                    if (n == 0)
                    {
                        var tail = TailSpan();
                        ZipTooLarge = ZipEnd.Find(tail, _streamedFrom + _streamed - tail.Length, checkCentralDirectory: false) is not null;
                        _state = State.Done;
                        return 0;
                    }

                    KeepTail(buffer[..n]);
                    return n;
                }

                default:
                    return 0;
            }
        }

        return 0;
    }

    /// <summary>Where in <paramref name="bytes"/> a local header's signature starts, or its first bytes at their end; -1 when nowhere.</summary>
    private static int CandidateAt(ReadOnlySpan<byte> bytes)
    {
        var at = bytes.IndexOf("PK\x03\x04"u8);
        if (at >= 0)
        {
            return at;
        }

        // "P", "PK" or "PK\3" at the very end may be a signature cut by the read.
        for (var k = Math.Min(3, bytes.Length); k > 0; k--)
        {
            if ("PK\x03"u8[..k].SequenceEqual(bytes[^k..]))
            {
                return bytes.Length - k;
            }
        }

        return -1;
    }

    /// <summary>
    /// A local file header that fits: the signature, a version a zip writer puts (up to 6.3), a compression
    /// method zip readers know, and a name. The machine code of a zip library holds the signature as a constant;
    /// the bytes after it are not such a header.
    /// </summary>
    private static bool IsLocalHeader(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < LocalHeaderBytes || !bytes.StartsWith("PK\x03\x04"u8))
        {
            return false;
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]);
        var method = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[26..]);
        return (version & 0xFF) <= 63 && method is 0 or 1 or 6 or 8 or 9 or 12 or 14 or 93 or 95 or 98 or 99 && nameLength > 0;
    }

    private void Hold(ReadOnlySpan<byte> bytes, long offset)
    {
        if (_held.Length < Math.Max(bytes.Length, 64))
        {
            _held = new byte[Math.Max(bytes.Length, 64)];
        }

        bytes.CopyTo(_held);
        _heldAt = 0;
        _heldEnd = bytes.Length;
        _heldOffset = offset;
    }

    /// <summary>Reads on until at least <paramref name="count"/> bytes are held, or the file ends.</summary>
    private void FillHeld(int count)
    {
        if (_heldAt > 0)
        {
            Array.Copy(_held, _heldAt, _held, 0, _heldEnd - _heldAt);
            _heldEnd -= _heldAt;
            _heldAt = 0;
        }

        if (_held.Length < count)
        {
            Array.Resize(ref _held, count);
        }

        while (_heldEnd < count)
        {
            var n = inner.Read(_held, _heldEnd, _held.Length - _heldEnd);
            if (n == 0)
            {
                break;
            }

            _heldEnd += n;
            _read += n;
        }
    }

    /// <summary>The rest of the file is read into memory, if it fits the bound, and looked at for a zip's end.</summary>
    private void LookAhead()
    {
        var left = NestedArchives.MaxZipBytes;
        if (size >= 0 && size - _heldOffset > left)
        {
            StartStreaming(); // known too large: not read ahead at all
            return;
        }

        if (_heldAt > 0)
        {
            Array.Copy(_held, _heldAt, _held, 0, _heldEnd - _heldAt);
            _heldEnd -= _heldAt;
            _heldAt = 0;
        }

        while (true)
        {
            if (_heldEnd == _held.Length)
            {
                if (_heldEnd > left)
                {
                    StartStreaming();
                    return;
                }

                var grown = size >= 0 ? size - _heldOffset + 1 : 2L * _held.Length;
                Array.Resize(ref _held, (int)Math.Min(Math.Max(grown, _held.Length + 1L), left + 1));
            }

            var n = inner.Read(_held, _heldEnd, _held.Length - _heldEnd);
            if (n == 0)
            {
                break;
            }

            _heldEnd += n;
            _read += n;
        }

        var held = _held.AsMemory(0, _heldEnd);
        var end = ZipEnd.Find(held.Span, _heldOffset, checkCentralDirectory: true);
        if (end is null)
        {
            _out = new ReadOnlyMemory<byte>[] { held };
        }
        else
        {
            // The text scanner reads what is not the zip: the head before it, and what follows its end record
            // (the zip's comment, any bytes after it), apart from the head by a line break as runs of a binary are.
            var startInHeld = (int)Math.Max(0, end.Value.ZipStart - _heldOffset);
            _out = end.Value.RecordEnd < _heldEnd
                ? new ReadOnlyMemory<byte>[] { held[..startInHeld], "\n"u8.ToArray(), held[end.Value.RecordEnd..] }
                : new ReadOnlyMemory<byte>[] { held[..startInHeld] };

            Zip = new FoundZip(_held, startInHeld, end.Value.RecordEnd - startInHeld, end.Value.ZipStart < _heldOffset ? _heldOffset - end.Value.ZipStart : 0);
        }

        _state = State.Ahead;
    }

    private void StartStreaming()
    {
        _state = State.Streaming;
        _tail = new byte[TailBytes];
        _streamedFrom = _heldOffset;
        KeepTail(_held.AsSpan(_heldAt, _heldEnd - _heldAt));
    }

    private void KeepTail(ReadOnlySpan<byte> bytes)
    {
        // A ring: position _streamed % TailBytes is where the next byte goes.
        if (bytes.Length >= TailBytes)
        {
            bytes = bytes[^TailBytes..];
        }

        var at = (int)(_streamed % TailBytes);
        var first = Math.Min(bytes.Length, TailBytes - at);
        bytes[..first].CopyTo(_tail.AsSpan(at));
        bytes[first..].CopyTo(_tail);
        _streamed += bytes.Length;
    }

    private byte[] TailSpan()
    {
        var length = (int)Math.Min(_streamed, TailBytes);
        var ordered = new byte[length];
        var start = (int)((_streamed - length) % TailBytes);
        var first = Math.Min(length, TailBytes - start);
        _tail.AsSpan(start, first).CopyTo(ordered);
        _tail.AsSpan(0, length - first).CopyTo(ordered.AsSpan(first));
        return ordered;
    }
}

/// <summary>
/// A zip found after a file's head, in memory: its bytes from its start (<paramref name="Start"/> in
/// <paramref name="Bytes"/>) to the end of its end record. <paramref name="ZerosBefore"/> is set when the
/// zip's offsets count from before the bytes held (from the file's start, as <c>zip -A</c> writes them): the
/// zip reader is then shown that many zero bytes first, where only the head (read as text already) was.
/// </summary>
internal sealed record FoundZip(byte[] Bytes, int Start, int Length, long ZerosBefore)
{
    /// <summary>The zip as its offsets see it, for the zip reader (seekable).</summary>
    public Stream Open() => ZerosBefore == 0 ? new MemoryStream(Bytes, Start, Length, writable: false) : new ZeroPrefixedStream(Bytes, Start, Length, ZerosBefore);

    /// <summary>Zero bytes, then a slice of an array: read only, seekable.</summary>
    private sealed class ZeroPrefixedStream(byte[] bytes, int start, int length, long zeros) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => zeros + length;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (Position >= Length || buffer.IsEmpty)
            {
                return 0;
            }

            int n;
            if (Position < zeros)
            {
                n = (int)Math.Min(buffer.Length, zeros - Position);
                buffer[..n].Clear();
            }
            else
            {
                var at = (int)(Position - zeros);
                n = Math.Min(buffer.Length, length - at);
                bytes.AsSpan(start + at, n).CopyTo(buffer);
            }

            Position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => Length + offset,
        } is var p && p >= 0 ? p : throw new IOException("a seek before the start of the zip");

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>Finds a zip's end-of-central-directory record, as zip readers do: backwards from the end of the file, within a comment's reach.</summary>
internal static class ZipEnd
{
    /// <param name="ZipStart">File offset the zip's own offsets count from.</param>
    /// <param name="RecordEnd">Index in the bytes looked at where the end record and its comment end.</param>
    internal readonly record struct Found(long ZipStart, int RecordEnd);

    private const int RecordBytes = 22;

    /// <summary>The zip ending <paramref name="bytes"/> (which start at file offset <paramref name="offset"/>), or null.</summary>
    /// <param name="checkCentralDirectory">
    /// Whether the central directory lies in <paramref name="bytes"/>, to be checked there (its first header's
    /// signature); otherwise only the end record's own fields must agree.
    /// </param>
    public static Found? Find(ReadOnlySpan<byte> bytes, long offset, bool checkCentralDirectory)
    {
        for (var at = bytes.Length - RecordBytes; at >= 0 && at >= bytes.Length - RecordBytes - 65535; at--)
        {
            if (bytes[at] != (byte)'P' || !bytes[at..].StartsWith("PK\x05\x06"u8))
            {
                continue;
            }

            var record = bytes[at..];
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(record[20..]);
            if (at + RecordBytes + commentLength > bytes.Length)
            {
                continue;
            }

            long entries = BinaryPrimitives.ReadUInt16LittleEndian(record[10..]);
            long directorySize = BinaryPrimitives.ReadUInt32LittleEndian(record[12..]);
            long directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(record[16..]);
            var directoryEnd = at;
            if (entries == 0xFFFF || directorySize == 0xFFFFFFFF || directoryOffset == 0xFFFFFFFF)
            {
                // ZIP64: the locator just before the record, and the ZIP64 record (no extensible data) before it.
                var zip64 = at - 20 - 56;
                if (zip64 < 0 || !bytes[(at - 20)..].StartsWith("PK\x06\x07"u8) || !bytes[zip64..].StartsWith("PK\x06\x06"u8))
                {
                    continue;
                }

                entries = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes[(zip64 + 32)..]);
                directorySize = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes[(zip64 + 40)..]);
                directoryOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes[(zip64 + 48)..]);
                directoryEnd = zip64;
            }

            var directoryStart = directoryEnd - directorySize;
            var zipStart = offset + directoryStart - directoryOffset;
            if (entries <= 0 || directorySize < 46 || directoryOffset < 0 || (directoryStart < 0 && checkCentralDirectory) || zipStart < 0)
            {
                continue;
            }

            if (checkCentralDirectory && !bytes[(int)directoryStart..].StartsWith("PK\x01\x02"u8))
            {
                continue;
            }

            return new Found(zipStart, at + RecordBytes + commentLength);
        }

        return null;
    }
}
