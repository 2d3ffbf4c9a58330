using SecretGuard.ImageReading;
using SecretGuard.Detection;
using SecretGuard.Findings;

namespace SecretGuard.Scanning;

/// <summary>The result of scanning one or more images.</summary>
internal sealed record BuiltImageScan(IReadOnlyList<Finding> Findings, ScanCoverage Coverage)
{
    /// <summary>The base layers read after the build because the gate had not checked them (the base image's tag moved between the two).</summary>
    public IReadOnlyList<string> BaseLayerDigests { get; init; } = [];

    /// <summary>Set when the check ran out of time: the findings made before are all here, and the caller reports the stop beside them.</summary>
    public ScanTimeBudgetException? Stopped { get; init; }
}

/// <summary>What the gate checked of the base image: its name as the project gives it, and the layers it read to their end.</summary>
internal sealed record CheckedBaseImage(string Name, IReadOnlyList<string> LayerDigests);

/// <summary>
/// Scans what the .NET SDK put into an image: the whole config, the layers it added on top of the base
/// image (the app layer), and the base layers the gate did not check. Findings identical in every image
/// of a multi-platform publish are reported once.
/// </summary>
/// <param name="scanAppLayers">False when the app layer's content was already checked as the publish folder.</param>
/// <param name="files">Scans each file of the app layers (text, key stores, assemblies).</param>
/// <param name="baseImageCheckedBefore">
/// What the gate checked of the base image; null when it did not check one (then no base layer is read
/// here). The SDK pulls the base image itself, after the gate: a base layer of the built image that is not
/// among those the gate read (the tag moved meanwhile) is read here, its findings placed in the base image.
/// </param>
internal sealed class BuiltImageScanner(RuleSet rules, FileScanner files, bool scanAppLayers = true, CheckedBaseImage? baseImageCheckedBefore = null)
{
    private readonly ConfigScanner _config = new(rules);
    private readonly LayerScanner _layers = new(files);

    /// <remarks>
    /// A layer or file that cannot be read is a finding of its own; the rest is still read. A check that
    /// runs past SecretGuardTimeBudget returns what it found until then, with <see cref="BuiltImageScan.Stopped"/> set.
    /// </remarks>
    public BuiltImageScan Scan(IEnumerable<ImageToScan> images)
    {
        var all = images.ToList();
        var findings = new List<Finding>();
        var skipped = new List<string>();
        var unopened = new List<string>();
        var baseLayersRead = new List<string>();
        int layerCount = 0, fileCount = 0;
        long bytes = 0;
        ScanTimeBudgetException? stopped = null;

        // Every config first: they are read without touching a layer, so a check that runs out of time
        // while reading layers still names what the configs hold.
        foreach (var image in all)
        {
            findings.AddRange(_config.Scan(image.Config));
        }

        var checkedBefore = new HashSet<string>(baseImageCheckedBefore?.LayerDigests ?? [], StringComparer.Ordinal);
        var origin = baseImageCheckedBefore is null ? null : new BaseImageOrigin(baseImageCheckedBefore.Name);
        var scannedLayers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in all)
        {
            var layers = image.Manifest.Layers;
            var sdkIndexes = image.Config.SdkLayerIndexes(layers.Count);
            var appLayers = scanAppLayers ? sdkIndexes.Select(i => layers[i].Digest).ToHashSet(StringComparer.Ordinal) : [];
            var baseLayers = origin is null ? [] : layers.Where((l, i) => !sdkIndexes.Contains(i) && !checkedBefore.Contains(l.Digest)).Select(l => l.Digest).ToHashSet(StringComparer.Ordinal);
            var app = layers.Where(d => appLayers.Contains(d.Digest) && scannedLayers.Add(d.Digest)).ToList();
            var notChecked = layers.Where(d => baseLayers.Contains(d.Digest) && scannedLayers.Add(d.Digest)).ToList();

            // A base layer's findings and failures are the base image's: reported at ContainerBaseImage, as the gate's are.
            Finding Placed(Finding f, string digest) =>
                !appLayers.Contains(digest) ? f with { Location = f.Location with { Base = origin } } : f;

            // A base layer read here only because the gate had not: say why it is read at all.
            Finding PlacedFailure(Finding f, string digest) =>
                !appLayers.Contains(digest) ? Placed(f, digest) with { Label = f.Label.TrimEnd('.') + ". " + Messages.BaseLayerNotCheckedBefore } : f;

            void Take(Descriptor descriptor, LayerResult result, Finding? failure)
            {
                if (appLayers.Contains(descriptor.Digest))
                {
                    layerCount++;
                }
                else
                {
                    baseLayersRead.Add(descriptor.Digest);
                }

                fileCount += result.Files;
                bytes += result.Bytes;
                findings.AddRange(result.Findings.Select(f => Placed(f, descriptor.Digest)));
                if (failure is not null)
                {
                    findings.Add(PlacedFailure(failure, descriptor.Digest));
                }

                skipped.AddRange(result.SkippedFiles);
                unopened.AddRange(result.UnopenedArchives);
            }

            // The app layers in one pass, as before; the base layers apart, so that one the SDK never stored
            // locally (a registry push that mounted it) does not keep the app layer from being read. A source
            // that opens each blob on its own reads each base layer on its own too, for the same reason.
            var passes = new List<List<Descriptor>> { app };
            passes.AddRange(image.Blobs.ReadsConcurrently ? notChecked.Select(l => new List<Descriptor> { l }) : [notChecked]);
            foreach (var wanted in passes.Where(p => p.Count > 0))
            {
                var read = new HashSet<string>(StringComparer.Ordinal);
                Descriptor? reading = null;
                try
                {
                    image.Blobs.ReadBlobs(wanted, (descriptor, blob) =>
                    {
                        read.Add(descriptor.Digest);
                        reading = descriptor;
                        var (result, failure) = _layers.Scan(descriptor, blob, IndexOf(image, descriptor.Digest));
                        Take(descriptor, result, failure);
                    });
                }
                catch (ScanTimeBudgetException ex)
                {
                    // What the layer being read held so far is reported with the stop; the layers not reached are the stop's.
                    if (reading is not null && ex.LayerSoFar is { } soFar)
                    {
                        Take(reading, soFar, null);
                    }

                    stopped = ex;
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The source failed outside any one layer's read (a blob missing from the archive): the
                    // layers it did not deliver are reported, the ones it did keep their findings.
                    foreach (var layer in wanted.Where(l => !read.Contains(l.Digest)))
                    {
                        findings.Add(PlacedFailure(LayerScanner.Failure(IndexOf(image, layer.Digest), layer, ex), layer.Digest));
                    }
                }
            }

            if (stopped is not null)
            {
                break;
            }
        }

        var coverage = new ScanCoverage { Images = all.Count, Layers = layerCount, Files = fileCount, Bytes = bytes, SkippedFiles = skipped, UnopenedArchives = unopened };
        return new BuiltImageScan(findings.Distinct().ToList(), coverage) { BaseLayerDigests = baseLayersRead, Stopped = stopped };
    }

    private static int IndexOf(ImageToScan image, string digest)
    {
        for (var i = 0; i < image.Manifest.Layers.Count; i++)
        {
            if (image.Manifest.Layers[i].Digest == digest)
            {
                return i;
            }
        }

        return -1;
    }
}
