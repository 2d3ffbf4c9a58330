namespace SecretGuard.ImageReading.Local;

/// <summary>
/// An OCI image layout folder (<c>oci-layout</c>, <c>index.json</c>, <c>blobs/sha256/…</c>), or an
/// extracted docker archive: metadata and layers read as files, several layers at a time.
/// </summary>
internal sealed class LayoutFolder(string directory)
{
    public string Description => "OCI image layout " + directory;

    public ImageLayout Layout() => new(ReadSmall, SizeOf, Description);

    public IBlobSource Blobs(LayoutImage image) => new FolderBlobs(this, image.LayerPaths);

    private string? FullPath(string relative)
    {
        // Paths come from the layout's own metadata: never one that leaves the folder.
        if (relative.Length == 0 || Path.IsPathRooted(relative) || relative.Replace('\\', '/').Split('/').Any(s => s == ".."))
        {
            return null;
        }

        return Path.Combine(directory, relative);
    }

    private byte[]? ReadSmall(string relative)
    {
        var path = FullPath(relative);
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        try
        {
            var info = new FileInfo(path);
            return info.Length > ImageLayout.MaxMetadataBytes ? null : File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImageReadException(ImageReadFailure.Unreadable, $"{relative} of {Description} cannot be read: {ex.Message.TrimEnd('.')}", ex);
        }
    }

    private long? SizeOf(string relative) => FullPath(relative) is { } path && File.Exists(path) ? new FileInfo(path).Length : null;

    private sealed class FolderBlobs(LayoutFolder folder, IReadOnlyDictionary<string, string> paths) : IBlobSource
    {
        public string Description => folder.Description;

        public bool ReadsConcurrently => true; // one file per blob

        public void ReadBlobs(IReadOnlyCollection<Descriptor> wanted, Action<Descriptor, Stream> visit)
        {
            foreach (var descriptor in wanted)
            {
                var path = paths.TryGetValue(descriptor.Digest, out var relative) ? folder.FullPath(relative) : null;
                if (path is null || !File.Exists(path))
                {
                    throw new ImageReadException(ImageReadFailure.MissingBlob, $"layer {descriptor.Digest} is not in {Description}");
                }

                FileStream blob;
                try
                {
                    blob = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new ImageReadException(ImageReadFailure.MissingBlob, $"layer {descriptor.Digest} in {Description} cannot be opened: {ex.Message.TrimEnd('.')}", ex);
                }

                using (blob)
                {
                    visit(descriptor, blob);
                }
            }
        }
    }
}
