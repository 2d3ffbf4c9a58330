using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Reporting;

namespace SecretGuard.Scanning;

/// <summary>What a base image scan covered, for the summary line.</summary>
public sealed record BaseImageStatistics(int Images, int Layers, int CachedLayers, int Files, long Bytes, IReadOnlyList<string> UnopenedArchives);

/// <summary>
/// Scans a base image the way it will ship under the app: its config (Env and Labels the project does
/// not override, and every history step) and every layer, lower layers included. A file a later layer
/// deletes is still in the lower layer's blob, so it is reported, with the layer that deletes it.
/// Layers shared by several platforms are read once; results are cached per layer digest.
/// </summary>
public sealed class BaseImageScanner(RuleSet rules, FileScanner files, LayerResultCache? cache)
{
    private readonly ConfigScanner _config = new(rules);

    /// <param name="overriddenEnv">ENV names the project sets: the base image's values for them do not ship.</param>
    /// <param name="overriddenLabels">Label keys the project sets.</param>
    /// <exception cref="ImageReadException">The base image cannot be fetched or read.</exception>
    /// <exception cref="ScanIncompleteException">Some content could not be fully checked.</exception>
    public (List<Finding> Findings, BaseImageStatistics Statistics) Scan(
        string imageName, IReadOnlyList<ImageToScan> images, IReadOnlyCollection<string> overriddenEnv, IReadOnlyCollection<string> overriddenLabels)
    {
        var findings = new List<Finding>();
        var results = new Dictionary<string, LayerResult>(StringComparer.Ordinal);
        var cached = 0;
        foreach (var image in images)
        {
            // One platform of an index is named with its platform, so a message says which image leaks.
            var name = images.Count > 1 || image.Name.EndsWith(')') ? image.Name : imageName;
            var origin = new BaseImageOrigin(name);
            var config = image.Config with
            {
                Env = image.Config.Env.Where(e => !overriddenEnv.Contains(e.Split('=', 2)[0], StringComparer.OrdinalIgnoreCase)).ToList(),
                Labels = image.Config.Labels.Where(l => !overriddenLabels.Contains(l.Key, StringComparer.OrdinalIgnoreCase)).ToList(),
                Entrypoint = [], // the SDK sets the app's own entrypoint and command
                Cmd = [],
            };
            findings.AddRange(_config.Scan(config).Select(f => f with { Location = f.Location with { Base = origin } }));

            var missing = new List<Descriptor>();
            foreach (var layer in image.Manifest.Layers.DistinctBy(l => l.Digest))
            {
                if (results.ContainsKey(layer.Digest))
                {
                    continue;
                }

                if (cache?.TryGet(layer) is { } hit)
                {
                    results[layer.Digest] = hit;
                    cached++;
                }
                else
                {
                    missing.Add(layer);
                }
            }

            foreach (var scanned in ScanLayers(image.Blobs, missing))
            {
                results[scanned.Layer.Digest] = scanned.Result;

                // A layer read only in part (files over the size limit) is not a result to keep.
                if (scanned.Complete)
                {
                    cache?.Put(scanned.Layer, scanned.Result);
                }
            }

            findings.AddRange(Place(image, results, name));
        }

        int files = 0;
        long bytes = 0;
        var unopened = new List<string>();
        foreach (var result in results.Values)
        {
            files += result.Files;
            bytes += result.Bytes;
            foreach (var archive in result.UnopenedArchives)
            {
                if (!unopened.Contains(archive))
                {
                    unopened.Add(archive);
                }
            }
        }

        var stats = new BaseImageStatistics(images.Count, results.Count, cached, files, bytes, unopened);
        return (findings.Distinct().ToList(), stats);
    }

