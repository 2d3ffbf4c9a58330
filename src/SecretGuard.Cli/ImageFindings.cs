using SecretGuard.Findings;
using SecretGuard.ImageReading;
using SecretGuard.Scanning;

namespace SecretGuard.Cli;

/// <summary>
/// Turns what the core found in an image into diagnostics that speak of the image, not of a project: the
/// place (<c>ENV X</c>, <c>history step 7</c>, <c>/app/x.json line 3 in layer 4</c>), the redacted value,
/// the revocation advice and the fingerprint. The secret itself is never in them.
/// </summary>
internal static class ImageFindings
{
    private const string Runtime = "deliver it at runtime as a mounted secret file or from a secret store, never in ENV, a label, an argument or an image layer";

    /// <param name="image">The image the finding is in, for messages.</param>
    public static Diagnostic Map(Finding finding, string image)
    {
        var place = Place(finding.Location);
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
            message = $"SecretGuard could not fully check image '{image}', {place}: {finding.Label.TrimEnd('.')}. A credential in it would not have been seen, so the check fails closed. "
                + $"Stop shipping the file or replace it with one that reads; if you know it holds no credential, accept it with --suppress \"SG0004:{imagePath ?? "/path"}=why\".";
        }
        else if (DiagnosticCodes.IsCheckFailure(finding.RuleId))
        {
            // A layer that could not be read at all (SG0002, SG0003, SG0011): nothing in it was checked.
            message = $"SecretGuard could not read image '{image}', {place}: {finding.Label.TrimEnd('.')}. Its files were not checked, so the image is not verified.";
            isFinding = false;
        }
        else
        {
            var what = finding.Label == finding.Title ? $"{finding.Title} [{finding.Redacted}]" : $"{finding.Title} ({finding.Label}) [{finding.Redacted}]";
            var rotate = finding.RotationHint.Length > 0
                ? $"Revoke and rotate it ({finding.RotationHint}): it is compromised once built into an image"
                : "Revoke and rotate it: it is compromised once built into an image";
            var fix = finding.Location switch
            {
                EnvLocation => $"remove the ENV and {Runtime}",
                LabelLocation => $"labels are public metadata: remove the label and {Runtime}",
                ArgumentLocation => $"remove it from the command line and {Runtime}",
                HistoryLocation => "rebuild the image passing secrets as build secrets (RUN --mount=type=secret), not ARG, ENV or URLs: every build step's command is in the image's history",
                AssemblyLocation => "remove it from the code and read it at runtime from configuration backed by a mounted secret file or a secret store",
                _ => "rebuild the image without it (pass build-time secrets with RUN --mount=type=secret, which never lands in a layer; deleting a file in a later layer does not remove it)",
            };
            var note = documentation ? " It is in a documentation folder, where it is most likely a published example: a warning; make sure it is not a real key." : "";
            message = $"{what} in image '{image}', {place}. {rotate}; {fix}.{note}";
        }

        return new Diagnostic(finding.RuleId, image, 0, 0, $"{message} (fingerprint {finding.Fingerprint})", isFinding,
            Fingerprint: isFinding ? finding.Fingerprint : "", ImagePath: imagePath, Place: finding.Location.StableKey, Confidence: finding.Confidence)
        {
            SecretKey = finding.SecretKey,
            IsDocumentation = documentation,
        };
    }

    /// <summary>Where in the image, for people: ENV X, LABEL k, Entrypoint argument 2, history step 7, /app/x.json line 3 in layer 4.</summary>
    public static string Place(ImageLocation location)
    {
        var deleted = location.Base?.DeletedInLayer is { } j ? $", deleted in layer {j + 1} but still recoverable by anyone who pulls the image" : "";
        return location switch
        {
            EnvLocation env => $"ENV {env.Name}",
            LabelLocation label => $"LABEL {label.Key}",
            ArgumentLocation arg => $"{arg.Field} argument {arg.Index + 1}",
            HistoryLocation history => $"history step {history.Index + 1}",
            LayerFileLocation f => $"{f.Path}{(f.Line > 0 ? $" line {f.Line}" : "")}{(f.Bundle is null ? "" : $" inside the single-file bundle {f.Bundle}")} in layer {f.LayerIndex + 1}{deleted}",
            AssemblyLocation a => a.Describe() + deleted,
            LayerLocation layer => $"layer {layer.LayerIndex + 1} ({layer.Digest})",
            var other => other.Describe(),
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
        new(code, image, 0, 0, $"SecretGuard could not check image '{image}': {cause.TrimEnd('.')}. The image is not verified.", IsFinding: false);
}
