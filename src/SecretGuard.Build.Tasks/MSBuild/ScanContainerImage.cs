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

    protected override bool MergesReport => true;

    /// <summary>
    /// Set (to the gate's file count) when the gate checked the publish folder that is exactly this image's
    /// app layer; the app layer is then not read again. Empty: read and scan the app layers.
    /// </summary>
    public string? AppLayerCheckedFiles { get; set; }

    /// <summary>How long the gate took; its own summary line reports it, so this step's line does not add it.</summary>
    public string? AppLayerCheckMilliseconds { get; set; }

    /// <summary>Suppressions the gate matched; with this step's, the rest are reported as stale (SG0009).</summary>
    public ITaskItem[] SuppressionsMatchedBefore { get; set; } = [];

    /// <summary>Fingerprints the gate suppressed, for the summary's count.</summary>
    public ITaskItem[] SuppressedBefore { get; set; } = [];

    /// <summary>In update mode, what the gate found, to record in the baseline with this step's findings.</summary>
    public ITaskItem[] BaselineEntriesBefore { get; set; } = [];

    public override bool Execute()
    {
        if (!TryReadSettings(out var asWarnings))
        {
            return false;
        }

        try
        {
            var checkedBeforeBuild = int.TryParse(AppLayerCheckedFiles, out var files)
                ? new ScanStatistics { Files = files, ElapsedMilliseconds = long.TryParse(AppLayerCheckMilliseconds, out var ms) ? ms : 0 }
                : null;
            var project = CreateProjectContext();
            var outcome = ContainerScan.Run(CollectImages(), project, RuleSet.Default, checkedBeforeBuild, SuppressedBefore.Select(i => i.ItemSpec).ToList(), Limits);
            var ok = Report(outcome, asWarnings);
            if (UpdatingBaseline && ok && !string.IsNullOrEmpty(BaselinePath))
            {
                var entries = BaselineEntriesBefore.Concat(BaselineEntries)
                    .Select(i => new BaselineEntry(i.ItemSpec, i.GetMetadata("Rule"), i.GetMetadata("Where"))).DistinctBy(e => e.Fingerprint).ToList();
                Baseline.Write(BaselinePath!, entries);
                Log.LogMessage(MessageImportance.High, "SecretGuard: wrote {0} finding(s) to the baseline {1}; later publishes fail only on new ones.", entries.Count, BaselinePath);
            }
            else if (outcome.Diagnostics.All(d => d.IsFinding))
            {
                WarnAboutStaleSuppressions(project.Suppressions, outcome);
            }

            return ok;
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

    /// <summary>
    /// A suppression or baseline entry nothing matched, in the gate or here, no longer protects anything:
    /// say so (SG0009), at its line.
    /// </summary>
    private void WarnAboutStaleSuppressions(IReadOnlyList<Suppression> suppressions, ScanOutcome outcome)
    {
        var matched = new HashSet<string>(SuppressionsMatchedBefore.Select(i => i.ItemSpec).Concat(outcome.MatchedSuppressions), StringComparer.Ordinal);
        foreach (var s in suppressions.Where(s => !matched.Contains(s.Include)))
        {
            var at = s.DefinedAt ?? new SourceLocation(ProjectFile, 0, 0);
            var what = s.FromBaseline ? "Baseline entry" : "SecretGuardSuppress";
            Log.LogWarning(null, DiagnosticCodes.StaleSuppression, null, at.File, at.Line, at.Column, 0, 0,
                "{0} '{1}' matched nothing in this image: remove it, so that it cannot hide a new leak later.", what, s.Include);
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
