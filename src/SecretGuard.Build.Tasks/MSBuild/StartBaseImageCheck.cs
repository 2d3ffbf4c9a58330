using Microsoft.Build.Framework;
using SecretGuard.ImageReading;
using SecretGuard.ImageReading.Registry;
using SecretGuard.Reporting;
using SecretGuard.Scanning;

namespace SecretGuard.MSBuild;

/// <summary>
/// Starts the base image check while the project compiles, when the build was asked to run
/// PublishContainer, and leaves it to the gate (<see cref="CheckContainerInputs"/>) to join. It never
/// fails the build and never reports a finding: whatever goes wrong here is reported by the gate, at
/// the same place as when the check starts there. The running check is registered with the build
/// engine for the build's lifetime, so a build that ends before the gate (a compile error, a
/// cancellation) stops it.
/// </summary>
public sealed class StartBaseImageCheck : Microsoft.Build.Utilities.Task
{
    /// <summary>The ContainerBaseImage the SDK will use (the project's, or what the SDK computes from the framework).</summary>
    public string? BaseImage { get; set; }

    /// <summary>The one container runtime identifier of a single-RID publish.</summary>
    public string? RuntimeIdentifier { get; set; }

    /// <summary>$(MSBuildProjectFullPath): a build whose command line names another project file builds this one only as a reference.</summary>
    public string? ProjectFile { get; set; }

    /// <summary>$(IntermediateOutputPath), as the gate gets it: names this project's build for the gate.</summary>
    [Required]
    public string StateDirectory { get; set; } = "";

    public string? CacheDirectory { get; set; }

    public string? ContentStoreDirectory { get; set; }

    public string? MaxFileSize { get; set; }

    public string? TimeBudget { get; set; }

    /// <summary>Whether the check was started (for the build's log and for tests).</summary>
    [Output]
    public bool Started { get; private set; }

    public override bool Execute()
    {
        try
        {
            if (!RequestedTargets.AskedOfThisBuild("PublishContainer", ProjectFile ?? ""))
            {
                Log.LogMessage(MessageImportance.Low, "SecretGuard: the base image is checked at the gate (this build was not started with PublishContainer for this project).");
                return true;
            }

            // A value the gate would reject starts nothing here: the gate reports it.
            var settings = CheckSettings.Read(new CheckSettingsText { MaxFileSize = MaxFileSize, TimeBudget = TimeBudget }, ProjectFile ?? "", []);
            if (string.IsNullOrWhiteSpace(BaseImage) || string.IsNullOrWhiteSpace(RuntimeIdentifier) || settings is null)
            {
                return true; // the gate reports what is missing or wrong
            }

            var plan = BaseImageCheckPlan.For(BaseImage, ImageReference.Parse(BaseImage!), RuntimeIdentifier, CacheDirectory, ContentStoreDirectory, settings.Limits);
            var registration = RegistrationKey(StateDirectory);
            if (BuildEngine4.GetRegisteredTaskObject(registration, RegisteredTaskObjectLifetime.Build) is EarlyBaseImageCheck running)
            {
                if (plan.CanJoin(running))
                {
                    return true;
                }

                BuildEngine4.UnregisterTaskObject(registration, RegisteredTaskObjectLifetime.Build);
                running.Dispose();
            }

            var check = plan.StartEarly(ThisNode.WholeFileBuffers);
            BuildEngine4.RegisterTaskObject(registration, check, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
            Started = true;
            Log.LogMessage(MessageImportance.Normal, "SecretGuard: base image '{0}' is being checked while the project builds.", BaseImage);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not a verdict: the gate checks the base image itself and reports any fault there.
            Log.LogMessage(MessageImportance.Low, "SecretGuard: the base image check was not started early ({0}: {1}); the gate will check it.", ex.GetType().Name, ex.Message);
        }

        return true;
    }

    /// <summary>The check the gate of this project may join, registered under this key for the build.</summary>
    internal static string RegistrationKey(string stateDirectory) =>
        "SecretGuard.EarlyBaseImageCheck|" + Path.GetFullPath(stateDirectory).TrimEnd('/', '\\');
}
