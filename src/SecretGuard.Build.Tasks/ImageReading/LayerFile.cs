namespace SecretGuard.ImageReading;

/// <summary>A regular file in a layer. <see cref="Content"/> is only valid during the visit.</summary>
/// <param name="Path">Absolute path in the image, e.g. /app/appsettings.json.</param>
public sealed record LayerFile(string Path, long Size, Stream Content);
