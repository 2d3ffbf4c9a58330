using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using SecretGuard.Common;
using SecretGuard.Detection;
using SecretGuard.Findings;
using SecretGuard.ImageReading;

namespace SecretGuard.Scanning;

/// <summary>What reading a base image's layers gave, by layer digest, before the findings are placed in each image.</summary>
internal sealed class BaseImageLayers
{
    public Dictionary<string, LayerResult> Results { get; } = new(StringComparer.Ordinal);

    /// <summary>Layers that could not be read (to their end): the failure, reported at the layer.</summary>
    public Dictionary<string, Finding> Failures { get; } = new(StringComparer.Ordinal);

    /// <summary>Layers served by the cache.</summary>
    public List<string> Cached { get; } = [];

    /// <summary>Layers another build read meanwhile, served by the cache once it had.</summary>
    public List<string> Shared { get; } = [];

    /// <summary>
    /// Layers the time budget cut short: what they yielded before is reported, but they are never cached
    /// nor counted as checked.
    /// </summary>
    public Dictionary<string, LayerResult> Interrupted { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// What each image's config holds, read with the layers: the early check reads it during the build,
    /// off the gate's path (with every layer cached, also the rules' first use, which would otherwise fall
    /// to the gate). Every Env entry and label is read; the gate leaves out those the project sets.
    /// </summary>
    public Dictionary<ImageToScan, List<Finding>> ConfigFindings { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Set when the check ran out of time: a layer in neither <see cref="Results"/> nor <see cref="Interrupted"/> was not read.</summary>
    public ScanTimeBudgetException? Stopped { get; set; }

    /// <summary>What a layer yielded, read to its end or not; null for a layer not read.</summary>
    public LayerResult? Yielded(string digest) =>
        Results.TryGetValue(digest, out var result) ? result : Interrupted.GetValueOrDefault(digest);
}

/// <summary>
/// What a base image scan found and covered. <see cref="Stopped"/> is set when the check ran out of time:
/// the findings made before are all here, and the caller reports the stop beside them.
/// </summary>
internal sealed record BaseImageScan(List<Finding> Findings, ScanCoverage Coverage)
{
    public ScanTimeBudgetException? Stopped { get; init; }
}

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
    /// <param name="read">The images' layers, read beforehand (<see cref="ReadLayers"/>, e.g. while the project compiled); null to read them now.</param>
    /// <remarks>
    /// A layer that cannot be read is a finding of its own (SG0002, SG0003, SG0011) at that layer, a file
    /// that cannot be read one (SG0004) at that file; everything else is still read and reported. A check
    /// that runs past SecretGuardTimeBudget returns what it found until then, with <see cref="BaseImageScan.Stopped"/> set.
    /// </remarks>
    public BaseImageScan Scan(
        string imageName, IReadOnlyList<ImageToScan> images, IReadOnlyCollection<string> overriddenEnv, IReadOnlyCollection<string> overriddenLabels, BaseImageLayers? read = null)
    {
        read ??= ReadLayers(images);
        var findings = new List<Finding>();
        foreach (var image in images)
        {
            // One platform of an index is named with its platform, so a message says which image leaks.
            var name = images.Count > 1 || image.Name.EndsWith(')') ? image.Name : imageName;
            var origin = new BaseImageOrigin(name);
            // What the project sets in Env and Labels replaces the base image's value, which then never ships.
            foreach (var f in read.ConfigFindings.TryGetValue(image, out var inConfig) ? inConfig : ScanConfig(image))
            {
                var overridden = f.Location switch
                {
                    EnvLocation env => overriddenEnv.Contains(env.Name, StringComparer.OrdinalIgnoreCase),
                    LabelLocation label => overriddenLabels.Contains(label.Key, StringComparer.OrdinalIgnoreCase),
                    _ => false,
                };
                if (!overridden)
                {
                    findings.Add(f with { Location = f.Location with { Base = origin } });
                }
            }

            findings.AddRange(Place(image, read, name));
            for (var i = 0; i < image.Manifest.Layers.Count; i++)
            {
                if (read.Failures.TryGetValue(image.Manifest.Layers[i].Digest, out var failure))
                {
                    findings.Add(failure with { Location = new LayerLocation(i, image.Manifest.Layers[i].Digest) { Base = origin } });
                }
            }
        }

        int files = 0;
        long bytes = 0;
        var unopened = new List<string>();
        var skipped = new List<string>();
        foreach (var result in read.Results.Values.Concat(read.Interrupted.Values))
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

            skipped.AddRange(result.SkippedFiles);
        }

        var stats = new ScanCoverage
        {
            Images = images.Count,
            Layers = read.Results.Count + read.Interrupted.Count,
            Files = files,
            Bytes = bytes,
            CachedLayerDigests = read.Cached,
            SharedLayerDigests = read.Shared,
            // Read to the end (or taken from the cache), in image order: what the verification need not read again.
            CheckedLayerDigests = images.SelectMany(i => i.Manifest.Layers).Select(l => l.Digest).Distinct(StringComparer.Ordinal)
                .Where(d => read.Results.ContainsKey(d) && !read.Failures.ContainsKey(d)).ToList(),
            SkippedFiles = skipped,
            UnopenedArchives = unopened,
        };
        return new BaseImageScan(findings.Distinct().ToList(), stats) { Stopped = read.Stopped };
    }

