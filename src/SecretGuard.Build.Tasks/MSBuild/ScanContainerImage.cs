using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.SourceMapping;

namespace SecretGuard.MSBuild;

/// <summary>
/// Checks the image PublishContainer just built. Thin glue: gathers the SDK's outputs and the user's
/// container items, runs <see cref="ContainerScan"/>, and logs what it returns.
/// </summary>
public sealed class ScanContainerImage : Microsoft.Build.Utilities.Task
{
    /// <summary>@(GeneratedContainer): metadata Manifest, Configuration, ManifestDigest.</summary>
    public ITaskItem[] GeneratedContainers { get; set; } = [];

    /// <summary>$(GeneratedContainerManifest)/$(GeneratedContainerConfiguration), used when the items are absent.</summary>
    public string? GeneratedContainerManifest { get; set; }

    public string? GeneratedContainerConfiguration { get; set; }

    public string? ArchiveOutputPath { get; set; }

    public string? ContentStoreDirectory { get; set; }

    [Required]
    public string ProjectFile { get; set; } = "";

    public string? WorkingDirectory { get; set; }

    public string? BaseImage { get; set; }

    public string[] PropertyFiles { get; set; } = [];

    public ITaskItem[] EnvironmentVariables { get; set; } = [];

    public ITaskItem[] Labels { get; set; } = [];

    public ITaskItem[] AppCommand { get; set; } = [];

    public ITaskItem[] AppCommandArgs { get; set; } = [];

    public ITaskItem[] DefaultArgs { get; set; } = [];

    public ITaskItem[] Entrypoint { get; set; } = [];

    public ITaskItem[] EntrypointArgs { get; set; } = [];

    /// <summary>@(ResolvedFileToPublish): the source files and their RelativePath in the publish folder.</summary>
    public ITaskItem[] PublishedFiles { get; set; } = [];

    /// <summary>Report findings as warnings instead of errors.</summary>
    public string? FindingsAsWarnings { get; set; }

    /// <summary>$(NoWarn): SG codes listed here are not reported as errors or warnings.</summary>
    public string? NoWarn { get; set; }

    public override bool Execute()
    {
        if (!TryParseBool(FindingsAsWarnings, "SecretGuardFindingsAsWarnings", out var asWarnings))
        {
            return false;
        }

        var project = new ProjectContext
        {
            ProjectFile = ProjectFile,
            WorkingDirectory = string.IsNullOrEmpty(WorkingDirectory) ? "/app/" : WorkingDirectory!,
            BaseImage = BaseImage ?? "",
            PropertyFiles = PropertyFiles,
            Items = Items("ContainerEnvironmentVariable", EnvironmentVariables)
                .Concat(Items("ContainerLabel", Labels))
                .Concat(Items("ContainerAppCommand", AppCommand))
                .Concat(Items("ContainerAppCommandArgs", AppCommandArgs))
                .Concat(Items("ContainerDefaultArgs", DefaultArgs))
                .Concat(Items("ContainerEntrypoint", Entrypoint))
                .Concat(Items("ContainerEntrypointArgs", EntrypointArgs))
                .ToList(),
            PublishedFiles = PublishedFiles
                .Where(i => !string.IsNullOrEmpty(i.GetMetadata("RelativePath")))
                .Select(i => new PublishedFile(i.GetMetadata("FullPath"), i.GetMetadata("RelativePath")))
                .ToList(),
        };

        ScanOutcome outcome;
        try
        {
            outcome = ContainerScan.Run(CollectImages(), project, RuleSet.Default);
        }
        catch (ImageReadException ex)
        {
            Log.LogError(null, DiagnosticCodes.ImageUnreadable, null, ProjectFile, 0, 0, 0, 0,
                "SecretGuard could not read the image the SDK reported: {0}. The image was not verified.", ex.Message.TrimEnd('.'));
            return false;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not StackOverflowException)
        {
            // Messages of our own and of the BCL's I/O and parsing exceptions name causes, not content.
            Log.LogError(null, DiagnosticCodes.InternalError, null, ProjectFile, 0, 0, 0, 0,
                "SecretGuard failed while checking the image ({0}: {1}). The image was not verified; please report this with the message.",
                ex.GetType().Name, ex.Message.TrimEnd('.'));
            return false;
        }

        var suppressed = Codes(NoWarn);
        foreach (var d in outcome.Diagnostics)
        {
            if (suppressed.Contains(d.Code))
            {
                Log.LogMessage(MessageImportance.Low, "{0}: {1} (suppressed by NoWarn)", d.Code, d.Message);
            }
            else if (d.IsFinding && asWarnings)
            {
                Log.LogWarning(null, d.Code, null, d.File, d.Line, d.Column, 0, 0, "{0}", d.Message);
            }
            else
            {
                Log.LogError(null, d.Code, null, d.File, d.Line, d.Column, 0, 0, "{0}", d.Message);
            }
        }

        Log.LogMessage(MessageImportance.High, "{0}", outcome.Summary);
        return !Log.HasLoggedErrors;
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

    private static IEnumerable<ContainerItem> Items(string itemType, ITaskItem[] items) =>
        items.Select(i => new ContainerItem(itemType, i.ItemSpec, i.GetMetadata("DefiningProjectFullPath")));

    private static HashSet<string> Codes(string? list) =>
        new((list ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);

    private bool TryParseBool(string? value, string property, out bool result)
    {
        result = false;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (bool.TryParse(value.Trim(), out result))
        {
            return true;
        }

        Log.LogError(null, DiagnosticCodes.InvalidSetting, null, ProjectFile, 0, 0, 0, 0,
            "{0} must be 'true' or 'false', not '{1}'.", property, value);
        return false;
    }
}
