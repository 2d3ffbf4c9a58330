using SecretGuard.ImageReading;

namespace SecretGuard.Scanning;

/// <summary>One image the SDK reported (an item of @(GeneratedContainer), or its single-image properties).</summary>
/// <param name="Digest">The manifest's digest; empty when not reported.</param>
internal sealed record GeneratedImage(string Digest, string Manifest, string Configuration);

/// <summary>Builds the images to scan from what the SDK's CreateNewImage task reported.</summary>
internal static class SdkImageOutputs
{
    /// <summary>
    /// The images to verify: each reported image once (the SDK reports the same image twice, inside
    /// _PublishSingleContainer and through CallTarget), or the single-image outputs when no item was
    /// reported. Throws <see cref="ImageReadException"/> when a manifest or config cannot be read.
    /// </summary>
    public static IReadOnlyList<ImageToScan> Collect(IEnumerable<GeneratedImage> reported, GeneratedImage? single, string? archivePath, string? contentStoreDirectory)
    {
        var stores = ContentStoreBlobSource.DefaultDirectories(contentStoreDirectory);
        var images = new List<ImageToScan>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in reported)
        {
            if (image.Manifest.Length == 0 || image.Configuration.Length == 0 || !seen.Add(image.Digest.Length == 0 ? image.Manifest : image.Digest))
            {
                continue;
            }

            images.Add(Create(image.Digest, image.Manifest, image.Configuration, archivePath, stores));
        }

        if (images.Count == 0 && single is { Manifest.Length: > 0, Configuration.Length: > 0 })
        {
            images.Add(Create("image", single.Manifest, single.Configuration, archivePath, stores));
        }

        return images;
    }

    /// <param name="manifestJson">GeneratedContainerManifest.</param>
    /// <param name="configJson">GeneratedContainerConfiguration.</param>
    /// <param name="archivePath">GeneratedArchiveOutputPath, when the image went to a tarball.</param>
    /// <param name="contentStoreDirectories">Where the SDK keeps layers it built or pulled.</param>
    public static ImageToScan Create(string name, string manifestJson, string configJson, string? archivePath, IReadOnlyList<string> contentStoreDirectories)
    {
        var manifest = ImageManifest.Parse(manifestJson);
        var config = ImageConfig.Parse(configJson);
        IBlobSource blobs = !string.IsNullOrEmpty(archivePath) && File.Exists(archivePath)
            ? new ArchiveBlobSource(archivePath)
            : new ContentStoreBlobSource(contentStoreDirectories);
        return new ImageToScan(name, manifest, config, blobs);
    }
}
