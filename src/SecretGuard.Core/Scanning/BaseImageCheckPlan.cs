using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.ImageReading.Registry;

namespace SecretGuard.Scanning;

/// <summary>
/// Which base image a project's check reads, for which platforms, with which layer cache and bounds. The
/// gate and the check started while the project compiles make the same plan from the same settings, so the
/// gate joins that check only when it reads exactly what the gate would (<see cref="CanJoin"/>).
/// </summary>
internal sealed class BaseImageCheckPlan
{
    private BaseImageCheckPlan(string name, ImageReference reference, IReadOnlyList<Platform> platforms, string? cacheDirectory, string? contentStoreDirectory, ScanLimits limits)
    {
        Name = name;
        Reference = reference;
        Platforms = platforms;
        _cacheDirectory = cacheDirectory;
        _contentStoreDirectory = contentStoreDirectory;
        Limits = limits;
        Key = string.Join("|", reference.ToString(), string.Join(",", platforms.Select(p => p.ToString()).Order(StringComparer.Ordinal)),
            cacheDirectory ?? "", contentStoreDirectory ?? "", limits.MaxFileBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", limits.TimeBudget?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
    }

    private readonly string? _cacheDirectory;
    private readonly string? _contentStoreDirectory;

    /// <summary>How messages name the image (ContainerBaseImage as written, else the reference).</summary>
    public string Name { get; }

    public ImageReference Reference { get; }

    public IReadOnlyList<Platform> Platforms { get; }

    public ScanLimits Limits { get; }

    /// <summary>What the check reads and within which bounds.</summary>
    public string Key { get; }

    /// <param name="name">ContainerBaseImage as the user wrote it; empty for the reference itself.</param>
    /// <param name="runtimeIdentifiers">The container RIDs (';'-separated); none is this machine's Linux architecture.</param>
    /// <param name="cacheDirectory">The layer cache folder; empty for the per-user default.</param>
    /// <param name="contentStoreDirectory">The SDK's content store; empty for its default place.</param>
    public static BaseImageCheckPlan For(string? name, ImageReference reference, string? runtimeIdentifiers, string? cacheDirectory, string? contentStoreDirectory, ScanLimits limits)
    {
        var platforms = (runtimeIdentifiers ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Platform.FromRuntimeIdentifier).Distinct().ToList();
        if (platforms.Count == 0)
        {
            platforms.Add(new Platform("linux", System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "amd64"));
        }

        return new BaseImageCheckPlan(string.IsNullOrWhiteSpace(name) ? reference.ToString() : name.Trim(), reference, platforms,
            string.IsNullOrWhiteSpace(cacheDirectory) ? null : cacheDirectory.Trim(), string.IsNullOrWhiteSpace(contentStoreDirectory) ? null : contentStoreDirectory.Trim(), limits);
    }

    public LayerResultCache OpenCache() => new(_cacheDirectory ?? LayerResultCache.DefaultDirectory());

    /// <summary>A registry client for the image's registry, with the machine's credentials, and the images of the plan's platforms through it.</summary>
    public (RegistryClient Registry, Func<IReadOnlyList<ImageToScan>> Resolve) Connect()
    {
        var registry = new RegistryClient(Reference.Registry, RegistryCredentials.FromMachine(), RegistryClientOptions.FromEnvironment());
        var source = new RegistryImageSource(registry, ContentStoreBlobSource.DefaultDirectories(_contentStoreDirectory));
        return (registry, () => source.Resolve(Reference, Platforms));
    }

    /// <summary>
    /// The gate's request: joining <paramref name="early"/> when it reads what this plan reads, else reading
    /// the image itself. <paramref name="registry"/> is the client to dispose after the check.
    /// </summary>
    public BaseImageRequest Request(EarlyBaseImageCheck? early, out RegistryClient registry)
    {
        var (client, resolve) = Connect();
        registry = client;
        return new BaseImageRequest(Name, resolve, OpenCache()) { Early = early is not null && CanJoin(early) ? early : null };
    }

    /// <summary>
    /// Starts the check on a thread of its own. Everything that takes time (the HTTP stack, credentials,
    /// the rule set, the cache) is set up there, not on the build's thread.
    /// </summary>
    /// <param name="buffers">The process's bound on files read whole.</param>
    public EarlyBaseImageCheck StartEarly(WholeFileBuffers? buffers = null)
    {
        RegistryClient? registry = null;
        return EarlyBaseImageCheck.Start(
            Key,
            () =>
            {
                var (client, resolve) = Connect();
                Volatile.Write(ref registry, client);
                return resolve();
            },
            () => RuleSet.Default,
            Limits,
            OpenCache,
            () => Volatile.Read(ref registry)?.Dispose(),
            buffers);
    }

    /// <summary>An early check may be joined when it reads exactly what this plan reads and was not stopped.</summary>
    public bool CanJoin(EarlyBaseImageCheck early) => early.Key == Key && !early.Stopped;
}
