using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SecretGuard.Findings;

namespace SecretGuard.ImageReading;

/// <summary>A file inside a .NET single-file bundle.</summary>
/// <param name="RelativePath">Its path relative to the app, e.g. appsettings.json or App.dll.</param>
/// <param name="Offset">Where its stored (possibly compressed) bytes start in the bundle.</param>
/// <param name="StoredLength">How many bytes of the bundle it takes.</param>
internal sealed record BundledFile(string RelativePath, long Size, Func<Stream> Open, long Offset, long StoredLength);

/// <summary>What a single-file bundle holds, as far as it is read.</summary>
/// <param name="Files">The bundled files within the unpack budget, in the manifest's order.</param>
/// <param name="NotRead">Why the files after them were not read (the unpack budget ran out), or null when every file is listed.</param>
internal sealed record BundleContents(List<BundledFile> Files, string? NotRead);

/// <summary>
/// Reads the manifest of a .NET single-file bundle (PublishSingleFile): the app host, followed by the
/// embedded files, a header and one entry per file. The header's offset is stored in the 8 bytes before
/// a fixed 32-byte bundle signature inside the host. Compressed entries are raw deflate.
/// </summary>
internal static class SingleFileBundle
{
    private static readonly byte[] Signature =
    [
        0x8b, 0x12, 0x02, 0xb9, 0x6a, 0x61, 0x20, 0x38, 0x72, 0x7b, 0x93, 0x02, 0x14, 0xd7, 0xa0, 0x32,
        0x13, 0xf5, 0xb9, 0xe6, 0xef, 0xae, 0x33, 0x18, 0xee, 0x3b, 0x2d, 0xce, 0x24, 0xb3, 0x6a, 0xae,
    ];

