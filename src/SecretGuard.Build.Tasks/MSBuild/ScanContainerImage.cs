using Microsoft.Build.Framework;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.SourceMapping;
using SecretGuard.Findings;

namespace SecretGuard.MSBuild;

/// <summary>
/// Verifies the image PublishContainer just built: its whole config, its app layer, and any base layer the
/// gate did not check, read back from the tarball or the SDK's content store.
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
            var images = () => SdkImageOutputs.Collect(
                GeneratedContainers.Select(i => new GeneratedImage(i.GetMetadata("ManifestDigest"), i.GetMetadata("Manifest"), i.GetMetadata("Configuration"))),
                new GeneratedImage("", GeneratedContainerManifest ?? "", GeneratedContainerConfiguration ?? ""),
                ArchiveOutputPath,
                ContentStoreDirectory);
            var before = GateHandover.Parse(Handover);
            var outcome = ContainerCheck.Run(images, CreateProjectContext(), RuleSet.Default, before.AppLayerFilesChecked, Settings.Limits, ThisNode.WholeFileBuffers, before.BaseImageChecked);
            return Report(outcome, isLastStep: true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ReportInternalError(ex);
        }
    }
}
