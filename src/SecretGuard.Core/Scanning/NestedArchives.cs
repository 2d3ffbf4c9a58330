using System.IO.Compression;
using SecretGuard.ImageReading;
using SecretGuard.Findings;

namespace SecretGuard.Scanning;

/// <summary>
/// Archives inside an image (zip, nupkg, jar, tar, tar.gz, .gz): their entries are files the image
/// ships too. Entries are named <c>outer.zip!/inner/path</c>. Depth and size are bounded so a hostile
/// or huge archive cannot exhaust memory: tar and gzip stream; a zip needs its central directory at
/// the end, so it is read into memory only up to <see cref="MaxZipBytes"/>.
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
    }

    /// <summary>The kind's name in messages ("the zip reader could not read it").</summary>
    public static string Describe(Kind kind) => kind switch
    {
        Kind.Zip => "zip",
        Kind.Tar => "tar",
        Kind.TarGzip => "tar.gz",
        Kind.Gzip => "gzip",
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

        // A V7 tar has no magic, so the name still counts; a ustar or GNU tar is known by its header.
        return name.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) || TarStreamReader.LooksLikeUstarHeader(head) ? Kind.Tar : Kind.None;
    }

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
    /// <exception cref="ScanIncompleteException">The archive is corrupt or expands beyond the bound.</exception>
    public static bool ReadEntries(string archivePath, Kind kind, long size, Stream content, Func<Stream, Stream> charging, Action<string, long, Stream, bool> visit)
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
                    using (var gzip = new GZipStream(content, CompressionMode.Decompress, leaveOpen: true))
                    {
                        ReadTar(archivePath, charging(gzip), (path, entrySize, data) => visit(path, entrySize, data, true));
                    }

                    return true;
                case Kind.Gzip:
                    using (var gzip = new GZipStream(content, CompressionMode.Decompress, leaveOpen: true))
                    {
                        // "x.json.gz" holds "x.json"; a gzip named otherwise holds a file of its own name.
                        var name = archivePath[(archivePath.LastIndexOf('/') + 1)..];
                        var inner = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) && name.Length > 3 ? name[..^3] : name;
                        visit(inner, -1, new BoundedStream(charging(gzip), archivePath), true);
                    }

                    return true;
                default:
                    return false;
            }
        }
        // InvalidOperationException and OverflowException: malformed tar headers (found by fuzzing, as in LayerReader).
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException or ArgumentException or NotSupportedException
            or InvalidOperationException or OverflowException)
        {
            throw new ScanIncompleteException(Messages.ArchiveUnreadable(archivePath, ex.Message));
        }
    }

    private static bool ReadZip(string archivePath, long size, Stream content, Action<string, long, Stream> visit)
    {
        if (size > MaxZipBytes)
        {
            return false;
        }

        MemoryStream whole;
        if (size >= 0)
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

        unreadable.ThrowIfAny(archivePath);
        return true;
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

        // Past the end-of-archive marker only zero padding is expected; this reads what remains of the tar's
        // own stream (the file, or what its gzip decompresses, charged as all of it is).
        if (reader.ReadRestFindsData())
        {
            unreadable.Add(null, Messages.DataAfterTarEnd);
        }

        unreadable.ThrowIfAny(archivePath);
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