    /// <summary>Every Env entry, label, history step and other string of the image's config; not Entrypoint and Cmd, which the SDK replaces with the app's own.</summary>
    private List<Finding> ScanConfig(ImageToScan image) =>
        _config.Scan(image.Config with { Entrypoint = [], Cmd = [] }).ToList();

    /// <summary>How long to wait for another build reading the same layer before reading it here too.</summary>
    internal static TimeSpan SharedLayerWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Reads every layer of the images once (layers shared by several platforms once), from the cache when
    /// it holds them. A layer another build (another project of the solution, in this process or another
    /// node) is reading at the same time is not read twice: this one waits for it, then takes its result
    /// from the cache; it reads the layer itself only if the other could not finish it. The layers this
    /// check reads are claimed first, so two builds never wait on each other.
    /// </summary>
    /// <remarks>
    /// A check that runs past SecretGuardTimeBudget stops there and returns what it read, with
    /// <see cref="BaseImageLayers.Stopped"/> set: the layers read to their end are kept (and cached), a
    /// layer cut short only as <see cref="BaseImageLayers.Interrupted"/>.
    /// </remarks>
    /// <exception cref="OperationCanceledException">The check was stopped (the build failed or was cancelled); nothing half-read is cached.</exception>
    public BaseImageLayers ReadLayers(IReadOnlyList<ImageToScan> images, CancellationToken cancel = default)
    {
        var read = new BaseImageLayers();
        foreach (var image in images)
        {
            if (read.Stopped is not null)
            {
                break;
            }

            var mine = new List<Descriptor>();
            var claims = new List<IDisposable>();
            var othersReading = new List<Descriptor>();
            try
            {
                foreach (var layer in image.Manifest.Layers.DistinctBy(l => l.Digest))
                {
                    if (read.Results.ContainsKey(layer.Digest))
                    {
                        continue;
                    }

                    if (TakeFromCache(read, layer))
                    {
                        continue;
                    }

                    if (cache is null)
                    {
                        mine.Add(layer);
                    }
                    else if (cache.TryClaim(layer) is { } claim)
                    {
                        claims.Add(claim);
                        // Finished by another build between the look-up and the claim.
                        if (!TakeFromCache(read, layer))
                        {
                            mine.Add(layer);
                        }
                    }
                    else
                    {
                        othersReading.Add(layer);
                    }
                }

                Keep(read, ScanLayers(image.Blobs, mine, DiffIdsByDigest(image), cancel, out var stopped));
                read.Stopped = stopped;
            }
            finally
            {
                foreach (var claim in claims)
                {
                    claim.Dispose();
                }
            }

            foreach (var layer in othersReading)
            {
                if (read.Stopped is not null)
                {
                    break;
                }

                using var claim = cache!.WaitForClaim(layer, SharedLayerWait, cancel);
                if (TakeFromCache(read, layer, shared: true))
                {
                    continue;
                }

                Keep(read, ScanLayers(image.Blobs, [layer], DiffIdsByDigest(image), cancel, out var stopped));
                read.Stopped = stopped;
            }
        }

        // The configs after the layers, so that a cold check's layers start first (the rules are warm by
        // then); with every layer cached this is the rules' first use, here rather than in the gate.
        if (read.Stopped is null)
        {
            foreach (var image in images)
            {
                if (!read.ConfigFindings.ContainsKey(image))
                {
                    read.ConfigFindings[image] = ScanConfig(image); // an image listed twice is read once
                }
            }
        }

        return read;
    }

