using SecretGuard.ImageReading;
using SecretGuard.Reporting;

namespace SecretGuard.Scanning;

/// <summary>Finds credentials in the files of one layer, streaming each file once.</summary>
public sealed class LayerScanner(FileScanner files)
{

    public List<Finding> Scan(int layerIndex, Descriptor layer, Stream blob, ScanStatistics stats)
    {
        var findings = new List<Finding>();
        LayerReader.ReadFiles(layer, blob, file =>
        {
            stats.Files++;
            stats.Bytes += file.Size;
            findings.AddRange(files.Scan(file.Path, file.Size, file.Content, layerIndex, layer.Digest));
        });
        stats.Layers++;
        return findings;
    }
}
