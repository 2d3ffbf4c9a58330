namespace SecretGuard.ImageReading;

/// <summary>Where an image's layer blobs can be read from.</summary>
internal interface IBlobSource
{
    /// <summary>A short description for messages ("archive /x/app.tar.gz", "the SDK content store").</summary>
    string Description { get; }

    /// <summary>
    /// Calls <paramref name="visit"/> once for each wanted blob, in whatever order the source is cheapest
    /// to read. The stream is only valid during the call. Throws <see cref="ImageReadException"/>
    /// (<see cref="ImageReadFailure.MissingBlob"/>) when any wanted blob is absent.
    /// </summary>
    void ReadBlobs(IReadOnlyCollection<Descriptor> wanted, Action<Descriptor, Stream> visit);

    /// <summary>
    /// Whether <see cref="ReadBlobs"/> may run on several threads at once, each for other blobs: true for
    /// sources that open each blob on its own (a registry, files in a folder); false for one forward
    /// pass over an archive.
    /// </summary>
    bool ReadsConcurrently => false;
}