    private bool TakeFromCache(BaseImageLayers read, Descriptor layer, bool shared = false)
    {
        if (cache?.TryGet(layer) is not { } hit)
        {
            return false;
        }

        read.Results[layer.Digest] = hit;
        (shared ? read.Shared : read.Cached).Add(layer.Digest);
        return true;
    }

    private void Keep(BaseImageLayers read, List<ScannedLayer> scanned)
    {
        foreach (var layer in scanned)
        {
            if (layer.Interrupted)
            {
                read.Interrupted[layer.Layer.Digest] = layer.Result;
                continue;
            }

            read.Results[layer.Layer.Digest] = layer.Result;
            if (layer.Failure is not null)
            {
                read.Failures[layer.Layer.Digest] = layer.Failure;
            }

            // A layer read only in part (files over the size limit) is not a result to keep.
            if (layer.Complete)
            {
                cache?.Put(layer.Layer, layer.Result);
            }
        }
    }

    /// <summary>How many layers are read at once, when the source allows it.</summary>
    public static int ConcurrentLayers { get; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>
    /// Scans the layers, several at a time when the source can read them so. One layer already runs on
    /// two cores (decompression ahead of the scan), but rarely keeps both busy: a runtime layer waits on
    /// decompression, a layer of system text on the scan. Two layers at once fill the gaps (figures in
    /// docs/performance.md). The largest layers are
    /// started first: the image is done when its last layer is, so a large layer left to the end would
    /// run alone while the other cores wait. Each thread has a scanner of its own; results and skipped
    /// files keep the layers' order however the threads interleave. A layer that cannot be read is a
    /// failure of that layer alone: the others are still read, and what it yielded before it failed is kept.
    /// </summary>
    /// <param name="stopped">Set when the check ran out of time: the layers read until then are returned, those cut short as interrupted, those not started not at all.</param>
    private List<ScannedLayer> ScanLayers(IBlobSource blobs, List<Descriptor> layers, IReadOnlyDictionary<string, string> diffIds, CancellationToken cancel, out ScanTimeBudgetException? stopped)
    {
        var done = new List<ScannedLayer>();
        stopped = null;
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
            var scanner = new LayerScanner(files);
            Exception? sourceFailure = null;
            Descriptor? reading = null;
            try
            {
                blobs.ReadBlobs(layers, (descriptor, blob) =>
                {
                    reading = descriptor;
                    var (result, failure) = scanner.Scan(descriptor, blob, diffId: diffIds.GetValueOrDefault(descriptor.Digest), cancel: cancel);
                    byDigest[descriptor.Digest] = Scanned(descriptor, result, failure);
                });
            }
            catch (ScanTimeBudgetException ex)
            {
                stopped = ex;
                if (reading is not null && ex.LayerSoFar is { } soFar && !byDigest.ContainsKey(reading.Digest))
                {
                    byDigest[reading.Digest] = Interrupted(reading, soFar);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                sourceFailure = ex;
            }

            foreach (var layer in layers)
            {
                if (byDigest.TryGetValue(layer.Digest, out var scanned))
                {
                    done.Add(scanned);
                }
                else if (stopped is null)
                {
                    done.Add(NotRead(layer, sourceFailure));
                }
            }

            return done;
        }

        var results = new ScannedLayer?[layers.Count];
        ExceptionDispatchInfo? checkFailure = null;
        var largestFirst = LargestFirst(layers);
        var next = -1;
        var stop = new StrongBox<bool>();
        void Work(LayerScanner scanner)
        {
            int taken;
            while (!Volatile.Read(ref stop.Value) && !cancel.IsCancellationRequested && (taken = Interlocked.Increment(ref next)) < layers.Count)
            {
                var i = largestFirst[taken];
                try
                {
                    blobs.ReadBlobs([layers[i]], (descriptor, blob) =>
                    {
                        var (result, failure) = scanner.Scan(descriptor, blob, diffId: diffIds.GetValueOrDefault(descriptor.Digest), stop: stop, cancel: cancel);
                        results[i] = Scanned(descriptor, result, failure);
                    });
                }
                catch (LayerScanStopped ex)
                {
                    if (ex.LayerSoFar is { } soFar)
                    {
                        results[i] = Interrupted(layers[i], soFar);
                    }

                    return;
                }
                catch (Exception ex) when (ex is ScanTimeBudgetException or OperationCanceledException)
                {
                    // The check as a whole is over: the other threads stop too, and this is what is reported.
                    if (ex is ScanTimeBudgetException { LayerSoFar: { } soFar })
                    {
                        results[i] = Interrupted(layers[i], soFar);
                    }

                    Interlocked.CompareExchange(ref checkFailure, ExceptionDispatchInfo.Capture(ex), null);
                    Volatile.Write(ref stop.Value, true);
                    return;
                }
                catch (Exception ex)
                {
                    // Fetching the blob failed (a thread's own exception would end the build process).
                    results[i] = NotRead(layers[i], ex);
                }
            }
        }

        var workers = new Thread[threads - 1];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = CheckThreads.Start("SecretGuard layer scan", () => Work(new LayerScanner(files.ForAnotherThread())));
        }

        Work(new LayerScanner(files.ForAnotherThread()));
        foreach (var worker in workers)
        {
            worker.Join();
        }

        if (checkFailure?.SourceException is not ScanTimeBudgetException)
        {
            checkFailure?.Throw();
        }

        cancel.ThrowIfCancellationRequested();
        stopped = checkFailure?.SourceException as ScanTimeBudgetException;
        for (var i = 0; i < layers.Count; i++)
        {
            // Out of time, a layer no thread started is not read: the stop is reported, not the layer.
            if (results[i] is { } scanned)
            {
                done.Add(scanned);
            }
            else if (stopped is null)
            {
                done.Add(NotRead(layers[i], null));
            }
        }

        return done;
    }

