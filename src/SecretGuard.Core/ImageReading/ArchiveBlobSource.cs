namespace SecretGuard.ImageReading;

/// <summary>
/// Blobs inside an image tarball, read in one forward pass with nothing extracted to disk.
/// Understands the OCI image layout (<c>blobs/sha256/&lt;hex&gt;</c>, what the SDK writes for
/// ContainerArchiveOutputPath) and the docker-archive layout (<c>&lt;hex&gt;/layer.tar</c>).
/// The archive itself may be plain or gzip-compressed.
/// </summary>
internal sealed class ArchiveBlobSource(string archivePath) : IBlobSource
{
    public string Description => "archive " + archivePath;

    public void ReadBlobs(IReadOnlyCollection<Descriptor> wanted, Action<Descriptor, Stream> visit)
    {
        var byHex = wanted.GroupBy(d => d.Hex, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        Stream file;
        try
        {
            file = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImageReadException(ImageReadFailure.Unreadable, $"the image archive {archivePath} cannot be opened: {ex.Message}", ex);
        }

        // Failures of the visitor (the layer's own reader) are its own, not the archive's.
        var visiting = false;
        using (file)
        {
            try
            {
                using var archive = Compression.OpenMaybeGzip(file);
                // The same hardened reader as the layers': bounded names and headers, never past an entry's size.
                var reader = new TarStreamReader(archive);
                while (reader.Next() is { } entry)
                {
                    if (ClimbsOut(entry.Name))
                    {
                        throw new ImageReadException(ImageReadFailure.Unreadable, $"the image archive {archivePath} holds an entry named '{ImageManifest.Printable(entry.Name)}', which climbs out of the archive with '..': not an archive the .NET SDK writes");
                    }

                    if (HexOf(entry.Name) is not { } hex || !byHex.TryGetValue(hex, out var descriptor) || !seen.Add(hex))
                    {
                        continue;
                    }

                    // Never read past the descriptor's size: an entry of another size is not this blob.
                    if (entry.Problem is { } problem)
                    {
                        throw new ImageReadException(ImageReadFailure.CorruptLayer, $"layer {descriptor.Digest} in {Description} cannot be read: {problem}");
                    }

                    if (descriptor.Size >= 0 && entry.Size != descriptor.Size)
                    {
                        throw new ImageReadException(ImageReadFailure.CorruptLayer, $"layer {descriptor.Digest} in {Description} is {entry.Size} bytes, but the image manifest says it is {descriptor.Size} bytes");
                    }

                    // An empty entry has no data stream; it is still the blob (and fails its digest check if it should not be empty).
                    visiting = true;
                    visit(descriptor, entry.Data);
                    visiting = false;
                    if (seen.Count == byHex.Count)
                    {
                        break;
                    }
                }
            }
            catch (Exception ex) when (!visiting && ex is InvalidDataException or EndOfStreamException or FormatException or ArgumentException or OverflowException or IOException or NotSupportedException)
            {
                throw new ImageReadException(ImageReadFailure.Unreadable, $"the image archive {archivePath} is not a readable tar file: {ex.Message}", ex);
            }
        }

        var missing = byHex.Keys.Where(h => !seen.Contains(h)).ToList();
        if (missing.Count > 0)
        {
            throw new ImageReadException(ImageReadFailure.MissingBlob, $"layer sha256:{missing[0]} is not in {Description}");
        }
    }

    /// <summary>Whether an entry name has a ".." segment (nothing is extracted, but no real image archive has one).</summary>
    internal static bool ClimbsOut(string entryName) =>
        entryName.Replace('\\', '/').Split('/').Any(segment => segment == "..");

    /// <summary>The digest hex an archive entry stands for, if its name is a blob path.</summary>
    internal static string? HexOf(string entryName)
    {
        var name = entryName.TrimStart('.', '/');
        string? candidate = null;
        if (name.StartsWith("blobs/sha256/", StringComparison.Ordinal))
        {
            candidate = name["blobs/sha256/".Length..];
        }
        else if (name.EndsWith("/layer.tar", StringComparison.Ordinal))
        {
            candidate = name[..^"/layer.tar".Length];
        }
        else if (name.EndsWith(".tar.gz", StringComparison.Ordinal))
        {
            candidate = name[..^".tar.gz".Length];
        }
        else if (name.EndsWith(".tar", StringComparison.Ordinal))
        {
            candidate = name[..^".tar".Length];
        }

        return candidate is { Length: 64 } && candidate.All(char.IsAsciiHexDigit) ? candidate : null;
    }
}
