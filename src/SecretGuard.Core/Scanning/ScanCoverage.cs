namespace SecretGuard.Scanning;

/// <summary>
/// What a scan of images (or of the publish folder) covered, as facts for the summary and the benchmark:
/// counts, and the places it did not read. The words for them are the report's.
/// </summary>
internal sealed record ScanCoverage
{
    public int Images { get; init; }

    /// <summary>Layers whose files were read or whose results came from the cache.</summary>
    public int Layers { get; init; }

    public int Files { get; init; }

    public long Bytes { get; init; }

    /// <summary>The layers whose results came from the layer cache.</summary>
    public IReadOnlyList<string> CachedLayerDigests { get; init; } = [];

    public int CachedLayers => CachedLayerDigests.Count;

    /// <summary>The layers another build read at the same time, whose results this check took from the cache when it finished.</summary>
    public IReadOnlyList<string> SharedLayerDigests { get; init; } = [];

    /// <summary>The layers read to their end or served by the cache (not those that failed or were cut short), each once.</summary>
    public IReadOnlyList<string> CheckedLayerDigests { get; init; } = [];

    /// <summary>Files over the size limit, not read.</summary>
    public IReadOnlyList<string> SkippedFiles { get; init; } = [];

    /// <summary>Archives too large to open, and files in compressions SecretGuard does not decompress.</summary>
    public IReadOnlyList<string> UnopenedArchives { get; init; } = [];
}
