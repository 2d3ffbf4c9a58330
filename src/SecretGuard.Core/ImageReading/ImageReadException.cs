namespace SecretGuard.ImageReading;

/// <summary>What kind of thing went wrong reading an image; each maps to its own diagnostic code.</summary>
internal enum ImageReadFailure
{
    /// <summary>The archive, manifest or config could not be read or parsed.</summary>
    Unreadable,

    /// <summary>A layer blob the manifest names is not where the image should be.</summary>
    MissingBlob,

    /// <summary>A layer's bytes are not a valid (compressed) tar stream, or do not match the digest.</summary>
    CorruptLayer,

    /// <summary>A registry could not be reached, refused the credentials, or does not have the image.</summary>
    Registry,
}

/// <summary>An image could not be read; the message names the cause and never holds file contents.</summary>
internal sealed class ImageReadException(ImageReadFailure failure, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public ImageReadFailure Failure { get; } = failure;
}
