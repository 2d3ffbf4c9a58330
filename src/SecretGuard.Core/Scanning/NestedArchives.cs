using System.IO.Compression;
using SecretGuard.ImageReading;
using SecretGuard.Findings;

namespace SecretGuard.Scanning;

/// <summary>
/// Archives inside an image (zip, nupkg, jar, tar, tar.gz, .gz, .zst, a Debian package): their entries
/// are files the image ships too. Entries are named <c>outer.zip!/inner/path</c>. Depth and size are
/// bounded so a hostile or huge archive cannot exhaust memory: tar, gzip, zstd and ar stream; a zip needs
/// its central directory at the end, so it is read into memory only up to <see cref="MaxZipBytes"/>.
/// </summary>
internal static class NestedArchives
{
    /// <summary>Archives inside archives inside a layer are opened down to this depth.</summary>
    public const int MaxDepth = 3;

    /// <summary>A zip larger than this is not opened (it is listed in the scan summary instead).</summary>
    public const long MaxZipBytes = 64L << 20;

    /// <summary>What one archive may expand to, all entries together, before the scan stops trusting it.</summary>
    public const long MaxExpandedBytes = 1L << 30;

    /// <summary>The separator between an archive's path and an entry's path inside it.</summary>
    public const string Separator = "!/";

    public enum Kind
    {
        None,
        Zip,
        Tar,
        TarGzip,
        Gzip,
        TarZstd,
        Zstd,

        /// <summary>A Debian package: an ar archive of debian-binary, control.tar.* and data.tar.*.</summary>
        Deb,
    }

    /// <summary>The kind's name in messages ("the zip reader could not read it").</summary>
    public static string Describe(Kind kind) => kind switch
    {
        Kind.Zip => "zip",
        Kind.Tar => "tar",
        Kind.TarGzip => "tar.gz",
        Kind.Gzip => "gzip",
        Kind.TarZstd => "tar.zst",
        Kind.Zstd => "zstd",
        Kind.Deb => "Debian package",
        _ => "archive",
    };

    /// <summary>How many first bytes <see cref="Recognise"/> needs: a whole tar header, whose magic is at offset 257.</summary>
    public const int HeadBytes = 512;

