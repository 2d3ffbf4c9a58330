using SecretGuard.Detection;
using SecretGuard.Reporting;

namespace SecretGuard.Scanning;

/// <summary>
/// Finds credentials in one file's content, wherever the file comes from (a layer being read, or the
/// publish folder that will become the app layer). Streams the content once.
/// </summary>
public sealed class FileScanner(RuleSet rules)
{
    private readonly TextStreamScanner _text = new(rules);

    /// <param name="locate">Builds the location of a hit from its line and column (0, 0 for binary files).</param>
    public IEnumerable<Finding> Scan(string imagePath, long size, Stream content, Func<int, int, ImageLocation> locate)
    {
        if (KeyStoreFileRule.IsCandidateName(imagePath))
        {
            var head = new byte[16];
            var n = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return KeyStoreFileRule.LooksLikePkcs12(head.AsSpan(0, n))
                ? [new Finding(KeyStoreFileRule.Id, KeyStoreFileRule.Title, Confidence.High, KeyStoreFileRule.Title, KeyStoreFileRule.RotationHint, locate(0, 0), $"({size} bytes)")]
                : [];
        }

        List<TextHit>? hits;
        try
        {
            hits = _text.Scan(content);
        }
        catch (RuleTimeoutException ex)
        {
            throw new ScanIncompleteException($"{locate(0, 0).Describe()} could not be fully checked: {ex.Message}");
        }

        return hits is null
            ? []
            : hits.Select(h => new Finding(h.Rule.Id, h.Rule.Title, h.Rule.Confidence, h.Match.Label, h.Rule.RotationHint, locate(h.Line, h.Column), h.RedactedSecret)).ToList();
    }
}

/// <summary>Part of the image could not be checked, so the scan cannot vouch for it.</summary>
public sealed class ScanIncompleteException(string message) : Exception(message);
