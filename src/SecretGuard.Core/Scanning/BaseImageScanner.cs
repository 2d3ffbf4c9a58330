using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Findings;

namespace SecretGuard.Scanning;

/// <summary>What a base image scan covered, for the summary line.</summary>
internal sealed record BaseImageStatistics(int Images, int Layers, int CachedLayers, int Files, long Bytes, IReadOnlyList<string> UnopenedArchives);

/// <summary>
/// Scans a base image the way it will ship under the app: its config (Env and Labels the project does
/// not override, and every history step) and every layer, lower layers included. A file a later layer
/// deletes is still in the lower layer's blob, so it is reported, with the layer that deletes it.
/// Layers shared by several platforms are read once; results are cached per layer digest.
/// </summary>
internal sealed class BaseImageScanner(RuleSet rules, FileScanner files, LayerResultCache? cache)
{
    private readonly ConfigScanner _config = new(rules);

    /// <param name="overriddenEnv">ENV names the project sets: the base image's values for them do not ship.</param>
    /// <param name="overriddenLabels">Label keys the project sets.</param>
    /// <remarks>
    /// A layer that cannot be read is a finding of its own (SG0002, SG0003, SG0011) at that layer, a file
    /// that cannot be read one (SG0004) at that file; everything else is still read and reported.
    /// </remarks>
    /// <exception cref="ScanTimeBudgetException">The check ran past SecretGuardTimeBudget.</exception>
    public (List<Finding> Findings, BaseImageStatistics Statistics) Scan(
        string imageName, IReadOnlyList<ImageToScan> images, IReadOnlyCollection<string> overriddenEnv, IReadOnlyCollection<string> overriddenLabels)
    {
        var findings = new List<Finding>();
        var results = new Dictionary<string, LayerResult>(StringComparer.Ordinal);
        var failures = new Dictionary<string, Finding>(StringComparer.Ordinal);
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
                if (scanned.Failure is not null)
                {
                    failures[scanned.Layer.Digest] = scanned.Failure;
                }

                // A layer read only in part (files over the size limit) is not a result to keep.
                if (scanned.Complete)
                {
                    cache?.Put(scanned.Layer, scanned.Result);
                }
            }

            findings.AddRange(Place(image, results, name));
            for (var i = 0; i < image.Manifest.Layers.Count; i++)
            {
                if (failures.TryGetValue(image.Manifest.Layers[i].Digest, out var failure))
                {
                    findings.Add(failure with { Location = new LayerLocation(i, image.Manifest.Layers[i].Digest) { Base = origin } });
                }
            }
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
    /// files keep the layers' order however the threads interleave. A layer that cannot be read is a
    /// failure of that layer alone: the others are still read, and what it yielded before it failed is kept.
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
            // One pass over the source (an image archive is read front to back): a failure inside one
            // layer is that layer's, a failure of the source itself leaves the layers it did not reach.
            var byDigest = new Dictionary<string, ScannedLayer>(StringComparer.Ordinal);
            Exception? sourceFailure = null;
            try
            {
                blobs.ReadBlobs(layers, (descriptor, blob) =>
                {
                    var skippedBefore = files.Limits.SkippedFiles.Count;
                    var (result, failure) = ScanLayer(files, descriptor, blob, stop: null);
                    byDigest[descriptor.Digest] = new ScannedLayer(descriptor, result, failure is null && files.Limits.SkippedFiles.Count == skippedBefore, failure);
                });
            }
            catch (Exception ex) when (ex is not (ScanTimeBudgetException or OperationCanceledException))
            {
                sourceFailure = ex;
            }

            foreach (var layer in layers)
            {
                done.Add(byDigest.TryGetValue(layer.Digest, out var scanned) ? scanned : NotRead(layer, sourceFailure));
            }

            return done;
        }

        var results = new ScannedLayer?[layers.Count];
        var skipped = new List<string>[layers.Count];
        ExceptionDispatchInfo? checkFailure = null;
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
                    blobs.ReadBlobs([layers[i]], (descriptor, blob) =>
                    {
                        var (result, failure) = ScanLayer(scanner, descriptor, blob, stop);
                        results[i] = new ScannedLayer(descriptor, result, failure is null, failure);
                    });
                }
                catch (LayerScanStopped)
                {
                    return;
                }
                catch (Exception ex) when (ex is ScanTimeBudgetException or OperationCanceledException)
                {
                    // The check as a whole is over: the other threads stop too, and this is what is reported.
                    Interlocked.CompareExchange(ref checkFailure, ExceptionDispatchInfo.Capture(ex), null);
                    Volatile.Write(ref stop.Value, true);
                    return;
                }
                catch (Exception ex)
                {
                    // Fetching the blob failed (a thread's own exception would end the build process).
                    results[i] = NotRead(layers[i], ex);
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

        checkFailure?.Throw();
        for (var i = 0; i < layers.Count; i++)
        {
            files.Limits.SkippedFiles.AddRange(skipped[i] ?? []);
            var scanned = results[i] ?? NotRead(layers[i], null);
            done.Add(scanned with { Complete = scanned.Complete && (skipped[i]?.Count ?? 0) == 0 });
        }

        return done;
    }

    /// <summary>A layer the source could not deliver at all.</summary>
    private static ScannedLayer NotRead(Descriptor layer, Exception? cause) =>
        new(layer, new LayerResult([], [], 0, 0, []), Complete: false, LayerFailure(layer, cause ?? new ImageReadException(ImageReadFailure.MissingBlob, $"layer {layer.Digest} was not read")));

    private static Finding LayerFailure(Descriptor layer, Exception ex) => LayerScanner.Failure(0, layer, ex);

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

    /// <summary>Reads one layer; a failure is returned with what the layer yielded before it, not thrown.</summary>
    private static (LayerResult Result, Finding? Failure) ScanLayer(FileScanner scanner, Descriptor layer, Stream blob, StrongBox<bool>? stop)
    {
        var found = new List<Finding>();
        var whiteouts = new List<Whiteout>();
        var fileCount = 0;
        long bytes = 0;
        var unopenedBefore = scanner.UnopenedArchives.Count;
        scanner.BeginLayer();
        Finding? failure = null;
        try
        {
            LayerReader.ReadFiles(layer, blob, file =>
            {
                if (stop is not null && Volatile.Read(ref stop.Value))
                {
                    throw new LayerScanStopped(); // the check as a whole is over
                }

                fileCount++;
                bytes += file.Size;
                found.AddRange(scanner.Scan(file.Path, file.Size, new SourceStream(file.Content), 0, layer.Digest));
            }, whiteouts.Add, unreadable: (path, reason) => found.Add(LayerScanner.UnreadableEntry(0, layer, path, reason)));
        }
        catch (Exception ex) when (ex is not (LayerScanStopped or ScanTimeBudgetException or OperationCanceledException))
        {
            failure = LayerFailure(layer, ex);
        }

        return (new LayerResult(found, whiteouts, fileCount, bytes, scanner.UnopenedArchives.Skip(unopenedBefore).ToList()), failure);
    }

    private sealed class LayerScanStopped : Exception;

    // A class, not a tuple: lists of reference types share code the runtime ships compiled ahead of
    // time; a list of a value tuple would be compiled on the spot in every build.
    private sealed record ScannedLayer(Descriptor Layer, LayerResult Result, bool Complete, Finding? Failure = null);

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
