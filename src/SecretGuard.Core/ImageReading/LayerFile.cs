namespace SecretGuard.ImageReading;

/// <summary>A regular file in a layer. <see cref="Content"/> is only valid during the visit.</summary>
/// <param name="Path">Absolute path in the image, e.g. /app/appsettings.json.</param>
internal sealed record LayerFile(string Path, long Size, Stream Content);

/// <summary>
/// What a layer deletes from the layers below it. The deleted content is still in those layers'
/// blobs, so anyone who pulls the image can recover it.
/// </summary>
/// <param name="Path">The deleted file or directory; with <paramref name="Opaque"/>, the directory whose lower content is hidden.</param>
internal sealed record Whiteout(string Path, bool Opaque)
{
    /// <summary>Whether this whiteout hides <paramref name="filePath"/> of a lower layer.</summary>
    public bool Hides(string filePath)
    {
        var prefix = Path == "/" ? "/" : Path + "/";
        return Opaque ? filePath.StartsWith(prefix, StringComparison.Ordinal) : filePath == Path || filePath.StartsWith(prefix, StringComparison.Ordinal);
    }
}