    /// <summary>
    /// Each layer's diff_id from the config, by the layer's digest. A config that lists another number of
    /// diff_ids than the manifest has layers names none of them reliably: nothing is checked against it then.
    /// </summary>
    internal static Dictionary<string, string> DiffIdsByDigest(ImageToScan image)
    {
        var byDigest = new Dictionary<string, string>(StringComparer.Ordinal);
        var layers = image.Manifest.Layers;
        if (image.Config.DiffIds.Count == layers.Count)
        {
            for (var i = 0; i < layers.Count; i++)
            {
                byDigest.TryAdd(layers[i].Digest, image.Config.DiffIds[i]);
            }
        }

        return byDigest;
    }

    /// <summary>A layer the source could not deliver at all.</summary>
    private static ScannedLayer NotRead(Descriptor layer, Exception? cause) =>
        new(layer, new LayerResult([], [], 0, 0, []), Complete: false, LayerFailure(layer, cause ?? new ImageReadException(ImageReadFailure.MissingBlob, Messages.LayerNotReached(layer.Digest))));

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

    /// <summary>A layer read: complete (a result to cache) when it was read to its end and no file in it was skipped for its size.</summary>
    private static ScannedLayer Scanned(Descriptor layer, LayerResult result, Finding? failure) =>
        new(layer, result, failure is null && result.SkippedFiles.Count == 0, failure);

    /// <summary>A layer the check's stop cut short: what it yielded so far, to report, never to cache.</summary>
    private static ScannedLayer Interrupted(Descriptor layer, LayerResult soFar) => new(layer, soFar, Complete: false) { Interrupted = true };

    // A class, not a tuple: lists of reference types share code the runtime ships compiled ahead of
    // time; a list of a value tuple would be compiled on the spot in every build.
    private sealed record ScannedLayer(Descriptor Layer, LayerResult Result, bool Complete, Finding? Failure = null)
    {
        public bool Interrupted { get; init; }
    }

    /// <summary>
    /// Gives each layer's findings its index in this image, and the later layer that deletes the file, if
    /// any. A layer not read (the check ran out of time first) has no findings to place.
    /// </summary>
    private static IEnumerable<Finding> Place(ImageToScan image, BaseImageLayers read, string imageName)
    {
        var layers = image.Manifest.Layers;
        for (var i = 0; i < layers.Count; i++)
        {
            foreach (var finding in read.Yielded(layers[i].Digest)?.Findings ?? [])
            {
                var path = OuterPath(finding.Location);
                int? deletedIn = null;
                for (var j = i + 1; j < layers.Count && deletedIn is null; j++)
                {
                    if (read.Yielded(layers[j].Digest)?.Whiteouts.Any(w => w.Hides(path)) == true)
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