    /// <summary>True for an ELF (Linux) or Mach-O (macOS) executable; Windows hosts are PE ("MZ").</summary>
    public static bool LooksLikeNativeExecutable(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && ((head[0] == 0x7F && head[1] == (byte)'E' && head[2] == (byte)'L' && head[3] == (byte)'F')
            || (head[0] == 0xCF && head[1] == 0xFA && head[2] == 0xED && head[3] == 0xFE));

    /// <summary>The bundled files, or null when the image is not a single-file bundle (a plain app host, a native library).</summary>
    /// <exception cref="InvalidDataException">The signature is there but the manifest is broken.</exception>
    public static BundleContents? TryRead(byte[] image) => TryRead(image, image.Length);

    /// <summary>A bundle lists a few hundred files at most (a self-contained app with its whole framework).</summary>
    public const int MaxEntries = 100_000;

    /// <summary>
    /// All of a bundle's entries together are read up to this many times the bundle's size (plus
    /// <see cref="ExpansionAllowance"/>): the runtime's deflate makes a real bundle two to three times larger
    /// unpacked, while entries that overlap, or claim a huge size for a small deflate stream, could make
    /// any number of gigabytes out of one. The entry that runs past it and every one after are not read,
    /// and the bundle says so.
    /// </summary>
    public const int MaxExpansionRatio = 8;

    /// <summary>Lets a small bundle of very compressible files unpack in full.</summary>
    public const long ExpansionAllowance = 64L << 20;

    /// <summary>A bundled file's path is a relative path: longer than any path a file system takes is not one.</summary>
    private const int MaxPathBytes = 32_768;

    /// <summary>
    /// The bundled files of the image held in the first <paramref name="length"/> bytes of <paramref name="image"/>
    /// (a pooled buffer), up to the entry that would unpack past the budget: those before it are returned
    /// with what was not read, so that what they hold is still checked.
    /// </summary>
    /// <exception cref="InvalidDataException">The signature is there but the manifest is broken.</exception>
    public static BundleContents? TryRead(byte[] image, int length)
    {
        var at = image.AsSpan(0, length).IndexOf(Signature);
        if (at < 8)
        {
            return null;
        }

        var headerOffset = BitConverter.ToInt64(image, at - 8);
        if (headerOffset == 0)
        {
            return null; // an app host that is not a bundle keeps the placeholder
        }

        if (headerOffset < 0 || headerOffset >= length)
        {
            throw new InvalidDataException($"the single-file bundle header offset {headerOffset} is outside the file");
        }

        var reader = new ManifestReader(image.AsSpan((int)headerOffset, length - (int)headerOffset));
        var major = reader.UInt32();
        reader.UInt32(); // minor
        var count = reader.Int32();
        reader.String("the bundle id"); // bundle id
        if (major >= 2)
        {
            reader.Skip(8 * 5); // deps.json and runtimeconfig.json locations, flags
        }

        if (count is < 0 or > MaxEntries)
        {
            throw new InvalidDataException($"the single-file bundle claims {count} files");
        }

        var budget = (MaxExpansionRatio * (long)length) + ExpansionAllowance;
        var unpacked = 0L;
        var files = new List<BundledFile>(Math.Min(count, 1024));
        for (var i = 0; i < count; i++)
        {
            long offset, size, compressed, stored;
            string path;
            try
            {
                offset = reader.Int64();
                size = reader.Int64();
                compressed = major >= 6 ? reader.Int64() : 0;
                reader.Skip(1); // file type
                path = reader.String($"the path of entry {i + 1}").Replace('\\', '/');
                stored = compressed > 0 ? compressed : size;

                // Subtractions, not sums: the offsets and sizes are the file's to choose and must not wrap.
                if (offset < 0 || stored < 0 || size < 0 || compressed < 0 || offset > length || stored > length - offset)
                {
                    throw new InvalidDataException($"the single-file bundle entry {Printable(path)} lies outside the file");
                }
            }
            catch (InvalidDataException ex) when (files.Count > 0)
            {
                // The entries before the broken one were read whole: they are checked, and the rest named as not read.
                return new BundleContents(files, Messages.BundleManifestBrokenAt(i + 1, count, ex.Message));
            }

            unpacked += size;
            if (unpacked > budget)
            {
                // The rest of the manifest is not parsed: nothing after this entry is read either way.
                return new BundleContents(files, Messages.BundleEntriesNotRead(budget >> 20, MaxExpansionRatio, ExpansionAllowance >> 20, i + 1, count, Printable(path)));
            }

            var (start, storedLength, unpackedLength) = ((int)offset, (int)stored, size);
            files.Add(new BundledFile(path, size, compressed > 0
                ? () => new BoundedReadStream(new DeflateStream(new MemoryStream(image, start, storedLength, writable: false), CompressionMode.Decompress), unpackedLength)
                : () => new MemoryStream(image, start, storedLength, writable: false), offset, stored));
        }

        return new BundleContents(files, null);
    }

    /// <summary>
    /// The ranges of the bundle's first <paramref name="length"/> bytes that no bundled file's stored bytes
    /// cover (the host, the manifest, any gap), in order: the manifest is the file's to write, so these are
    /// read too, and a bundle cannot hide bytes by claiming them, or by listing no file at all.
    /// </summary>
    public static List<(int Start, int Length)> Uncovered(IReadOnlyList<BundledFile> files, int length)
    {
        var ranges = new List<(int, int)>();
        var at = 0L;
        foreach (var file in files.Where(f => f.StoredLength > 0).OrderBy(f => f.Offset))
        {
            if (file.Offset > at)
            {
                ranges.Add(((int)at, (int)(file.Offset - at)));
            }

            at = Math.Max(at, file.Offset + file.StoredLength);
        }

        if (at < length)
        {
            ranges.Add(((int)at, (int)(length - at)));
        }

        return ranges;
    }

    /// <summary>A path for a message: the file's own characters, but never a control character and never long.</summary>
    private static string Printable(string path)
    {
        var shown = path.Length > 200 ? path[..200] + "…" : path;
        return string.Create(shown.Length, shown, static (chars, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                chars[i] = char.IsControl(text[i]) ? '?' : text[i];
            }
        });
    }

    /// <summary>Little-endian reads of the manifest that never pass its end; a read that would throws <see cref="InvalidDataException"/>.</summary>
    private ref struct ManifestReader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public void Skip(int count) => Take(count);

        /// <summary>BinaryWriter's string: a 7-bit encoded byte length, then UTF-8.</summary>
        public string String(string what)
        {
            var length = 0;
            for (var shift = 0; ; shift += 7)
            {
                if (shift > 28)
                {
                    throw new InvalidDataException($"the single-file bundle manifest has a malformed length for {what}");
                }

                var b = Take(1)[0];
                length |= (b & 0x7F) << shift;
                if (b < 0x80)
                {
                    break;
                }
            }

            if (length < 0 || length > MaxPathBytes || length > _bytes.Length - _position)
            {
                throw new InvalidDataException($"the single-file bundle manifest gives {what} a length of {(uint)length} bytes, past the manifest's end or any path's length");
            }

            return Encoding.UTF8.GetString(Take(length));
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > _bytes.Length - _position)
            {
                throw new InvalidDataException("the single-file bundle manifest is truncated");
            }

            var taken = _bytes.Slice(_position, count);
            _position += count;
            return taken;
        }
    }

    /// <summary>Reads no more than a bundled file's declared size from its deflate stream, however much more the stream would make.</summary>
    private sealed class BoundedReadStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_read >= limit)
            {
                return 0;
            }

            var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, limit - _read)]);
            _read += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
