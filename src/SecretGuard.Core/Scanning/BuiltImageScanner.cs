using SecretGuard.ImageReading;
using SecretGuard.Detection;
using SecretGuard.Findings;

namespace SecretGuard.Scanning;

/// <summary>The result of scanning one or more images.</summary>
internal sealed record BuiltImageScan(IReadOnlyList<Finding> Findings, ScanCoverage Coverage);

/// <summary>
/// Scans what the .NET SDK put into an image: the whole config, and the layers it added on top of the
/// base image (the app layer). Findings identical in every image of a multi-platform publish are reported once.
/// </summary>
/// <param name="scanAppLayers">False when the app layer's content was already checked as the publish folder.</param>
/// <param name="files">Scans each file of the app layers (text, key stores, assemblies).</param>
internal sealed class BuiltImageScanner(RuleSet rules, FileScanner files, bool scanAppLayers = true)
{
    private readonly ConfigScanner _config = new(rules);
    private readonly LayerScanner _layers = new(files);

    /// <remarks>A layer or file that cannot be read is a finding of its own; the rest is still read.</remarks>
    /// <exception cref="ScanTimeBudgetException">The check ran past SecretGuardTimeBudget.</exception>
    public BuiltImageScan Scan(IEnumerable<ImageToScan> images)
    {
        var findings = new List<Finding>();
        var skipped = new List<string>();
        var unopened = new List<string>();
        int imageCount = 0, layerCount = 0, fileCount = 0;
        long bytes = 0;
        var scannedLayers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            imageCount++;
            findings.AddRange(_config.Scan(image.Config));

            if (!scanAppLayers)
            {
                continue;
            }

            var indexes = image.Config.SdkLayerIndexes(image.Manifest.Layers.Count);
            var wanted = indexes.Select(i => image.Manifest.Layers[i]).Where(d => scannedLayers.Add(d.Digest)).ToList();
            if (wanted.Count == 0)
            {
                continue;
            }

            var read = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                image.Blobs.ReadBlobs(wanted, (descriptor, blob) =>
                {
                    read.Add(descriptor.Digest);
                    var (result, failure) = _layers.Scan(descriptor, blob, IndexOf(image, descriptor.Digest));
                    layerCount++;
                    fileCount += result.Files;
                    bytes += result.Bytes;
                    findings.AddRange(result.Findings);
                    if (failure is not null)
                    {
                        findings.Add(failure);
                    }

                    skipped.AddRange(result.SkippedFiles);
                    unopened.AddRange(result.UnopenedArchives);
                });
            }
            catch (Exception ex) when (ex is not (ScanTimeBudgetException or OperationCanceledException))
            {
                // The source failed outside any one layer's read (a blob missing from the archive): the
                // layers it did not deliver are reported, the ones it did keep their findings.
                foreach (var layer in wanted.Where(l => !read.Contains(l.Digest)))
                {
                    findings.Add(LayerScanner.Failure(IndexOf(image, layer.Digest), layer, ex));
                }
            }
        }

        var coverage = new ScanCoverage { Images = imageCount, Layers = layerCount, Files = fileCount, Bytes = bytes, SkippedFiles = skipped, UnopenedArchives = unopened };
        return new BuiltImageScan(findings.Distinct().ToList(), coverage);
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
