using Microsoft.Build.Framework;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.ImageReading.Registry;
using SecretGuard.Reporting;
using SecretGuard.Scanning;

namespace SecretGuard.MSBuild;

/// <summary>
/// The gate before PublishContainer builds and pushes the image: checks the container items the
/// project sets and the publish folder that becomes the app layer. A finding stops the build, so
/// nothing leaves the machine.
/// </summary>
public sealed class CheckContainerInputs : SecretGuardTask
{
    /// <summary>$(PublishDir): copied into the image under the working directory.</summary>
    public string? PublishDirectory { get; set; }

    /// <summary>$(ContainerUser): the user the SDK writes into the config.</summary>
    public string? User { get; set; }

    /// <summary>
    /// "true" in a multi-RID publish's inner build: the outer build checked the config and the base
    /// image, so only this RID's publish folder (its app layer) is checked here.
    /// </summary>
    public string? PublishDirectoryOnly { get; set; }

    /// <summary>$(ContainerBaseRegistry), $(ContainerBaseName), $(ContainerBaseTag), $(ContainerBaseDigest): the SDK's parse of ContainerBaseImage.</summary>
    public string? BaseRegistry { get; set; }

    public string? BaseName { get; set; }

    public string? BaseTag { get; set; }

    public string? BaseDigest { get; set; }

    /// <summary>$(ContainerRuntimeIdentifier) or $(ContainerRuntimeIdentifiers): the platforms whose base images to check.</summary>
    public string? RuntimeIdentifiers { get; set; }

    /// <summary>"false" to skip fetching and checking the base image.</summary>
    public string? ScanBaseImage { get; set; }

    /// <summary>$(SecretGuardStartBaseImageCheckEarly): read here so that a value other than true/false is SG0005 rather than ignored (the targets start the early check only for true or empty).</summary>
    public string? StartBaseImageCheckEarly { get; set; }

    /// <summary>$(IntermediateOutputPath): where the gate remembers which published files were clean.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Where layer results are cached; empty for the per-user default.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>The SDK's content store, where base layers it pulled before may be read instead of downloaded.</summary>
    public string? ContentStoreDirectory { get; set; }

    /// <summary>"true" when the image is built per RID from inner publishes (ContainerRuntimeIdentifiers): the publish folder here is then not the app layer.</summary>
    public string? MultiPlatform { get; set; }

    /// <summary>The outer gate starts the report; an inner build's gate adds to it.</summary>
    private protected override bool AddsToReports => string.Equals(PublishDirectoryOnly?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    public override bool Execute()
    {
        if (!TryReadSettings() || !TryReadBool(ScanBaseImage, "SecretGuardScanBaseImage", true, out var scanBase)
            || !TryReadBool(StartBaseImageCheckEarly, "SecretGuardStartBaseImageCheckEarly", true, out _)
            || !TryReadBool(PublishDirectoryOnly, nameof(PublishDirectoryOnly), false, out var publishOnly)
            || !TryReadBool(MultiPlatform, nameof(MultiPlatform), false, out var multiPlatform))
        {
            return false;
        }

        if (!publishOnly)
        {
            WarnAboutAcceptances();
        }

        RegistryClient? registry = null;
        try
        {
            var config = publishOnly ? null : new ImageConfig(
                EnvironmentVariables.Select(i => $"{i.ItemSpec}={i.GetMetadata("Value")}").ToList(),
                LabelsOf(Labels),
                Entrypoint.Concat(EntrypointArgs).Concat(AppCommand).Concat(AppCommandArgs).Select(i => i.ItemSpec).ToList(),
                DefaultArgs.Select(i => i.ItemSpec).ToList(),
                AppDirectory,
                [])
            {
                User = User ?? "",
            };
            var inputs = new ContainerInputs(config, PublishDirectory, scanBase && !publishOnly ? BaseImageRequest(out registry) : null, string.IsNullOrWhiteSpace(StateDirectory) ? null : StateDirectory);
            var outcome = ContainerCheck.RunBeforeBuild(inputs, CreateProjectContext(), RuleSet.Default, Settings.Limits, ThisNode.WholeFileBuffers);
            var ok = Report(outcome, isLastStep: false, cleanSummary: MessageImportance.Normal);

            // A single-RID image's app layer is this publish folder, copied as it is: the verification need not read it again.
            if (!multiPlatform && !publishOnly)
            {
                HandoverOut = (GateHandover.Parse(HandoverOut) with { AppLayerFilesChecked = outcome.Summary.PublishedFiles }).ToText();
            }

            // The base layers read here: the verification reads those of the built image that are not among them.
            if (!publishOnly && outcome.Summary.BaseImage is { } checkedBase)
            {
                HandoverOut = (GateHandover.Parse(HandoverOut) with { BaseImageChecked = new CheckedBaseImage(checkedBase.Name, checkedBase.CheckedLayerDigests) }).ToText();
            }

            return ok;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ReportInternalError(ex);
        }
        finally
        {
            registry?.Dispose();
        }
    }

    /// <summary>The ContainerLabel items as key and value. A loop: LINQ's generic code over a key-value pair is compiled on the spot in every build.</summary>
    private static List<KeyValuePair<string, string>> LabelsOf(ITaskItem[] items)
    {
        var labels = new List<KeyValuePair<string, string>>(items.Length);
        foreach (var item in items)
        {
            labels.Add(new KeyValuePair<string, string>(item.ItemSpec, item.GetMetadata("Value")));
        }

        return labels;
    }

    private BaseImageRequest? BaseImageRequest(out RegistryClient? registry)
    {
        registry = null;
        if (string.IsNullOrWhiteSpace(BaseName))
        {
            return null; // the SDK did not resolve a base image (PublishContainer will say why)
        }

        var plan = BaseImageCheckPlan.For(BaseImage, ImageReference.FromParts(BaseRegistry, BaseName!, BaseTag, BaseDigest), RuntimeIdentifiers, CacheDirectory, ContentStoreDirectory, Settings.Limits);
        var request = plan.Request(EarlyCheck(plan), out var client);
        registry = client;
        return request;
    }

    /// <summary>
    /// The check <see cref="StartBaseImageCheck"/> started while the project compiled, when it reads what
    /// this gate would; one that does not is stopped, and the gate reads the image itself.
    /// </summary>
    private EarlyBaseImageCheck? EarlyCheck(BaseImageCheckPlan plan)
    {
        if (string.IsNullOrWhiteSpace(StateDirectory) || BuildEngine is not IBuildEngine4 engine
            || engine.GetRegisteredTaskObject(StartBaseImageCheck.RegistrationKey(StateDirectory!), RegisteredTaskObjectLifetime.Build) is not EarlyBaseImageCheck early)
        {
            return null;
        }

        if (plan.CanJoin(early))
        {
            return early;
        }

        engine.UnregisterTaskObject(StartBaseImageCheck.RegistrationKey(StateDirectory!), RegisteredTaskObjectLifetime.Build);
        early.Dispose();
        Log.LogMessage(MessageImportance.Normal, "SecretGuard: the base image check started during the build read another image or platform than the SDK resolved; it was stopped and the gate checks '{0}'.", plan.Name);
        return null;
    }
}