    /// <summary>
    /// What a file is, from its first bytes (<see cref="HeadBytes"/> of them) and its name: the content
    /// decides, whatever the name, so a gzip or tar named like anything else is opened all the same.
    /// </summary>
    public static Kind Recognise(string path, ReadOnlySpan<byte> head)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4)
        {
            return Kind.Zip;
        }

        if (head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B)
        {
            if (name.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase))
            {
                return Kind.TarGzip;
            }

            // Any other gzip (deflate, method 8, the only one there is; a .gz whatever its method) is one
            // file, scanned like any file once decompressed: a tar or zip inside it is then known by its
            // own magic, within the same depth and expansion bounds, so nothing needs to look ahead into it.
            return name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || (head.Length >= 3 && head[2] == 8) ? Kind.Gzip : Kind.None;
        }

        if (IsZstd(head))
        {
            return name.EndsWith(".tar.zst", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tzst", StringComparison.OrdinalIgnoreCase) ? Kind.TarZstd : Kind.Zstd;
        }

        if (head.StartsWith("!<arch>\ndebian-binary"u8))
        {
            return Kind.Deb;
        }

        // A V7 tar has no magic, so the name still counts; a ustar or GNU tar is known by its header.
        return name.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) || TarStreamReader.LooksLikeUstarHeader(head) ? Kind.Tar : Kind.None;
    }

    /// <summary>A zstd frame, or a skippable frame (0x184D2A50 to 0x184D2A5F, little-endian) that zstd passes over before one.</summary>
    private static bool IsZstd(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && ((head[0] == 0x28 && head[1] == 0xB5 && head[2] == 0x2F && head[3] == 0xFD) || ((head[0] & 0xF0) == 0x50 && head[1] == 0x2A && head[2] == 0x4D && head[3] == 0x18));

    /// <summary>
    /// Calls <paramref name="visit"/> with each file of the archive: its path inside, its size (-1 when
    /// unknown), its content, and whether that content is charged already (read from a stream that
    /// <paramref name="charging"/> wraps). Returns false when the archive is too large to open here.
    /// </summary>
    /// <param name="charging">
    /// Wraps a gzip stream to charge every byte it decompresses. A tar.gz's decompressed stream is charged
    /// whole, not entry by entry: the tar reader also skips data through it (what a directory, a link, an
    /// oversized or global header declares), and skipping costs its decompression all the same.
    /// </param>
    /// <param name="trailing">
    /// Called with what follows a gzip stream's last member, from its first byte that is not zero: no gzip
    /// reader reads it (gzip itself calls it "trailing garbage" and ignores it), so it is handed back to be
    /// read as a file of its own, at the archive's place. Not charged: these are the file's own bytes.
    /// </param>
    /// <exception cref="ScanIncompleteException">The archive is corrupt or expands beyond the bound.</exception>
    public static bool ReadEntries(string archivePath, Kind kind, long size, Stream content, Func<Stream, Stream> charging, Action<string, long, Stream, bool> visit, Action<Stream>? trailing = null)
    {
        try
        {
            switch (kind)
            {
                case Kind.Zip:
                    return ReadZip(archivePath, size, content, (path, entrySize, data) => visit(path, entrySize, data, false));
                case Kind.Tar:
                    ReadTar(archivePath, content, (path, entrySize, data) => visit(path, entrySize, data, false));
                    return true;
                case Kind.TarGzip:
                    using (var gzip = new GzipMembers(content))
                    {
                        // The tar is read to the end of its stream (ReadTar reads past its end marker), so the gzip data is too.
                        ReadTar(archivePath, charging(gzip), (path, entrySize, data) => visit(path, entrySize, data, true));
                        HandBack(gzip, trailing);
                        VisitHeaderFields(archivePath, gzip, visit);
                    }

                    return true;
                case Kind.Gzip:
                    using (var gzip = new GzipMembers(content))
                    {
                        var inner = new BoundedStream(charging(gzip), archivePath);
                        visit(InnerName(archivePath, ".gz"), -1, inner, true);

                        // What the file's reader left unread is decompressed all the same (charged): the gzip data must end before what follows it can be known.
                        inner.CopyTo(Stream.Null);
                        HandBack(gzip, trailing);
                        VisitHeaderFields(archivePath, gzip, visit);
                    }

                    return true;
                case Kind.TarZstd:
                    using (var frames = new ZstdFrames(content))
                    using (var zstd = new ZstdSharp.DecompressionStream(frames, leaveOpen: true))
                    {
                        // The tar is read to the end of its stream (ReadTar reads past its end marker), so every frame is seen.
                        ReadTar(archivePath, charging(zstd), (path, entrySize, data) => visit(path, entrySize, data, true));
                        VisitSkippableFrames(archivePath, frames, visit);
                    }

                    return true;
                case Kind.Zstd:
                    // zstd reads its frames to the end of the file: data after them is an error of its own, not passed over.
                    using (var frames = new ZstdFrames(content))
                    using (var zstd = new ZstdSharp.DecompressionStream(frames, leaveOpen: true))
                    {
                        var name = archivePath[(archivePath.LastIndexOf('/') + 1)..];
                        var inner = new BoundedStream(charging(zstd), archivePath);
                        visit(InnerName(archivePath, name.EndsWith(".zstd", StringComparison.OrdinalIgnoreCase) ? ".zstd" : ".zst"), -1, inner, true);
                        inner.CopyTo(Stream.Null); // to the end of the stream, so every skippable frame is seen
                        VisitSkippableFrames(archivePath, frames, visit);
                    }

                    return true;
                case Kind.Deb:
                    ReadAr(archivePath, content, (path, entrySize, data) => visit(path, entrySize, data, false));
                    return true;
                default:
                    return false;
            }
        }
        // InvalidOperationException and OverflowException: malformed tar headers (found by fuzzing, as in LayerReader).
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException or ArgumentException or NotSupportedException
            or InvalidOperationException or OverflowException or ZstdSharp.ZstdException)
        {
            throw new ScanIncompleteException(Messages.ArchiveUnreadable(archivePath, ex.Message));
        }
    }

    /// <summary>
    /// What a zstd file's skippable frames hold (a decoder passes over them), each read as an entry of its own;
    /// past what is kept of them, the file was not fully read.
    /// </summary>
    private static void VisitSkippableFrames(string archivePath, ZstdFrames frames, Action<string, long, Stream, bool> visit)
    {
        for (var i = 0; i < frames.SkippableFrames.Count; i++)
        {
            var data = frames.SkippableFrames[i];
            if (data.AsSpan().ContainsAnyExcept((byte)0))
            {
                visit(Messages.ZstdSkippableFrame(i + 1), data.Length, new MemoryStream(data, writable: false), false);
            }
        }

        if (frames.SkippedBytes > 0)
        {
            throw new ScanIncompleteException(Messages.ArchiveUnreadable(archivePath, Messages.ZstdSkippableNotRead(frames.SkippedBytes)));
        }
    }

    /// <summary>
    /// What a gzip file's member headers hold besides the compressed data (an extra field, the original file
    /// name, a comment): no decompressor passes it on, yet it is in the file; each read as an entry of its own.
    /// </summary>
    private static void VisitHeaderFields(string archivePath, GzipMembers gzip, Action<string, long, Stream, bool> visit)
    {
        foreach (var field in gzip.HeaderFields)
        {
            visit(Messages.GzipHeaderField(field.Member, field.Field), field.Data.Length, new MemoryStream(field.Data, writable: false), false);
        }

        if (gzip.HeaderBytesNotRead > 0)
        {
            throw new ScanIncompleteException(Messages.ArchiveUnreadable(archivePath, Messages.GzipHeaderNotRead(gzip.HeaderBytesNotRead)));
        }
    }

    /// <summary>"x.json.gz" holds "x.json"; a compressed file named otherwise holds a file of its own name.</summary>
    private static string InnerName(string archivePath, string extension)
    {
        var name = archivePath[(archivePath.LastIndexOf('/') + 1)..];
        return name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) && name.Length > extension.Length ? name[..^extension.Length] : name;
    }

    private static void HandBack(GzipMembers gzip, Action<Stream>? trailing)
    {
        if (gzip.TrailingData() is { } rest)
        {
            if (trailing is null)
            {
                throw new InvalidDataException(Messages.DataAfterGzip);
            }

            trailing(rest);
        }
    }

    /// <summary>
    /// An ar archive's members, as a Debian package holds them (System V/GNU names, with the GNU table of
    /// long names; BSD names stored after the header). The symbol table of a static library is no file.
    /// </summary>
    private static void ReadAr(string archivePath, Stream content, Action<string, long, Stream> visit)
    {
        var header = new byte[60];
        content.ReadExactly(header.AsSpan(0, 8)); // "!<arch>\n", known already
        string? longNames = null;
        long expanded = 0;
        while (content.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) is var read && read > 0)
        {
            if (read < header.Length || header[58] != (byte)'`' || header[59] != (byte)'\n')
            {
                throw new InvalidDataException("an ar member's header is cut short or malformed");
            }

            var field = System.Text.Encoding.ASCII.GetString(header, 48, 10).Trim();
            if (!long.TryParse(field, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size))
            {
                throw new InvalidDataException("an ar member's size is not a number");
            }

            var name = System.Text.Encoding.UTF8.GetString(header, 0, 16).TrimEnd(' ');
            var data = new ArMember(content, size);
            if (name.StartsWith("#1/", StringComparison.Ordinal) && int.TryParse(name[3..], out var nameLength) && nameLength >= 0 && nameLength <= size && nameLength <= 4096)
            {
                var bytes = new byte[nameLength];
                data.ReadExactly(bytes);
                name = System.Text.Encoding.UTF8.GetString(bytes).TrimEnd('\0');
            }
            else if (name == "//")
            {
                longNames = size <= 1 << 20 ? new StreamReader(data).ReadToEnd() : throw new InvalidDataException("an ar archive's table of long names is over 1 MB");
                name = "";
            }
            else if (name is "/" or "/SYM64/")
            {
                name = ""; // the symbol table of a static library
            }
            else if (name.StartsWith('/') && longNames is not null && int.TryParse(name[1..], out var at) && at >= 0 && at < longNames.Length)
            {
                var end = longNames.IndexOf('\n', at);
                name = longNames[at..(end < 0 ? longNames.Length : end)].TrimEnd('/');
            }
            else
            {
                name = name.TrimEnd('/');
            }

            if (name.Length > 0 && data.Remaining > 0)
            {
                expanded += data.Remaining;
                if (expanded > MaxExpandedBytes)
                {
                    throw new ScanIncompleteException($"{archivePath} expands to more than {MaxExpandedBytes >> 30} GB");
                }

                visit(name.Replace('\\', '/').TrimStart('/'), data.Remaining, data);
            }

            data.SkipRest();
            if (size % 2 == 1 && content.ReadAtLeast(header.AsSpan(0, 1), 1, throwOnEndOfStream: false) == 0)
            {
                break; // the padding byte of the last member, left out
            }
        }
    }

    /// <summary>One member's data: no more than its size is read, and what its reader leaves is skipped.</summary>
    private sealed class ArMember(Stream content, long size) : ForwardReadStream
    {
        public long Remaining { get; private set; } = size;

        public override int Read(Span<byte> buffer)
        {
            if (Remaining == 0 || buffer.IsEmpty)
            {
                return 0;
            }

            var n = content.Read(buffer.Length > Remaining ? buffer[..(int)Remaining] : buffer);
            if (n == 0)
            {
                throw new EndOfStreamException("an ar member is cut short");
            }

            Remaining -= n;
            return n;
        }

        public void SkipRest() => CopyTo(Stream.Null);
    }

    private static bool ReadZip(string archivePath, long size, Stream content, Action<string, long, Stream> visit)
    {
        if (size > MaxZipBytes)
        {
            return false;
        }

        Stream whole;
        if (content.CanSeek)
        {
            whole = content; // a zip found after a file's head: in memory already, within the bound
        }
        else if (size >= 0)
        {
            var bytes = new byte[size];
            content.ReadExactly(bytes);
            whole = new MemoryStream(bytes, writable: false);
        }
        else if (ReadUpTo(content, MaxZipBytes) is { } read)
        {
            whole = read;
        }
        else
        {
            return false; // as a zip of known size over the limit
        }

        using var zip = new ZipArchive(whole, ZipArchiveMode.Read);
        long expanded = 0;
        var unreadable = new UnreadableEntries();
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.EndsWith('/'))
            {
                // Java's ZipFile reads such an entry's data all the same; it is not scanned here, so it is reported.
                if (entry.Length > 0)
                {
                    unreadable.Add(entry.FullName.Replace('\\', '/').TrimStart('/'), Messages.ZipDirectoryDataNotRead(entry.Length));
                }

                continue;
            }

            expanded += entry.Length;
            if (expanded > MaxExpandedBytes)
            {
                throw new ScanIncompleteException($"{archivePath} expands to more than {MaxExpandedBytes >> 30} GB");
            }

            var path = entry.FullName.Replace('\\', '/').TrimStart('/');
            Stream data;
            try
            {
                data = entry.Open();
            }
            catch (Exception ex) when (ex is InvalidDataException or NotSupportedException)
            {
                // Encrypted, an unsupported compression method, a damaged local header: the central directory
                // still says where the other entries are, so they are read; this one is reported once they are.
                unreadable.Add(path, ex.Message);
                continue;
            }

            using (data)
            {
                visit(path, entry.Length, data);
            }
        }

        // Comments (the archive's, each entry's) are in the file, shown by any zip tool, extracted by none:
        // read as entries of their own. The central directory is in memory, so they are bounded by it.
        foreach (var entry in zip.Entries)
        {
            VisitComment(entry.FullName.Replace('\\', '/').TrimStart('/') + " (zip comment)", entry.Comment, visit);
        }

        VisitComment("(zip comment)", zip.Comment, visit);
        unreadable.ThrowIfAny(archivePath);
        return true;
    }

    private static void VisitComment(string place, string comment, Action<string, long, Stream> visit)
    {
        if (!string.IsNullOrWhiteSpace(comment))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(comment);
            visit(place, bytes.Length, new MemoryStream(bytes, writable: false));
        }
    }

    /// <summary>
    /// A stream of unknown length (a .gz file's content) read whole, or null once it runs past
    /// <paramref name="max"/> bytes: never more than one byte past it is read.
    /// </summary>
    private static MemoryStream? ReadUpTo(Stream content, long max)
    {
        var buffer = new byte[(int)Math.Min(max + 1, 1L << 20)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > max)
                {
                    return null;
                }

                Array.Resize(ref buffer, (int)Math.Min(max + 1, 2L * buffer.Length));
            }

            var read = content.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                return new MemoryStream(buffer, 0, length, writable: false);
            }

            length += read;
        }
    }

    private static void ReadTar(string archivePath, Stream content, Action<string, long, Stream> visit)
    {
        var reader = new TarStreamReader(content);
        long expanded = 0;
        var unreadable = new UnreadableEntries();
        while (reader.Next() is { } entry)
        {
            VisitRecords(LayerReader.NormalizePath(entry.Name), entry.Records, entry.RecordsNotRead, visit, unreadable);
            if (entry.Problem is { } problem)
            {
                // The rest of the archive is still read; what could not be is reported once it is done.
                unreadable.Add(LayerReader.NormalizePath(entry.Name).TrimStart('/'), problem);
            }
            else if (entry.IsRegularFile && entry.Size > 0)
            {
                expanded += entry.Size;
                if (expanded > MaxExpandedBytes)
                {
                    throw new ScanIncompleteException($"{archivePath} expands to more than {MaxExpandedBytes >> 30} GB");
                }

                visit(LayerReader.NormalizePath(entry.Name).TrimStart('/'), entry.Size, entry.Data);
            }
            else if (entry.Size > 0)
            {
                // As in a layer: directories, links and devices have no data, and what a writer puts there
                // (or in an entry of a type no reader knows) is not read, so it is reported.
                unreadable.Add(LayerReader.NormalizePath(entry.Name).TrimStart('/'), Messages.TarEntryDataNotRead(entry.TypeFlag, entry.Size));
            }
        }

        VisitRecords("/", reader.RecordsAfterLastEntry, reader.RecordsAfterLastEntryNotRead, visit, unreadable);

        // Past the end-of-archive marker only zero padding is expected; this reads what remains of the tar's
        // own stream (the file, or what its gzip decompresses, charged as all of it is).
        if (reader.ReadRestFindsData())
        {
            unreadable.Add(null, Messages.DataAfterTarEnd);
        }

        unreadable.ThrowIfAny(archivePath);
    }

    /// <summary>A tar entry's PAX records that nothing applies (a comment, extended attributes), read as an entry of their own beside it.</summary>
    private static void VisitRecords(string path, byte[]? records, long notRead, Action<string, long, Stream> visit, UnreadableEntries unreadable)
    {
        if (records is not null)
        {
            visit(Messages.PaxRecords(path).TrimStart('/'), records.Length, new MemoryStream(records, writable: false));
        }

        if (notRead > 0)
        {
            unreadable.Add(path == "/" ? null : path.TrimStart('/'), Messages.PaxRecordsNotRead(notRead));
        }
    }

    /// <summary>The entries of an archive that could not be read while the others were: the first one named, the rest counted.</summary>
    private sealed class UnreadableEntries
    {
        private string? _first;
        private int _count;

        /// <param name="path">The entry, or null for what is no entry (data after a tar's end).</param>
        public void Add(string? path, string problem)
        {
            _first ??= path is null ? problem.TrimEnd('.') : $"{path}: {problem.TrimEnd('.')}";
            _count++;
        }

        /// <exception cref="ScanIncompleteException">Some entry could not be read.</exception>
        public void ThrowIfAny(string archivePath)
        {
            if (_first is not null)
            {
                throw new ScanIncompleteException(Messages.ArchiveEntriesUnreadable(archivePath, _count, _first));
            }
        }
    }

    /// <summary>A decompressing stream that stops a gzip bomb at <see cref="MaxExpandedBytes"/>.</summary>
    private sealed class BoundedStream(Stream inner, string archivePath) : ForwardReadStream
    {
        private long _read;

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _read += n;
            return _read > MaxExpandedBytes ? throw new ScanIncompleteException($"{archivePath} expands to more than {MaxExpandedBytes >> 30} GB") : n;
        }
    }
}
