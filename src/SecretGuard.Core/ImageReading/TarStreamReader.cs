using System.Runtime.InteropServices;
using System.Text;

namespace SecretGuard.ImageReading;

/// <summary>
/// One entry of a tar stream. <see cref="Data"/> is valid until the next <see cref="TarStreamReader.Next"/>.
/// </summary>
internal sealed class TarStreamEntry
{
    internal TarStreamEntry(string name, byte typeFlag, long size, Stream data, bool sparse, string? problem, byte[]? records = null, long recordsNotRead = 0)
    {
        Name = name;
        TypeFlag = (char)typeFlag;
        Size = size;
        Data = data;
        IsSparse = sparse;
        Problem = problem;
        Records = records;
        RecordsNotRead = recordsNotRead;
    }

    /// <summary>
    /// The PAX records (extended and global headers) before this entry that nothing here applies, as
    /// "key=value" lines: a comment, extended attributes (SCHILY.xattr.*, which a runtime sets on the
    /// unpacked file), owner names, keys of no standard. They ship in the layer, so they are read; null when
    /// there are none. Paths, sizes, times, ids and link targets are not among them.
    /// </summary>
    public byte[]? Records { get; }

    /// <summary>Bytes of such records past <see cref="TarStreamReader.MaxPaxHeaderBytes"/> before one entry, not kept.</summary>
    public long RecordsNotRead { get; }

    /// <summary>The path as the archive names it (PAX path, GNU long name, or the header's prefix and name).</summary>
    public string Name { get; }

    /// <summary>The header's type flag: '0' or NUL a file, '5' a directory, '2' a symbolic link, ...</summary>
    public char TypeFlag { get; }

    /// <summary>A regular file (also a contiguous file and a GNU sparse file, whose stored data is its content).</summary>
    public bool IsRegularFile => TypeFlag is '0' or '\0' or '7' or 'S';

    /// <summary>
    /// A GNU sparse file. Its <see cref="Data"/> is the stored data segments, one after the other; the holes
    /// between them are not materialised. Holes read as zeros, and zeros hold no credential, so scanning the
    /// stored segments sees everything a reader of the expanded file could find (and never allocates or
    /// reads the terabytes of zeros a hostile sparse map could declare).
    /// </summary>
    public bool IsSparse { get; }

    /// <summary>How many bytes <see cref="Data"/> yields (for a sparse file, the stored segments).</summary>
    public long Size { get; }

    /// <summary>The entry's data, exactly <see cref="Size"/> bytes; empty when <see cref="Problem"/> is set.</summary>
    public Stream Data { get; }

    /// <summary>
    /// Why this entry cannot be read (in words, e.g. "its PAX size is not a number that fits 64 bits"),
    /// or null. Such an entry's data is skipped; the entries after it are read as usual.
    /// </summary>
    public string? Problem { get; }
}

/// <summary>
/// Streams the entries of a tar archive (V7, ustar, GNU with long names and sparse files in all their
/// encodings, PAX extended headers) with bounded memory, whatever the input: a name is held up to
/// <see cref="MaxNameBytes"/> and an extended header up to <see cref="MaxPaxHeaderBytes"/>; past that the
/// entry is reported with a <see cref="TarStreamEntry.Problem"/> and skipped by its size, never held.
/// No number read from the input sizes an allocation. Every entry's data is exactly its size, and
/// whatever the caller leaves unread is skipped before the next header. A problem with one entry (a size
/// that does not fit, a name too long) is reported on that entry and the stream goes on; where the
/// position of the next header cannot be known, <see cref="Next"/> throws <see cref="InvalidDataException"/>
/// with the cause in words. Fields nothing here needs (times, owners, modes) are not parsed at all, so
/// they cannot fail an entry.
/// </summary>
internal sealed class TarStreamReader
{
    /// <summary>The longest name (GNU long name, PAX path, GNU.sparse.name) held in memory.</summary>
    public const int MaxNameBytes = 64 * 1024;

    /// <summary>The largest PAX extended header held in memory.</summary>
    public const int MaxPaxHeaderBytes = 1024 * 1024;

    private const int BlockSize = 512;
    private const int MaxShownName = 200;

