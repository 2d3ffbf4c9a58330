using System.Diagnostics;
using SecretGuard.Detection;
using SecretGuard.Findings;
using SecretGuard.ImageReading;
using SecretGuard.ImageReading.Local;
using SecretGuard.ImageReading.Registry;
using SecretGuard.Reporting;
using SecretGuard.Scanning;

namespace SecretGuard.Cli;

/// <summary>What a run covered, as counts: the layer counts show that a layer shared by images is read once.</summary>
/// <param name="LayerReferences">Layers as the images list them, shared ones counted in each image.</param>
/// <param name="DistinctLayers">Different layers among them.</param>
/// <param name="LayersRead">Layers actually downloaded or read this run (each at most once).</param>
/// <param name="LayersFromCache">Layers whose result came from the layer cache, not read.</param>
internal sealed record CheckStatistics(
    int Images, int LayerReferences, int DistinctLayers, int LayersRead, int LayersFromCache, int Files, long Bytes, long ElapsedMilliseconds,
    IReadOnlyList<string> UnopenedArchives, IReadOnlyList<string> SkippedFiles, IReadOnlyList<string> ImageNames);

/// <summary>The diagnostics of a run (findings and failures, before acceptance) and what it covered.</summary>
/// <param name="Places">Where each finding is in its image, for people, by fingerprint ("/app/x.json line 3 in layer 4").</param>
internal sealed record CheckResult(IReadOnlyList<Diagnostic> Diagnostics, CheckStatistics Statistics, IReadOnlyDictionary<string, FindingPlace> Places);

/// <summary>Where a finding is in its image: for people, and the layer (1-based; null for the config) for SARIF.</summary>
internal sealed record FindingPlace(string Text, int? Layer);

/// <summary>
/// The check of every image a run names: resolves the arguments (registry, catalog, tags, archives, layouts,
/// docker and podman) into images, checks each config whole and every layer of every image once, with
/// the MSBuild package's layer cache, and maps what it finds to diagnostics about the image.
/// </summary>
/// <param name="clock">What --time-budget is measured on; the system's clock when null.</param>
internal sealed class ImageCheck(CheckOptions settings, TextWriter log, RunProgress progress, TimeProvider? clock = null)
{
    private readonly Dictionary<string, RegistryClient> _clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly RunCounters _counters = new();
    private readonly Dictionary<string, FindingPlace> _places = new(StringComparer.Ordinal);

    // The run is the process's only check: its memory bound for files read whole is the process's.
    private readonly WholeFileBuffers _buffers = new();

