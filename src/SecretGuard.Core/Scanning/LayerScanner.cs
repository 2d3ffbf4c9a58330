using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Findings;

namespace SecretGuard.Scanning;

/// <summary>Finds credentials in the files of one layer, streaming each file once.</summary>
internal sealed class LayerScanner(FileScanner files)
{
    /// <summary>
    /// The layer's findings. A layer that cannot be read to its end is one more finding (its failure, at
    /// the layer) after what it yielded before: never an exception that would lose the other layers.
    /// </summary>
    /// <exception cref="ScanTimeBudgetException">The check ran past SecretGuardTimeBudget.</exception>
    public List<Finding> Scan(int layerIndex, Descriptor layer, Stream blob, ScanStatistics stats)
    {
        var findings = new List<Finding>();
        files.BeginLayer();
        try
        {
            LayerReader.ReadFiles(layer, blob, file =>
            {
                stats.Files++;
                stats.Bytes += file.Size;
                findings.AddRange(files.Scan(file.Path, file.Size, new SourceStream(file.Content), layerIndex, layer.Digest));
            }, unreadable: (path, reason) => findings.Add(UnreadableEntry(layerIndex, layer, path, reason)));
        }
        catch (Exception ex) when (ex is not (ScanTimeBudgetException or OperationCanceledException))
        {
            findings.Add(Failure(layerIndex, layer, ex));
        }

        stats.Layers++;
        return findings;
    }

    /// <summary>A tar entry the layer's reader could not read (skipped by its size, the layer read on).</summary>
    public static Finding UnreadableEntry(int layerIndex, Descriptor layer, string path, string reason) =>
        Finding.NotCheckedAt(new LayerFileLocation(layerIndex, layer.Digest, path, 0, 0), $"the layer's tar reader could not read it: {reason.TrimEnd('.')}");

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
            SourceStreamException source => (DiagnosticCodes.LayerCorrupt, $"layer {layer.Digest} failed while a file in it was read: {source.Message.TrimEnd('.')}"),
            InvalidDataException or EndOfStreamException or IOException or FormatException => (DiagnosticCodes.LayerCorrupt, $"layer {layer.Digest} cannot be read: {ex.Message.TrimEnd('.')}"),
            _ => (DiagnosticCodes.LayerCorrupt, $"layer {layer.Digest} cannot be read: {ex.GetType().Name}: {ex.Message.TrimEnd('.')} (a fault of SecretGuard's: please report it with this message)"),
        };
        var location = new LayerLocation(layerIndex, layer.Digest);
        return new Finding(code, "Layer could not be read", Confidence.High, message, "", location, "", Fingerprints.Compute(code, location, ""));
    }
}
