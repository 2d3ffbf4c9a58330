using SecretGuard.ImageReading;

namespace SecretGuard.Scanning;

/// <summary>What the project asks the SDK to put into the image, known before the image is built.</summary>
/// <param name="Config">Env, labels and arguments from the project's container items; null when another step checks them.</param>
/// <param name="PublishDirectory">The publish folder, copied as-is under the working directory into the app layer.</param>
/// <param name="BaseImage">The base image to fetch and check, or null when base image checking is off.</param>
/// <param name="StateDirectory">Where to remember which published files were clean (obj/…), or null to read them all.</param>
internal sealed record ContainerInputs(ImageConfig? Config, string? PublishDirectory, BaseImageRequest? BaseImage = null, string? StateDirectory = null);

/// <summary>The base image to check before the build: its name for messages and how to get its images.</summary>
/// <param name="Name">ContainerBaseImage as the project names it.</param>
/// <param name="Resolve">Fetches the image of each target platform (throws <see cref="ImageReadException"/>).</param>
/// <param name="Cache">Layer results from earlier scans, or null for none.</param>
internal sealed record BaseImageRequest(string Name, Func<IReadOnlyList<ImageToScan>> Resolve, LayerResultCache? Cache)
{
    /// <summary>The same check, started while the project compiled: joined instead of reading the image again.</summary>
    public EarlyBaseImageCheck? Early { get; init; }
}
