using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Reporting;

namespace SecretGuard.Scanning;

/// <summary>Finds credentials in the files of one layer, streaming each file once.</summary>
public sealed class LayerScanner(RuleSet rules)
{
    private readonly FileScanner _files = new(rules);

    public List<Finding> Scan(int layerIndex, Descriptor layer, Stream blob, ScanStatistics stats)
    {
        var findings = new List<Finding>();
        LayerReader.ReadFiles(layer, blob, file =>
        {
            stats.Files++;
            stats.Bytes += file.Size;
            findings.AddRange(_files.Scan(file.Path, file.Size, file.Content,
                (line, column) => new LayerFileLocation(layerIndex, layer.Digest, file.Path, line, column)));
        });
        stats.Layers++;
        return findings;
    }
}
