using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Reporting;

namespace SecretGuard.Scanning;

/// <summary>Finds credentials in the files of one layer, streaming each file once.</summary>
public sealed class LayerScanner(RuleSet rules)
{
    private readonly TextStreamScanner _text = new(rules);

    public List<Finding> Scan(int layerIndex, Descriptor layer, Stream blob, ScanStatistics stats)
    {
        var findings = new List<Finding>();
        LayerReader.ReadFiles(layer, blob, file =>
        {
            stats.Files++;
            stats.Bytes += file.Size;
            findings.AddRange(ScanFile(layerIndex, layer, file));
        });
        stats.Layers++;
        return findings;
    }

    private IEnumerable<Finding> ScanFile(int layerIndex, Descriptor layer, LayerFile file)
    {
        if (KeyStoreFileRule.IsCandidateName(file.Path))
        {
            var head = new byte[16];
            var n = file.Content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (KeyStoreFileRule.LooksLikePkcs12(head.AsSpan(0, n)))
            {
                return
                [
                    new Finding(KeyStoreFileRule.Id, KeyStoreFileRule.Title, Confidence.High, "PKCS#12 key store", KeyStoreFileRule.RotationHint,
                        new LayerFileLocation(layerIndex, layer.Digest, file.Path, 0, 0), $"({file.Size} bytes)"),
                ];
            }

            return [];
        }

        List<TextHit>? hits;
        try
        {
            hits = _text.Scan(file.Content);
        }
        catch (RuleTimeoutException ex)
        {
            throw new ScanIncompleteException($"{file.Path} in layer {layerIndex + 1} could not be fully checked: {ex.Message}");
        }

        return hits is null
            ? []
            : hits.Select(h => new Finding(h.Rule.Id, h.Rule.Title, h.Rule.Confidence, h.Match.Label, h.Rule.RotationHint,
                new LayerFileLocation(layerIndex, layer.Digest, file.Path, h.Line, h.Column), h.RedactedSecret));
    }
}

/// <summary>Part of the image could not be checked, so the scan cannot vouch for it.</summary>
public sealed class ScanIncompleteException(string message) : Exception(message);
