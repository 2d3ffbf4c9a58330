using Microsoft.Build.Framework;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
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

    protected override bool MergesReport => false;

    public override bool Execute()
    {
        if (!TryReadSettings(out var asWarnings))
        {
            return false;
        }

        WarnAboutUnjustifiedSuppressions();

        try
        {
            var config = new ImageConfig(
                EnvironmentVariables.Select(i => $"{i.ItemSpec}={i.GetMetadata("Value")}").ToList(),
                Labels.Select(i => new KeyValuePair<string, string>(i.ItemSpec, i.GetMetadata("Value"))).ToList(),
                Entrypoint.Concat(EntrypointArgs).Concat(AppCommand).Concat(AppCommandArgs).Select(i => i.ItemSpec).ToList(),
                DefaultArgs.Select(i => i.ItemSpec).ToList(),
                AppDirectory,
                []);
            var inputs = new ContainerInputs(config, PublishDirectory);
            var outcome = ContainerScan.RunBeforeBuild(inputs, CreateProjectContext(), RuleSet.Default);
            CheckedFiles = outcome.Statistics.Files;
            CheckedMilliseconds = outcome.Statistics.ElapsedMilliseconds;
            return Report(outcome, asWarnings, cleanSummary: MessageImportance.Normal);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ReportInternalError(ex);
        }
    }
}