    private readonly Stream _stream;
    private readonly byte[] _header = new byte[BlockSize];
    private byte[] _meta = new byte[BlockSize];
    private byte[]? _scratch;
    private long _position;
    private long _remaining;
    private long _padding;
    private long _size;
    private string _name = "";
    private bool _nameIsEntry;
    private byte _metadataType;
    private int _generation;
    private bool _ended;

    /// <param name="stream">The tar stream, read forward only; the caller keeps ownership.</param>
    public TarStreamReader(Stream stream) => _stream = stream;

    /// <summary>How many bytes of the stream have been consumed.</summary>
    public long Position => _position;

    /// <summary>PAX records (as <see cref="TarStreamEntry.Records"/>) after the last entry, once <see cref="Next"/> returned null.</summary>
    public byte[]? RecordsAfterLastEntry { get; private set; }

    /// <summary>Bytes of records after the last entry that were not kept.</summary>
    public long RecordsAfterLastEntryNotRead { get; private set; }

    /// <summary>
    /// The next entry (metadata entries such as PAX headers and GNU long names are applied, not returned),
    /// or null at the end of the archive (an all-zero block, or the end of the stream at a header boundary).
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is not a tar archive, is cut short, or the next header cannot be found.</exception>
    public TarStreamEntry? Next()
    {
        if (_ended)
        {
            return null;
        }

        Skip(_remaining + _padding);
        _remaining = _padding = 0;
        _generation++;

        var pending = new Pending();
        while (true)
        {
            var headerAt = _position;
            var read = _stream.ReadAtLeast(_header, BlockSize, throwOnEndOfStream: false);
            _position += read;
            if (read == 0)
            {
                return End(ref pending);
            }

            if (read < BlockSize)
            {
                throw new InvalidDataException($"the tar stream ends inside the header at byte {headerAt}");
            }

            if (_header.AsSpan().IndexOfAnyExcept((byte)0) < 0)
            {
                return End(ref pending);
            }

            if (!ChecksumMatches(_header))
            {
                throw new InvalidDataException($"the block at byte {headerAt} is not a tar header (its checksum does not match): the stream is corrupt or not a tar archive");
            }

            var header = _header.AsSpan();
            var typeFlag = header[156];
            var isGnu = header.Slice(257, 8).SequenceEqual("ustar  \0"u8);
            var sizeFits = TryParseNumber(header.Slice(124, 12), out var headerSize);

            switch (typeFlag)
            {
                case (byte)'x' or (byte)'X' or (byte)'g' or (byte)'L' or (byte)'K':
                    if (!sizeFits)
                    {
                        throw new InvalidDataException($"the size field of the {Describe(typeFlag)} at byte {headerAt} is not a number that fits 64 bits, so where the next entry starts is unknown");
                    }

                    ReadMetadata(typeFlag, headerSize, ref pending);
                    continue;
            }

            return Entry(typeFlag, isGnu, sizeFits, headerSize, ref pending, headerAt);
        }
    }

    private TarStreamEntry? End(ref Pending pending)
    {
        _ended = true;
        RecordsAfterLastEntry = pending.KeptRecords();
        RecordsAfterLastEntryNotRead = pending.RecordsNotRead;
        return null;
    }

