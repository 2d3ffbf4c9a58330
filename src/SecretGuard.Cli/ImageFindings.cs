using SecretGuard.Findings;

namespace SecretGuard.Cli;

/// <summary>
/// Turns what the core found in an image into diagnostics that speak of the image, not of a project: the
/// place (<c>ENV X</c>, <c>history step 7</c>, <c>/app/x.json line 3 in layer 4</c>), the redacted value,
/// the revocation advice and the fingerprint. The secret itself is never in them. The sentences are the
/// core's <see cref="Messages"/>, the same the build uses.
/// </summary>
internal static class ImageFindings
{
    /// <param name="image">The image the finding is in, for messages.</param>
    public static Diagnostic Map(Finding finding, string image)
    {
        var place = Messages.ImagePlace(finding.Location);
        var imagePath = finding.Location switch
        {
            LayerFileLocation f => f.Path,
            AssemblyLocation a => a.Path,
            _ => null,
        };
        var documentation = imagePath is not null && ImageReading.DocumentationPaths.Contains(imagePath);
        string message;
        var isFinding = true;
        if (finding.IsNotChecked)
        {
            message = Messages.NotFullyChecked(Messages.InImageAt(image, place), finding.Label, Messages.SuppressArgument(imagePath), finding.Location.IsConfigEntry);
        }
        else if (DiagnosticCodes.IsCheckFailure(finding.RuleId))
        {
            // A layer that could not be read at all (SG0002, SG0003, SG0011): nothing in it was checked.
            message = Messages.LayerNotRead(Messages.InImageAt(image, place), finding.Label, inBuild: false);
            isFinding = false;
        }
        else
        {
            message = Messages.InImage(finding, image, place, documentation);
        }

        return new Diagnostic(finding.RuleId, image, 0, 0, Messages.WithFingerprint(message, finding.Fingerprint), isFinding,
            Fingerprint: isFinding ? finding.Fingerprint : "", ImagePath: imagePath, Place: finding.Location.StableKey, Confidence: finding.Confidence)
        {
            SecretKey = finding.SecretKey,
            IsDocumentation = documentation,
            ImageLine = finding.LineInImageFile,
        };
    }

    /// <summary>The layer (1-based) a place is in, for SARIF's logical locations; null for the config.</summary>
    public static int? LayerOf(ImageLocation location) => location switch
    {
        LayerFileLocation f => f.LayerIndex + 1,
        AssemblyLocation a => a.LayerIndex + 1,
        LayerLocation l => l.LayerIndex + 1,
        _ => null,
    };

    /// <summary>A whole image (or listing) that could not be read: not verified, never a pass.</summary>
    public static Diagnostic NotRead(string image, string code, string cause) =>
        new(code, image, 0, 0, Messages.ImageNotRead(image, cause), IsFinding: false);
}
