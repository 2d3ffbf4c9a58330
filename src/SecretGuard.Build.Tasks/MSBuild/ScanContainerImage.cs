using Microsoft.Build.Framework;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.SourceMapping;
using SecretGuard.Findings;

namespace SecretGuard.MSBuild;

/// <summary>
/// Verifies the image PublishContainer just built: its whole config and its app layer, read back from
/// the tarball or the SDK's content store.
/// </summary>
public sealed class ScanContainerImage : SecretGuardTask
{
    /// <summary>@(GeneratedContainer): metadata Manifest, Configuration, ManifestDigest.</summary>
    public ITaskItem[] GeneratedContainers { get; set; } = [];

    /// <summary>$(GeneratedContainerManifest)/$(GeneratedContainerConfiguration), used when the items are absent.</summary>
    public string? GeneratedContainerManifest { get; set; }

    public string? GeneratedContainerConfiguration { get; set; }

    public string? ArchiveOutputPath { get; set; }

    public string? ContentStoreDirectory { get; set; }

    private protected override bool AddsToReports => true;

    public override bool Execute()
    {
        if (!TryReadSettings())
        {
            return false;
        }

        try
        {
            var before = GateHandover.Parse(Handover);
            var outcome = ContainerCheck.Run(CollectImages(), CreateProjectContext(), RuleSet.Default, before.AppLayerFilesChecked, Settings.NewLimits());
            return Report(outcome, isLastStep: true);
        }
        catch (ImageReadException ex)
        {
            Log.LogError(null, DiagnosticCodes.ImageUnreadable, null, ProjectFile, 0, 0, 0, 0,
                "SecretGuard could not read the image the SDK reported: {0}. The image was not verified.", ex.Message.TrimEnd('.'));
            return false;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ReportInternalError(ex);
        }
    }

    private List<ImageToScan> CollectImages()
    {
        var stores = ContentStoreBlobSource.DefaultDirectories(ContentStoreDirectory);
        var images = new List<ImageToScan>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        // The SDK adds the same image twice (inside _PublishSingleContainer and through CallTarget).
        foreach (var item in GeneratedContainers)
        {
            var manifest = item.GetMetadata("Manifest");
            var config = item.GetMetadata("Configuration");
            var digest = item.GetMetadata("ManifestDigest");
            if (string.IsNullOrEmpty(manifest) || string.IsNullOrEmpty(config) || !seen.Add(string.IsNullOrEmpty(digest) ? manifest : digest))
            {
                continue;
            }

            images.Add(SdkImageOutputs.Create(digest, manifest, config, ArchiveOutputPath, stores));
        }

        if (images.Count == 0 && !string.IsNullOrEmpty(GeneratedContainerManifest) && !string.IsNullOrEmpty(GeneratedContainerConfiguration))
        {
            images.Add(SdkImageOutputs.Create("image", GeneratedContainerManifest!, GeneratedContainerConfiguration!, ArchiveOutputPath, stores));
        }

        return images;
    }
}
