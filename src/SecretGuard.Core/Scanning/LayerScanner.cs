using System.Runtime.CompilerServices;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Findings;

namespace SecretGuard.Scanning;

/// <summary>Finds credentials in the files of one layer, streaming each file once.</summary>
internal sealed class LayerScanner(FileScanner files)
{
    /// <summary>
    /// Reads one layer. A layer that cannot be read to its end is returned with its failure (at the layer)
    /// and what it yielded before: never an exception that would lose the other layers.
    /// </summary>
    /// <param name="layerIndex">Where the findings are placed; 0 for a layer placed later (a base image's, cached by digest).</param>
    /// <param name="diffId">The layer's diff_id from the image config, checked against its content; null when unknown.</param>
    /// <param name="stop">Set when the check as a whole is over (another layer's thread ran out of time): the read stops with <see cref="LayerScanStopped"/>.</param>
    /// <exception cref="ScanTimeBudgetException">The check ran past SecretGuardTimeBudget; <see cref="ScanTimeBudgetException.LayerSoFar"/> holds what the layer yielded before.</exception>
    /// <exception cref="LayerScanStopped">Another layer's thread ran out of time; <see cref="LayerScanStopped.LayerSoFar"/> holds what this layer yielded before.</exception>
    /// <exception cref="OperationCanceledException">The check was stopped.</exception>
    public (LayerResult Result, Finding? Failure) Scan(Descriptor layer, Stream blob, int layerIndex = 0, string? diffId = null, StrongBox<bool>? stop = null, CancellationToken cancel = default)
    {
        var found = new List<Finding>();
        var whiteouts = new List<Whiteout>();
        List<string>? skipped = null;
        List<string>? unopened = null;
        var fileCount = 0;
        long bytes = 0;
        files.BeginLayer();
        Finding? failure = null;
        try
        {
            LayerReader.ReadFiles(layer, blob, file =>
            {
                if (stop is not null && Volatile.Read(ref stop.Value))
                {
                    throw new LayerScanStopped();
                }

                cancel.ThrowIfCancellationRequested();

                fileCount++;
                bytes += file.Size;
                var scan = files.Scan(file.Path, file.Size, new SourceStream(file.Content), layerIndex, layer.Digest);
                found.AddRange(scan.Findings);
                if (scan.SkippedFiles.Count > 0)
                {
                    (skipped ??= []).AddRange(scan.SkippedFiles);
                }

                if (scan.UnopenedArchives.Count > 0)
                {
                    (unopened ??= []).AddRange(scan.UnopenedArchives);
                }
            }, whiteouts.Add, unreadable: (path, reason) => found.Add(UnreadableEntry(layerIndex, layer, path, reason)), diffId);
        }
        catch (ScanTimeBudgetException ex) when (ex.LayerSoFar is null)
        {
            // The check is over, but what this layer held so far is still to be reported (never cached).
            throw new ScanTimeBudgetException(ex.Message) { LayerSoFar = SoFar() };
        }
        catch (LayerScanStopped ex) when (ex.LayerSoFar is null)
        {
            throw new LayerScanStopped { LayerSoFar = SoFar() };
        }
        catch (Exception ex) when (ex is not (LayerScanStopped or ScanTimeBudgetException or OperationCanceledException))
        {
            failure = Failure(layerIndex, layer, ex);
        }

        return (SoFar(), failure);

        LayerResult SoFar() => new(found, whiteouts, fileCount, bytes, (IReadOnlyList<string>?)unopened ?? []) { SkippedFiles = (IReadOnlyList<string>?)skipped ?? [] };
    }

    /// <summary>A tar entry the layer's reader could not read (skipped by its size, the layer read on).</summary>
    public static Finding UnreadableEntry(int layerIndex, Descriptor layer, string path, string reason) =>
        Finding.NotCheckedAt(new LayerFileLocation(layerIndex, layer.Digest, path, 0, 0), Messages.TarEntryNotRead(reason));

    /// <summary>What a layer's failure is reported as: its code (SG0002 missing, SG0003 corrupt, SG0011 registry) and cause, at the layer.</summary>
    public static Finding Failure(int layerIndex, Descriptor layer, Exception ex)
    {
        // The source failing while a file was read (a registry download stalling) is the source's failure.
        if (ex is SourceStreamException { InnerException: ImageReadException fromSource })
        {
            ex = fromSource;
        }

        var (code, message) = ex switch
        {
            ImageReadException read => (ImageReadCodes.For(read.Failure, withinLayer: true), read.Message),
            SourceStreamException source => (DiagnosticCodes.LayerCorrupt, Messages.LayerSourceFailed(layer.Digest, source.Message)),
            InvalidDataException or EndOfStreamException or IOException or FormatException => (DiagnosticCodes.LayerCorrupt, Messages.LayerUnreadable(layer.Digest, ex.Message.TrimEnd('.'))),
            _ => (DiagnosticCodes.LayerCorrupt, Messages.LayerUnreadable(layer.Digest, Messages.OwnFaultCause(ex, trim: true))),
        };
        var location = new LayerLocation(layerIndex, layer.Digest);
        return new Finding(code, Messages.LayerNotReadTitle, Confidence.High, message, "", location, "", Fingerprints.Compute(code, location, ""));
    }
}

/// <summary>A layer's read stopped because the check as a whole is over (not a failure of the layer).</summary>
internal sealed class LayerScanStopped : Exception
{
    /// <summary>What the layer yielded before it stopped: reported, never cached.</summary>
    public LayerResult? LayerSoFar { get; init; }
}
