namespace SecretGuard.ImageReading;

/// <summary>
/// The .NET SDK's local layer store: one file per layer named after its digest's hex
/// (<c>&lt;hex&gt;.tar.gz</c> on SDK 9+, plain <c>&lt;hex&gt;</c> on older ones).
/// </summary>
internal sealed class ContentStoreBlobSource(IReadOnlyList<string> directories) : IBlobSource
{
    public string Description => "the .NET SDK content store (" + string.Join(", ", directories) + ")";

    public bool ReadsConcurrently => true; // one file per blob

    /// <summary>Where SDK 8, 9 and 10 keep layers, most likely first.</summary>
    public static IReadOnlyList<string> DefaultDirectories(string? overrideDirectory)
    {
        var dirs = new List<string>();
        if (!string.IsNullOrWhiteSpace(overrideDirectory))
        {
            dirs.Add(overrideDirectory);
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg))
        {
            dirs.Add(Path.Combine(xdg, "dotnet", "Containers", "Content"));
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(home))
        {
            dirs.Add(Path.Combine(home, ".cache", "dotnet", "Containers", "Content"));
        }

        var localAppData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        if (!string.IsNullOrEmpty(localAppData))
        {
            dirs.Add(Path.Combine(localAppData, "dotnet", "Containers", "Content"));
            dirs.Add(Path.Combine(localAppData, "Temp", "Containers", "Content"));
        }

        dirs.Add(Path.Combine(Path.GetTempPath(), "Containers", "Content"));
        return dirs.Distinct(StringComparer.Ordinal).ToList();
    }

    public void ReadBlobs(IReadOnlyCollection<Descriptor> wanted, Action<Descriptor, Stream> visit)
    {
        foreach (var descriptor in wanted)
        {
            var (path, problem) = Locate(descriptor);
            if (path is null)
            {
                throw new ImageReadException(ImageReadFailure.MissingBlob, $"layer {descriptor.Digest} was not found in {Description}{problem}");
            }

            using var stream = OpenRead(path, descriptor);
            visit(descriptor, stream);
        }
    }

    /// <summary>Whether the store holds this blob whole (a file of another size, say an interrupted download, is not it).</summary>
    public bool Contains(Descriptor d) => Locate(d).Path is not null;

    /// <summary>The blob's file, or null and why a file with its name was not taken.</summary>
    private (string? Path, string Problem) Locate(Descriptor d)
    {
        if (!Descriptor.IsValidDigest(d.Digest))
        {
            return (null, $" (its digest '{ImageManifest.Printable(d.Digest)}' is not one a blob can be named by)");
        }

        var problem = "";
        foreach (var dir in directories)
        {
            foreach (var name in new[] { d.Hex + ".tar.gz", d.Hex, d.Hex + ".tar" })
            {
                var candidate = Path.Combine(dir, name);
                if (!File.Exists(candidate))
                {
                    continue;
                }

                long length;
                try
                {
                    length = new FileInfo(candidate).Length;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    continue;
                }

                if (d.Size < 0 || length == d.Size)
                {
                    return (candidate, "");
                }

                problem = $" ({candidate} is {length} bytes, but the image manifest says the layer is {d.Size} bytes)";
            }
        }

        return (null, problem);
    }

    private static FileStream OpenRead(string path, Descriptor d)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImageReadException(ImageReadFailure.MissingBlob, $"layer {d.Digest} at {path} cannot be opened: {ex.Message}", ex);
        }
    }
}