    /// <summary>How many layers are read at once, when the source allows it.</summary>
    public static int ConcurrentLayers { get; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>
    /// Scans the layers, several at a time when the source can read them so. One layer already runs on
    /// two cores (decompression ahead of the scan), but rarely keeps both busy: a runtime layer waits on
    /// decompression, a layer of system text on the scan. Two layers at once fill the gaps (on an
    /// aspnet-sized image, 1.6x plain gzip decompression becomes about 1.25x). The largest layers are
    /// started first: the image is done when its last layer is, so a large layer left to the end would
    /// run alone while the other cores wait. Each thread has a scanner of its own; results and skipped
    /// files keep the layers' order however the threads interleave, and of several failures the
    /// earliest layer's is the one thrown, with its own type.
    /// </summary>
    private List<ScannedLayer> ScanLayers(IBlobSource blobs, List<Descriptor> layers)
    {
        var done = new List<ScannedLayer>();
        if (layers.Count == 0)
        {
            return done;
        }

        var threads = blobs.ReadsConcurrently ? Math.Min(layers.Count, ConcurrentLayers) : 1;
        if (threads == 1)
        {
            blobs.ReadBlobs(layers, (descriptor, blob) =>
            {
                var skippedBefore = files.Limits.SkippedFiles.Count;
                var result = ScanLayer(files, descriptor, blob, stop: null);
                done.Add(new ScannedLayer(descriptor, result, files.Limits.SkippedFiles.Count == skippedBefore));
            });
            return done;
        }

        var results = new LayerResult?[layers.Count];
        var skipped = new List<string>[layers.Count];
        var failures = new ExceptionDispatchInfo?[layers.Count];
        var largestFirst = LargestFirst(layers);
        var next = -1;
        var stop = new StrongBox<bool>();
        void Work(FileScanner scanner)
        {
            int taken;
            while (!Volatile.Read(ref stop.Value) && (taken = Interlocked.Increment(ref next)) < layers.Count)
            {
                var i = largestFirst[taken];
                var skippedBefore = scanner.Limits.SkippedFiles.Count;
                try
                {
                    blobs.ReadBlobs([layers[i]], (descriptor, blob) => results[i] = ScanLayer(scanner, descriptor, blob, stop));
                }
                catch (LayerScanStopped)
                {
                    return;
                }
                catch (Exception ex)
                {
                    // Every failure is the caller's to report (a thread's own would end the build process).
                    failures[i] = ExceptionDispatchInfo.Capture(ex);
                    Volatile.Write(ref stop.Value, true);
                    return;
                }

                skipped[i] = scanner.Limits.SkippedFiles.Skip(skippedBefore).ToList();
            }
        }

        var workers = new Thread[threads - 1];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = new Thread(() => Work(files.ForAnotherThread())) { IsBackground = true, Name = "SecretGuard layer scan" };
            workers[w].Start();
        }

        Work(files.ForAnotherThread());
        foreach (var worker in workers)
        {
            worker.Join();
        }

        failures.FirstOrDefault(f => f is not null)?.Throw();
        for (var i = 0; i < layers.Count; i++)
        {
            files.Limits.SkippedFiles.AddRange(skipped[i]);
            done.Add(new ScannedLayer(layers[i], results[i] ?? throw new ImageReadException(ImageReadFailure.MissingBlob, $"layer {layers[i].Digest} was not read"), skipped[i].Count == 0));
        }

        return done;
    }

    /// <summary>
    /// The layers' indexes, largest first, ties in image order. A plain insertion sort over a few layers:
    /// a LINQ or generic sort here would be compiled on the spot in every build (no ahead-of-time code
    /// for those instantiations), costing more than it orders.
    /// </summary>
    internal static int[] LargestFirst(IReadOnlyList<Descriptor> layers)
    {
        var order = new int[layers.Count];
        for (var i = 0; i < order.Length; i++)
        {
            var j = i;
            for (; j > 0 && layers[order[j - 1]].Size < layers[i].Size; j--)
            {
                order[j] = order[j - 1];
            }

            order[j] = i;
        }

        return order;
    }

    private static LayerResult ScanLayer(FileScanner scanner, Descriptor layer, Stream blob, StrongBox<bool>? stop)
    {
        var found = new List<Finding>();
        var whiteouts = new List<Whiteout>();
        var fileCount = 0;
        long bytes = 0;
        var unopenedBefore = scanner.UnopenedArchives.Count;
        LayerReader.ReadFiles(layer, blob, file =>
        {
            if (stop is not null && Volatile.Read(ref stop.Value))
            {
                throw new LayerScanStopped(); // another layer failed: its failure is what the build reports
            }

            fileCount++;
            bytes += file.Size;
            found.AddRange(scanner.Scan(file.Path, file.Size, file.Content, 0, layer.Digest));
        }, whiteouts.Add);
        return new LayerResult(found, whiteouts, fileCount, bytes, scanner.UnopenedArchives.Skip(unopenedBefore).ToList());
    }

    private sealed class LayerScanStopped : Exception;

    // A class, not a tuple: lists of reference types share code the runtime ships compiled ahead of
    // time; a list of a value tuple would be compiled on the spot in every build.
    private sealed record ScannedLayer(Descriptor Layer, LayerResult Result, bool Complete);

    /// <summary>Gives each layer's findings its index in this image, and the later layer that deletes the file, if any.</summary>
    private static IEnumerable<Finding> Place(ImageToScan image, Dictionary<string, LayerResult> results, string imageName)
    {
        var layers = image.Manifest.Layers;
        for (var i = 0; i < layers.Count; i++)
        {
            foreach (var finding in results[layers[i].Digest].Findings)
            {
                var path = OuterPath(finding.Location);
                int? deletedIn = null;
                for (var j = i + 1; j < layers.Count && deletedIn is null; j++)
                {
                    if (results[layers[j].Digest].Whiteouts.Any(w => w.Hides(path)))
                    {
                        deletedIn = j;
                    }
                }

                var origin = new BaseImageOrigin(imageName, deletedIn);
                ImageLocation located = finding.Location switch
                {
                    LayerFileLocation f => f with { LayerIndex = i, LayerDigest = layers[i].Digest, Base = origin },
                    AssemblyLocation a => a with { LayerIndex = i, Base = origin },
                    var other => other with { Base = origin },
                };
                yield return finding with { Location = located };
            }
        }
    }

    /// <summary>The path of the file in the layer itself: the archive or bundle a nested file is inside.</summary>
    private static string OuterPath(ImageLocation location)
    {
        var (path, bundle) = location switch
        {
            LayerFileLocation f => (f.Path, f.Bundle),
            AssemblyLocation a => (a.Path, a.Bundle),
            _ => ("", null),
        };
        path = bundle ?? path;
        var nested = path.IndexOf(NestedArchives.Separator, StringComparison.Ordinal);
        return nested < 0 ? path : path[..nested];
    }
}