    /// <summary>
    /// Reads what follows the end of the archive (once <see cref="Next"/> returned null) to the end of the
    /// stream, and tells whether any of it is not zero: entries a reader that stops at the end-of-archive
    /// marker never sees. Writers pad a tar with zeros to a record, which is not data.
    /// </summary>
    public bool ReadRestFindsData()
    {
        var buffer = _scratch ??= new byte[16 * 1024];
        var found = false;
        int n;
        while ((n = _stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            _position += n;
            found = found || buffer.AsSpan(0, n).IndexOfAnyExcept((byte)0) >= 0;
        }

        return found;
    }

    private TarStreamEntry Entry(byte typeFlag, bool isGnu, bool sizeFits, long headerSize, ref Pending pending, long headerAt)
    {
        var regular = typeFlag is (byte)'0' or 0 or (byte)'7';
        var sparse = typeFlag == (byte)'S' || (regular && (pending.SparseOld || pending.Sparse10));

        // The header's own name (the prefix field counts in ustar and PAX, not in GNU's layout) is decoded only when nothing replaces it.
        var name = (sparse ? pending.SparseName : null) ?? pending.PaxPath ?? pending.LongName
            ?? HeaderName(_header, isUstar: !isGnu && _header.AsSpan(257, 5).SequenceEqual("ustar"u8));
        var problem = pending.Problem;

        long size;
        if (pending.PaxSize >= 0)
        {
            size = pending.PaxSize;
        }
        else if (sizeFits)
        {
            size = headerSize;
        }
        else
        {
            throw new InvalidDataException($"entry {Shown(name)} (header at byte {headerAt}): its size field is not a number that fits 64 bits{(problem is null ? "" : " and " + problem)}, so where the next entry starts is unknown");
        }

        _name = name;
        _nameIsEntry = true;
        _size = size;
        _remaining = size;
        _padding = (BlockSize - (size % BlockSize)) % BlockSize;

        // Old GNU sparse files list their segments in the header and, past four, in extension blocks
        // before the data; the data itself is the stored segments (the size field counts only them).
        if (typeFlag == (byte)'S' && isGnu && _header[482] != 0)
        {
            SkipSparseExtensionBlocks();
        }

        if (problem is null && regular && pending.Sparse10)
        {
            // GNU sparse 1.0 puts its map, in decimal text padded to a block, at the start of the data.
            problem = SkipSparseMap();
        }

        if (problem is not null)
        {
            return new TarStreamEntry(name, typeFlag, _size, Stream.Null, sparse, problem, pending.KeptRecords(), pending.RecordsNotRead);
        }

        return new TarStreamEntry(name, typeFlag, _remaining, new EntryData(this, _generation), sparse, null, pending.KeptRecords(), pending.RecordsNotRead);
    }

    private void ReadMetadata(byte typeFlag, long size, ref Pending pending)
    {
        var padding = (BlockSize - (size % BlockSize)) % BlockSize;
        var cap = typeFlag is (byte)'L' or (byte)'K' ? MaxNameBytes : MaxPaxHeaderBytes;
        if (size > cap)
        {
            if (typeFlag == (byte)'g')
            {
                // A global header only sets defaults for the entries after it: too large to read, it is
                // counted as records not read (the entry after it is read as usual).
                pending.RecordsNotRead += size;
            }
            else
            {
                pending.Problem ??= typeFlag switch
                {
                    (byte)'L' => $"its GNU long name is over {MaxNameBytes / 1024} KiB ({size} bytes)",
                    (byte)'K' => $"its GNU long link name is over {MaxNameBytes / 1024} KiB ({size} bytes)",
                    _ => $"its PAX extended header is over {MaxPaxHeaderBytes / 1024 / 1024} MiB ({size} bytes)",
                };
            }

            _metadataType = typeFlag;
            _nameIsEntry = false;
            _size = size;
            Skip(size + padding);
            return;
        }

        var length = (int)size;
        if (_meta.Length < length)
        {
            _meta = new byte[Math.Min(MaxPaxHeaderBytes, Math.Max(length, _meta.Length * 2))];
        }

        var read = _stream.ReadAtLeast(_meta.AsSpan(0, length), length, throwOnEndOfStream: false);
        _position += read;
        if (read < length)
        {
            throw new InvalidDataException($"the tar stream ends inside the {Describe(typeFlag)} at byte {_position - read} ({read} of {length} bytes)");
        }

        _metadataType = typeFlag;
        _nameIsEntry = false;
        _size = size;
        Skip(padding);
        var data = _meta.AsSpan(0, length);
        switch (typeFlag)
        {
            case (byte)'L':
                pending.LongName = CString(data);
                break;
            case (byte)'K':
                break; // link targets are not needed to scan anything
            case (byte)'g':
                // A global header's defaults (times, owners) are nothing to apply here; its records are kept
                // to be read, and when it is malformed, its bytes as they are.
                var global = new Pending();
                ParsePax(data, ref global);
                pending.Keep(global.Problem is null ? global.KeptRecords() : data);
                pending.RecordsNotRead += global.RecordsNotRead;
                break;
            default:
                ParsePax(data, ref pending);
                break;
        }
    }

    private static void ParsePax(ReadOnlySpan<byte> data, ref Pending pending)
    {
        var at = 0;
        while (at < data.Length)
        {
            if (data[at] == 0 && data[at..].IndexOfAnyExcept((byte)0) < 0)
            {
                return; // padding some writers leave
            }

            // "<length> <key>=<value>\n", the length counting the whole record.
            long length = 0;
            var digits = at;
            while (digits < data.Length && digits - at < 8 && data[digits] is >= (byte)'0' and <= (byte)'9')
            {
                length = (length * 10) + (data[digits] - '0');
                digits++;
            }

            if (digits == at || digits >= data.Length || data[digits] != (byte)' ' || length < digits - at + 3 || length > data.Length - at || data[at + (int)length - 1] != (byte)'\n')
            {
                pending.Problem ??= $"its PAX extended header is malformed at byte {at}";
                return;
            }

            var record = data[(digits + 1)..(at + (int)length - 1)];
            var equals = record.IndexOf((byte)'=');
            if (equals <= 0)
            {
                pending.Problem ??= $"its PAX extended header is malformed at byte {at}";
                return;
            }

            Apply(record[..equals], record[(equals + 1)..], ref pending);
            at += (int)length;
        }
    }

    private static void Apply(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, ref Pending pending)
    {
        if (!value.IsEmpty && !IsStructural(key))
        {
            pending.Keep(key);
            pending.Keep("="u8);
            pending.Keep(value);
            pending.Keep("\n"u8);
        }

        if (key.SequenceEqual("path"u8))
        {
            if (value.Length > MaxNameBytes)
            {
                pending.Problem ??= $"its PAX path is over {MaxNameBytes / 1024} KiB ({value.Length} bytes)";
            }
            else
            {
                pending.PaxPath = value.IsEmpty ? null : Encoding.UTF8.GetString(value);
            }
        }
        else if (key.SequenceEqual("size"u8))
        {
            if (value.IsEmpty)
            {
                pending.PaxSize = -1;
            }
            else if (TryParseDecimal(value, out var size))
            {
                pending.PaxSize = size;
            }
            else
            {
                pending.PaxSize = -1;
                pending.Problem ??= $"its PAX size \"{Printable(value)}\" is not a number that fits 64 bits";
            }
        }
        else if (key.StartsWith("GNU.sparse."u8))
        {
            var field = key["GNU.sparse."u8.Length..];
            if (field.SequenceEqual("name"u8))
            {
                if (value.Length > MaxNameBytes)
                {
                    pending.Problem ??= $"its GNU sparse name is over {MaxNameBytes / 1024} KiB ({value.Length} bytes)";
                }
                else
                {
                    pending.SparseName = value.IsEmpty ? null : Encoding.UTF8.GetString(value);
                }
            }
            else if (field.SequenceEqual("major"u8))
            {
                pending.Sparse10 = value.SequenceEqual("1"u8);
            }
            else if (field.SequenceEqual("map"u8) || field.SequenceEqual("numblocks"u8) || field.SequenceEqual("offset"u8))
            {
                pending.SparseOld = true; // formats 0.0 and 0.1: the map is in the header, the data is the stored segments
            }
        }
    }

    /// <summary>
    /// Keys whose values are a path, a number, a time or a link target: applied (path, size, sparse map) or
    /// of no use to anyone looking for a credential; every other record is kept to be read.
    /// </summary>
    private static bool IsStructural(ReadOnlySpan<byte> key) =>
        key.SequenceEqual("path"u8) || key.SequenceEqual("size"u8) || key.SequenceEqual("mtime"u8) || key.SequenceEqual("atime"u8)
        || key.SequenceEqual("ctime"u8) || key.SequenceEqual("uid"u8) || key.SequenceEqual("gid"u8) || key.SequenceEqual("linkpath"u8)
        || key.SequenceEqual("charset"u8) || key.SequenceEqual("hdrcharset"u8) || key.StartsWith("GNU.sparse."u8);

    /// <summary>Reads the old GNU sparse extension blocks (each a further 21 segments) that follow the header.</summary>
    private void SkipSparseExtensionBlocks()
    {
        var block = _scratch ??= new byte[16 * 1024];
        do
        {
            var read = _stream.ReadAtLeast(block.AsSpan(0, BlockSize), BlockSize, throwOnEndOfStream: false);
            _position += read;
            if (read < BlockSize)
            {
                throw new InvalidDataException($"the tar stream ends inside the sparse map of {Reading}");
            }
        }
        while (block[504] != 0);
    }

    /// <summary>
    /// Consumes a GNU sparse 1.0 map (a count, then an offset and a length per segment, each a decimal
    /// line, padded to a block) from the start of the data. Only its length matters: the stored segments
    /// that follow are scanned as they are.
    /// </summary>
    private string? SkipSparseMap()
    {
        var block = _scratch ??= new byte[16 * 1024];
        long numbersLeft = -1;
        long value = 0;
        var digits = 0;
        while (true)
        {
            if (_remaining < BlockSize)
            {
                return "its GNU sparse map runs past the entry's data";
            }

            ReadData(block.AsSpan(0, BlockSize), exactly: true);
            foreach (var b in block.AsSpan(0, BlockSize))
            {
                if (b == (byte)'\n' && digits > 0)
                {
                    numbersLeft = numbersLeft < 0 ? (value > long.MaxValue / 2 ? -2 : value * 2) : numbersLeft - 1;
                    if (numbersLeft == -2)
                    {
                        return "its GNU sparse map declares more segments than fit 64 bits";
                    }

                    if (numbersLeft == 0)
                    {
                        return null; // the rest of this block is padding
                    }

                    value = 0;
                    digits = 0;
                }
                else if (b is >= (byte)'0' and <= (byte)'9' && digits < 19)
                {
                    value = (value * 10) + (b - '0');
                    digits++;
                }
                else
                {
                    return "its GNU sparse map is malformed";
                }
            }
        }
    }

    /// <summary>Reads the current entry's data (for <see cref="EntryData"/>).</summary>
    private int ReadData(Span<byte> buffer, bool exactly = false)
    {
        if (_remaining == 0 || buffer.IsEmpty)
        {
            return 0;
        }

        var want = buffer.Length <= _remaining ? buffer : buffer[..(int)_remaining];
        var n = exactly ? _stream.ReadAtLeast(want, want.Length, throwOnEndOfStream: false) : _stream.Read(want);
        _position += n;
        _remaining -= n;
        if (n == 0 || (exactly && n < want.Length))
        {
            throw CutShort();
        }

        return n;
    }

    private void Skip(long count)
    {
        if (count <= 0)
        {
            return;
        }

        var buffer = _scratch ??= new byte[16 * 1024];
        while (count > 0)
        {
            var n = _stream.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (n == 0)
            {
                throw CutShort();
            }

            _position += n;
            count -= n;
        }
    }

    /// <summary>What is being read, for messages: "entry NAME" or "the PAX extended header".</summary>
    private string Reading => _nameIsEntry ? "entry " + Shown(_name) : "the " + Describe(_metadataType);

    private InvalidDataException CutShort() =>
        new($"the tar stream ends inside {Reading} (at byte {_position}, {_size} bytes declared)");

    /// <summary>Whether a block is a ustar or GNU tar header: its magic at offset 257, and a checksum that matches.</summary>
    public static bool LooksLikeUstarHeader(ReadOnlySpan<byte> block) =>
        block.Length >= BlockSize && block.Slice(257, 5).SequenceEqual("ustar"u8) && ChecksumMatches(block[..BlockSize]);

    private static bool ChecksumMatches(ReadOnlySpan<byte> header)
    {
        if (!TryParseNumber(header.Slice(148, 8), out var expected))
        {
            return false;
        }

        // The sum of the header's bytes with the checksum field as spaces; some old writers summed signed bytes.
        // Eight bytes at a time: the pairs of bytes of each word summed in four 16-bit lanes (64 words of
        // at most 2 x 255 each fit a lane), then the lanes added up.
        ulong lanes = 0;
        foreach (var word in MemoryMarshal.Cast<byte, ulong>(header))
        {
            lanes += (word & 0x00FF00FF00FF00FFUL) + ((word >> 8) & 0x00FF00FF00FF00FFUL);
        }

        var unsigned = (long)((lanes & 0xFFFF) + ((lanes >> 16) & 0xFFFF) + ((lanes >> 32) & 0xFFFF) + (lanes >> 48)) + (8 * ' ');
        foreach (var b in header.Slice(148, 8))
        {
            unsigned -= b;
        }

        if (expected == unsigned)
        {
            return true;
        }

        var signed = 8 * ' ';
        for (var i = 0; i < BlockSize; i++)
        {
            signed += i is >= 148 and < 156 ? 0 : (sbyte)header[i];
        }

        return expected == signed;
    }

    private static string HeaderName(ReadOnlySpan<byte> header, bool isUstar)
    {
        var name = CString(header[..100]);
        if (isUstar && header[345] != 0)
        {
            return CString(header.Slice(345, 155)) + "/" + name;
        }

        return name;
    }

    private static string CString(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }

    /// <summary>A numeric header field: octal text (spaces or NULs around it), or GNU base-256 (high bit set).</summary>
    internal static bool TryParseNumber(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        if ((field[0] & 0x80) != 0)
        {
            if (field[0] == 0xFF)
            {
                return false; // negative: no size or checksum is
            }

            value = field[0] & 0x7F;
            foreach (var b in field[1..])
            {
                if (value > (long.MaxValue >> 8))
                {
                    return false;
                }

                value = (value << 8) | b;
            }

            return true;
        }

        var at = 0;
        while (at < field.Length && field[at] is (byte)' ' or 0)
        {
            at++;
        }

        for (; at < field.Length && field[at] is >= (byte)'0' and <= (byte)'7'; at++)
        {
            if (value > (long.MaxValue >> 3))
            {
                return false;
            }

            value = (value << 3) | (long)(field[at] - '0');
        }

        for (; at < field.Length; at++)
        {
            if (field[at] is not ((byte)' ' or 0))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseDecimal(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 19)
        {
            return false;
        }

        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            var digit = b - '0';
            if (value > (long.MaxValue - digit) / 10)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    private static string Printable(ReadOnlySpan<byte> value)
    {
        var shown = value.Length > 24 ? value[..24] : value;
        var text = new StringBuilder(shown.Length + 3);
        foreach (var b in shown)
        {
            text.Append(b is >= 0x20 and < 0x7F and not (byte)'"' ? (char)b : '?');
        }

        return value.Length > 24 ? text.Append("...").ToString() : text.ToString();
    }

    private static string Shown(string name) => name.Length <= MaxShownName ? name : name[..MaxShownName] + "...";

    private static string Describe(byte typeFlag) => typeFlag switch
    {
        (byte)'x' or (byte)'X' => "PAX extended header",
        (byte)'g' => "PAX global header",
        (byte)'L' => "GNU long name",
        (byte)'K' => "GNU long link name",
        _ => $"entry of type '{(char)typeFlag}'",
    };

    /// <summary>What the metadata entries before an entry said about it.</summary>
    private struct Pending
    {
        public Pending()
        {
        }

        public string? PaxPath;
        public string? LongName;
        public string? SparseName;
        public long PaxSize = -1;
        public bool SparseOld;
        public bool Sparse10;
        public string? Problem;
        public byte[]? Records;
        public int RecordsLength;
        public long RecordsNotRead;

        /// <summary>Appends to the records kept for the entry, up to <see cref="MaxPaxHeaderBytes"/>; the rest is counted.</summary>
        public void Keep(ReadOnlySpan<byte> bytes)
        {
            var room = Math.Min(bytes.Length, MaxPaxHeaderBytes - RecordsLength);
            RecordsNotRead += bytes.Length - room;
            if (room <= 0)
            {
                return;
            }

            if (Records is null || Records.Length < RecordsLength + room)
            {
                Array.Resize(ref Records, Math.Min(MaxPaxHeaderBytes, Math.Max(RecordsLength + room, (Records?.Length ?? 64) * 2)));
            }

            bytes[..room].CopyTo(Records.AsSpan(RecordsLength));
            RecordsLength += room;
        }

        public readonly byte[]? KeptRecords() => RecordsLength == 0 ? null : Records.AsSpan(0, RecordsLength).ToArray();
    }

    /// <summary>The data of the current entry; reads nothing once the reader has moved on.</summary>
    private sealed class EntryData(TarStreamReader reader, int generation) : ForwardReadStream
    {
        public override int Read(Span<byte> buffer) => reader._generation == generation ? reader.ReadData(buffer) : 0;
    }
}