    public CheckResult Run()
    {
        var stopwatch = Stopwatch.StartNew();
        var diagnostics = new List<Diagnostic>();
        try
        {
            var targets = Targets(diagnostics);
            var images = new List<(string Name, ImageToScan Image)>();
            foreach (var target in targets)
            {
                try
                {
                    foreach (var image in Resolve(target))
                    {
                        images.Add((image.Name, image));
                    }
                }
                catch (ImageReadException ex)
                {
                    diagnostics.Add(ImageFindings.NotRead(target.ToString(), ImageReadCodes.For(ex.Failure, withinLayer: false), ex.Message));
                }
            }

            Verbose($"{Wording.Plural(images.Count, "image")} to check: {string.Join(", ", images.Select(i => i.Name))}");
            var statistics = Scan(images, diagnostics);
            return new CheckResult(diagnostics, statistics with { ElapsedMilliseconds = stopwatch.ElapsedMilliseconds }, _places);
        }
        finally
        {
            foreach (var client in _clients.Values)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>The images named, listed by --all-tags and --catalog, less those of other shards.</summary>
    private List<ImageTarget> Targets(List<Diagnostic> diagnostics)
    {
        var targets = new List<ImageTarget>();
        foreach (var text in settings.Images)
        {
            if (ImageTarget.TryParse(text, out var target, out var error))
            {
                targets.Add(target!);
            }
            else
            {
                diagnostics.Add(ImageFindings.NotRead(text, DiagnosticCodes.ImageUnreadable, error));
            }
        }

        foreach (var repository in settings.AllTags)
        {
            var reference = ImageReference.Parse(repository + ":latest");
            try
            {
                foreach (var tag in Client(reference.Registry).ListTags(reference.Repository).Order(StringComparer.Ordinal))
                {
                    targets.Add(RegistryTarget(reference.Registry, reference.Repository, tag));
                }
            }
            catch (ImageReadException ex)
            {
                diagnostics.Add(ImageFindings.NotRead(repository, ImageReadCodes.For(ex.Failure, withinLayer: false), ex.Message));
            }
        }

        foreach (var registry in settings.Catalogs)
        {
            var host = registry.Trim().TrimEnd('/');
            try
            {
                var client = Client(host);
                var globs = settings.RepositoryGlobs.Select(Reporting.SuppressionFilter.Glob).ToList();
                var repositories = client.ListRepositories().Where(r => globs.Count == 0 || globs.Any(g => g.IsMatch(r))).Order(StringComparer.Ordinal).ToList();
                Verbose($"registry {host}: {Wording.Plural(repositories.Count, "repository", "repositories")} in the catalog{(globs.Count > 0 ? " matching --repository" : "")}");
                foreach (var repository in repositories)
                {
                    try
                    {
                        foreach (var tag in client.ListTags(repository).Order(StringComparer.Ordinal))
                        {
                            targets.Add(RegistryTarget(host, repository, tag));
                        }
                    }
                    catch (ImageReadException ex)
                    {
                        diagnostics.Add(ImageFindings.NotRead($"{host}/{repository}", ImageReadCodes.For(ex.Failure, withinLayer: false), ex.Message));
                    }
                }
            }
            catch (ImageReadException ex)
            {
                diagnostics.Add(ImageFindings.NotRead(host, ImageReadCodes.For(ex.Failure, withinLayer: false), ex.Message));
            }
        }

        var distinct = targets.DistinctBy(t => t.ToString()).ToList();
        if (settings.Shard is { } shard)
        {
            var mine = distinct.Where(t => shard.Contains(t.ToString())).ToList();
            Verbose($"shard {shard}: {mine.Count} of {Wording.Plural(distinct.Count, "image")}");
            return mine;
        }

        return distinct;
    }

    private static ImageTarget RegistryTarget(string registry, string repository, string tag)
    {
        var reference = new ImageReference(registry, repository, tag);
        return new ImageTarget(TargetKind.Registry, reference.ToString(), reference);
    }

    private RegistryClient Client(string registry)
    {
        if (!_clients.TryGetValue(registry, out var client))
        {
            client = new RegistryClient(registry, RegistryCredentials.FromMachine(), RegistryClientOptions.FromEnvironment());
            _clients[registry] = client;
        }

        return client;
    }

    /// <exception cref="ImageReadException">The image cannot be found or read.</exception>
    private IEnumerable<ImageToScan> Resolve(ImageTarget target)
    {
        switch (target.Kind)
        {
            case TargetKind.Registry:
                var reference = target.Reference!;
                var source = new RegistryImageSource(Client(reference.Registry), ContentStoreBlobSource.DefaultDirectories(null));
                return source.Resolve(reference, settings.Platform is { } p ? [p] : [])
                    .Select(i => i with { Blobs = new CountingBlobSource(i.Blobs, _counters, progress) });
            case TargetKind.LayoutFolder:
                var folder = new LayoutFolder(target.Text);
                return FromLayout(target, folder.Layout().Images(settings.Platform), folder.Blobs);
            default:
                var archive = target.Kind switch
                {
                    TargetKind.Docker => ContainerEngineExport.Of("docker", target.Text),
                    TargetKind.Podman => ContainerEngineExport.Of("podman", target.Text),
                    _ => ImageArchive.OfFile(target.Text),
                };
                return FromLayout(target, archive.Layout().Images(settings.Platform), archive.Blobs);
        }
    }

    private List<ImageToScan> FromLayout(ImageTarget target, IReadOnlyList<LayoutImage> images, Func<LayoutImage, IBlobSource> blobs) =>
        images.Select(i => new ImageToScan(
            images.Count == 1 ? target.ToString() : $"{target} ({i.Name})",
            i.Manifest,
            i.Config,
            new CountingBlobSource(blobs(i), _counters, progress))).ToList();

    private CheckStatistics Scan(List<(string Name, ImageToScan Image)> images, List<Diagnostic> diagnostics)
    {
        var rules = RuleSet.Default;
        var config = new ConfigScanner(rules);
        var findings = new List<(Finding Finding, string Image)>();
        foreach (var (name, image) in images)
        {
            var origin = new BaseImageOrigin(name);
            findings.AddRange(config.Scan(image.Config).Select(f => (f with { Location = f.Location with { Base = origin } }, name)));
            foreach (var field in image.Config.Irregularities)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.ImageUnreadable, name, 0, 0, Messages.IrregularConfig(name, field), IsFinding: false));
            }
        }

        var distinct = images.SelectMany(i => i.Image.Manifest.Layers).Select(l => l.Digest).Distinct(StringComparer.Ordinal).Count();
        progress.Start(distinct);
        var budget = new CheckBudget(new ScanLimits { MaxFileBytes = settings.MaxFileBytes, TimeBudget = settings.TimeBudget }, clock);
        var cache = settings.CacheDirectory is { } directory ? new LayerResultCache(directory) : null;
        ScanCoverage? layerStatistics = null;
        if (images.Count > 0)
        {
            // The configs were checked whole above; the layer scanner reads the layers only, each once across all images.
            var layersOnly = images.Select(i => i.Image with { Config = i.Image.Config.WithoutEntries() }).ToList();
            var scanned = new BaseImageScanner(rules, new FileScanner(rules, budget: budget, buffers: _buffers), cache).Scan(images[0].Name, layersOnly, [], []);
            layerStatistics = scanned.Coverage;
            // Out of time: what the layers read until then hold is reported beside the stop.
            findings.AddRange(scanned.Findings.Select(f => (f, f.Location.Base?.Image ?? images[0].Name)));
            if (scanned.Stopped is { } stopped)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.ScanIncomplete, images[0].Name, 0, 0, Messages.ImagesNotFullyChecked(stopped.Message), IsFinding: false));
            }
        }

        progress.Stop();
        diagnostics.AddRange(findings.Select(f => ImageFindings.Map(f.Finding, f.Image)).Distinct());
        foreach (var (finding, _) in findings)
        {
            _places.TryAdd(finding.Fingerprint, new FindingPlace(Messages.ImagePlace(finding.Location), ImageFindings.LayerOf(finding.Location)));
        }

        var references = images.Sum(i => i.Image.Manifest.Layers.Count);
        Verbose($"layers: {references} in the images, {distinct} distinct, {_counters.LayersRead} read, {layerStatistics?.CachedLayers ?? 0} from the cache");
        return new CheckStatistics(
            images.Count, references, distinct, _counters.LayersRead, layerStatistics?.CachedLayers ?? 0,
            layerStatistics?.Files ?? 0, _counters.Bytes, 0, layerStatistics?.UnopenedArchives ?? [], (layerStatistics?.SkippedFiles ?? []).Distinct().ToList(), images.Select(i => i.Name).ToList());
    }

    private void Verbose(string line)
    {
        if (settings.Verbose)
        {
            log.WriteLine($"secretguard: {line}");
        }
    }
}
