namespace SecretGuard.Scanning;

/// <summary>Which check produced an outcome: the gate before the SDK builds the image, or the verification after.</summary>
internal enum CheckStage
{
    BeforeBuild,
    AfterBuild,

    /// <summary>The secretguard tool, checking whole images it did not build.</summary>
    WholeImages,
}

/// <summary>The layers of the images the tool checked: how many differ, how many were read, how many came from the cache.</summary>
internal sealed record ImageLayerCoverage(int Distinct, int Read, int FromCache);

/// <summary>What the base image check covered.</summary>
internal sealed record BaseImageCoverage(string Name, int Layers, int CachedLayers, int Files)
{
    /// <summary>The layers whose results came from the layer cache.</summary>
    public IReadOnlyList<string> CachedLayerDigests { get; init; } = [];

    /// <summary>The layers another project's check of this build read (one read per layer for a solution).</summary>
    public IReadOnlyList<string> SharedLayerDigests { get; init; } = [];

    /// <summary>The layers read to their end or served by the cache: handed to the verification, which reads the built image's other base layers.</summary>
    public IReadOnlyList<string> CheckedLayerDigests { get; init; } = [];

    /// <summary>When the check ran while the project compiled: how long it ran, and how long the gate then waited for it.</summary>
    public long? RanDuringBuildMilliseconds { get; init; }

    public long? GateWaitedMilliseconds { get; init; }
}

/// <summary>
/// What a check covered, as facts: counts, what was not read, and time. The words for it are the
/// report's (see Reporting.Wording), so a summary line and a message never disagree.
/// </summary>
internal sealed record CheckSummary
{
    public CheckStage Stage { get; init; }

    /// <summary>False when the check could not run at all (no image, a time budget spent before it started).</summary>
    public bool Ran { get; init; } = true;

    /// <summary>The gate checked the container config the project asks for (not in a multi-RID inner build).</summary>
    public bool ConfigChecked { get; init; }

    /// <summary>Files of the publish folder (the app layer to be built), and how many were unchanged since a clean check.</summary>
    public int PublishedFiles { get; init; }

    public int UnchangedFiles { get; init; }

    public BaseImageCoverage? BaseImage { get; init; }

    /// <summary>After the build: images, app layers and files read.</summary>
    public int Images { get; init; }

    public int AppLayers { get; init; }

    public int Files { get; init; }

    /// <summary>After the build, when the gate read the publish folder that is exactly the app layer: its file count (only the config is read again).</summary>
    public int? AppLayerFilesCheckedBefore { get; init; }

    /// <summary>After the build: the built image's base layers the gate had not checked (the base image's tag moved between the two), read then.</summary>
    public IReadOnlyList<string> BaseLayersNotCheckedBefore { get; init; } = [];

    /// <summary>The tool: the layers of every image, each read at most once for the whole run.</summary>
    public ImageLayerCoverage? ImageLayers { get; init; }

    public long ElapsedMilliseconds { get; init; }

    /// <summary>Archives too large to open, and files over the size limit: named so a pass never hides them.</summary>
    public IReadOnlyList<string> UnopenedArchives { get; init; } = [];

    public IReadOnlyList<string> SkippedFiles { get; init; } = [];
}
