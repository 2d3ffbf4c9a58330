namespace SecretGuard.ImageReading.Local;

/// <summary>
/// An image tarball read as a stream, never extracted to disk: what <c>docker save</c>, <c>podman save</c>
/// and the .NET SDK's ContainerArchiveOutputPath write (docker archive or OCI layout, plain or gzip). A
/// stream can be read only forward and its metadata may come after the layers (docker writes
/// <c>manifest.json</c> last), so it is read twice: once for the metadata (small JSON files, kept in
/// memory within a bound; the layers are skipped), once for the layers the images use.
/// </summary>
/// <param name="open">Opens the tarball from its start; called once per pass.</param>
internal sealed class ImageArchive(Func<Stream> open, string description)
{
    /// <summary>All the metadata of one archive together (configs, manifests, indexes) stays under this.</summary>
    private const long MaxMetadataTotal = 64 << 20;

    private Dictionary<string, byte[]>? _small;
    private Dictionary<string, long>? _sizes;

    public string Description => description;

    public static ImageArchive OfFile(string path) => new(() =>
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImageReadException(ImageReadFailure.Unreadable, $"the image archive {path} cannot be opened: {ex.Message.TrimEnd('.')}", ex);
        }
    }, "image archive " + path);

    public ImageLayout Layout()
    {
        ReadMetadata();
        return new ImageLayout(p => _small!.GetValueOrDefault(Normalize(p)), p => _sizes!.TryGetValue(Normalize(p), out var s) ? s : null, description);
    }

    public IBlobSource Blobs(LayoutImage image) => new ArchiveBlobs(this, image.LayerPaths);

    private void ReadMetadata()
    {
        if (_small is not null)
        {
            return;
        }

        var small = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        long kept = 0;
        Entries(entry =>
        {
            var path = Normalize(entry.Name);
            sizes[path] = entry.Size;
            if (entry.Problem is not null || entry.Size is <= 0 or > ImageLayout.MaxMetadataBytes)
            {
                return true;
            }

            // Metadata is JSON; a layer starts otherwise (gzip, zstd or tar bytes) and is skipped unread.
            var first = entry.Data.ReadByte();
            if (first is not ('{' or '['))
            {
                return true;
            }

            kept += entry.Size;
            if (kept > MaxMetadataTotal)
            {
                throw new ImageReadException(ImageReadFailure.Unreadable, $"{description} holds more than {MaxMetadataTotal >> 20} MB of JSON files: not an image archive");
            }

            var bytes = new byte[entry.Size];
            bytes[0] = (byte)first;
            entry.Data.ReadExactly(bytes.AsSpan(1));
            small[path] = bytes;
            return true;
        }, visitorReadsTheArchive: true);
        _small = small;
        _sizes = sizes;
    }

    /// <summary>
    /// Visits each regular entry in one pass until the visitor returns false, with the hardened tar reader
    /// the layers use (bounded names and headers, never past an entry's size); an entry it cannot read
    /// comes with its problem.
    /// </summary>
    /// <param name="visitorReadsTheArchive">
    /// The visitor only reads the entry's bytes, so a failure inside it is the archive's (a corrupt gzip
    /// stream shows when an entry is read); otherwise it is the visitor's own and passes through.
    /// </param>
    private void Entries(Func<TarStreamEntry, bool> visit, bool visitorReadsTheArchive = false)
    {
        var visiting = false;
        using var file = open();
        try
        {
            using var archive = Compression.OpenMaybeGzip(file);
            var reader = new TarStreamReader(archive);
            while (reader.Next() is { } entry)
            {
                if (ArchiveBlobSource.ClimbsOut(entry.Name))
                {
                    throw new ImageReadException(ImageReadFailure.Unreadable, $"{description} holds an entry named '{ImageManifest.Printable(entry.Name)}', which climbs out of the archive with '..': not an image archive");
                }

                if (entry.Problem is null && !entry.IsRegularFile)
                {
                    continue;
                }

                visiting = true;
                var goOn = visit(entry);
                visiting = false;
                if (!goOn)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when ((!visiting || visitorReadsTheArchive) && ex is InvalidDataException or EndOfStreamException or FormatException or ArgumentException or OverflowException or IOException or NotSupportedException)
        {
            throw new ImageReadException(ImageReadFailure.Unreadable, $"{description} is not a readable tar file: {ex.Message.TrimEnd('.')}", ex);
        }
    }

    internal static string Normalize(string path)
    {
        var p = path.Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[2..];
        }

        return p.TrimStart('/');
    }

    private sealed class ArchiveBlobs(ImageArchive archive, IReadOnlyDictionary<string, string> paths) : IBlobSource
    {
        public string Description => archive.Description;

        public void ReadBlobs(IReadOnlyCollection<Descriptor> wanted, Action<Descriptor, Stream> visit)
        {
            var byPath = new Dictionary<string, Descriptor>(StringComparer.Ordinal);
            foreach (var d in wanted)
            {
                if (!paths.TryGetValue(d.Digest, out var path))
                {
                    throw new ImageReadException(ImageReadFailure.MissingBlob, $"layer {d.Digest} is not in {Description}");
                }

                byPath[Normalize(path)] = d;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            archive.Entries(entry =>
            {
                var path = Normalize(entry.Name);
                if (byPath.TryGetValue(path, out var descriptor) && seen.Add(path))
                {
                    if (entry.Problem is { } problem)
                    {
                        throw new ImageReadException(ImageReadFailure.CorruptLayer, $"layer {descriptor.Digest} in {Description} cannot be read: {problem}");
                    }

                    visit(descriptor, entry.Data);
                }

                return seen.Count < byPath.Count;
            });
            if (byPath.Keys.FirstOrDefault(p => !seen.Contains(p)) is { } missing)
            {
                throw new ImageReadException(ImageReadFailure.MissingBlob, $"layer {byPath[missing].Digest} is not in {Description}");
            }
        }
    }
}
