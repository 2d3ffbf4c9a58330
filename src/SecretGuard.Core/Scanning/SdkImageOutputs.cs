using SecretGuard.ImageReading;

namespace SecretGuard.Scanning;

/// <summary>Builds the images to scan from what the SDK's CreateNewImage task reported.</summary>
internal static class SdkImageOutputs
{
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
