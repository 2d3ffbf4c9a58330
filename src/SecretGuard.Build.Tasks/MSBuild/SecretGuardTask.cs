using Microsoft.Build.Framework;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.SourceMapping;
using SecretGuard.Findings;

namespace SecretGuard.MSBuild;

/// <summary>
/// What both SecretGuard tasks share: the project's container items and settings in, and logging of
/// a <see cref="ScanOutcome"/> out. No scanning logic lives here.
/// </summary>
public abstract class SecretGuardTask : Microsoft.Build.Utilities.Task
{
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

    /// <summary>@(Compile): searched for literals found in the app's assemblies, to point at the line of code.</summary>
    public ITaskItem[] SourceFiles { get; set; } = [];

    /// <summary>$(SecretGuardEnabled): the targets run the task unless it is "false"; any value but true, false or empty is SG0005.</summary>
    public string? Enabled { get; set; }

    /// <summary>Report findings as warnings instead of errors.</summary>
    public string? FindingsAsWarnings { get; set; }

    /// <summary>Report what the base image brings as warnings (the project's own findings stay errors).</summary>
    public string? BaseImageFindingsAsWarnings { get; set; }

    /// <summary>"false" to fail on credentials in NuGet packages' files and assemblies too (default: warnings).</summary>
    public string? ThirdPartyFindingsAsWarnings { get; set; }

    /// <summary>The least confidence that fails the build: "high" (default: findings of medium confidence are warnings) or "medium" (every finding fails).</summary>
    public string? MinimumConfidence { get; set; }

    /// <summary>Files larger than this ("50MB", bytes) are not read; empty for no limit.</summary>
    public string? MaxFileSize { get; set; }

    /// <summary>Seconds each check may take; empty for no limit.</summary>
    public string? TimeBudget { get; set; }

    /// <summary>Each rule's documentation address in SARIF (helpUri), with {0} for the rule id; empty for none.</summary>
    public string? RuleHelpUri { get; set; }

    /// <summary>Where to write a JSON report for scripts; empty for none.</summary>
    public string? JsonReportPath { get; set; }

    /// <summary>$(NoWarn): SG codes listed here are not reported (never a check that did not run).</summary>
    public string? NoWarn { get; set; }

    /// <summary>@(SecretGuardSuppress): accepted findings, each with a Justification.</summary>
    public ITaskItem[] Suppressions { get; set; } = [];

    /// <summary>Where to write a SARIF 2.1.0 report; empty for none.</summary>
    public string? SarifPath { get; set; }

    /// <summary>secretguard.baseline.json: findings accepted when SecretGuard was adopted.</summary>
    public string? BaselinePath { get; set; }

    /// <summary>"true": record every current finding in the baseline instead of failing on it.</summary>
    public string? UpdateBaseline { get; set; }

    /// <summary>False for the gate, which starts the reports; true for the verification, which adds to it.</summary>
    private protected abstract bool AddsToReports { get; }

    /// <summary>What the gate handed over, for the verification (see <see cref="GateHandover"/>); empty for the gate.</summary>
    public string? Handover { get; set; }

    /// <summary>What this step hands to the next: what it reported, accepted and read.</summary>
    [Output]
    public string HandoverOut { get; private protected set; } = "";

    protected string AppDirectory => string.IsNullOrEmpty(WorkingDirectory) ? "/app/" : WorkingDirectory!;

    /// <summary>Today's date (UTC) for Expires; tests set it, so that no test depends on the clock.</summary>
    internal Func<DateOnly> Today { get; set; } = () => DateOnly.FromDateTime(DateTime.UtcNow);

    private protected CheckSettings Settings { get; private set; } = new();

    private protected Acceptances Accepted { get; private set; } = Acceptances.None("");

    private readonly XmlDefinitionLocator _xml = new();

    private protected ProjectContext CreateProjectContext() => new()
    {
        ProjectFile = ProjectFile,
        WorkingDirectory = AppDirectory,
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
            .Select(i => new PublishedFile(i.GetMetadata("FullPath"), i.GetMetadata("RelativePath"), i.GetMetadata("NuGetPackageId"), i.GetMetadata("NuGetPackageVersion")))
            .ToList(),
        SourceFiles = SourceFiles.Select(i => i.GetMetadata("FullPath")).Where(File.Exists).ToList(),
    };

    /// <summary>Reads and checks the settings and acceptances; logs SG0005 at the bad value and returns false when one is invalid.</summary>
    private protected bool TryReadSettings()
    {
        var problems = new List<Diagnostic>();
        var settings = CheckSettings.Read(new CheckSettingsText
        {
            Enabled = Enabled,
            FindingsAsWarnings = FindingsAsWarnings,
            BaseImageFindingsAsWarnings = BaseImageFindingsAsWarnings,
            ThirdPartyFindingsAsWarnings = ThirdPartyFindingsAsWarnings,
            MinimumConfidence = MinimumConfidence,
            MaxFileSize = MaxFileSize,
            TimeBudget = TimeBudget,
            RuleHelpUri = RuleHelpUri,
            UpdateBaseline = UpdateBaseline,
            NoWarn = NoWarn,
        }, ProjectFile, problems);
        var requests = Suppressions.Select(i => new SuppressionRequest(
            i.ItemSpec, i.GetMetadata("Justification"), DefinitionOf(i), i.GetMetadata("ImagePath"), i.GetMetadata("SourcePath"), i.GetMetadata("Expires")));
        var accepted = settings is null ? null : Acceptances.Read(requests, BaselinePath, settings.UpdatingBaseline, ProjectFile, problems);
        foreach (var problem in problems)
        {
            LogDiagnostic(problem, isError: true);
        }

        if (settings is null || accepted is null)
        {
            WriteFailedReports(problems);
            return false;
        }

        Settings = settings;
        Accepted = accepted;
        return true;
    }

    /// <summary>Where a SecretGuardSuppress item is written, for warnings about it.</summary>
    private SourceLocation? DefinitionOf(ITaskItem suppression)
    {
        var file = suppression.GetMetadata("DefiningProjectFullPath");
        return string.IsNullOrEmpty(file) ? null : _xml.FindItem(file, "SecretGuardSuppress", suppression.ItemSpec)?.Location ?? new SourceLocation(file, 0, 0);
    }

    /// <summary>Warns about the acceptances themselves: no Justification (SG0008), past Expires (SG0012).</summary>
    private protected void WarnAboutAcceptances()
    {
        foreach (var warning in Accepted.Unjustified().Concat(Accepted.Expired(Today())))
        {
            LogDiagnostic(warning, isError: false);
        }
    }

    /// <summary>What every report of this step is written with.</summary>
    private ReportRequest Request() => new()
    {
        Subject = ProjectFile,
        SubjectDirectory = Path.GetDirectoryName(Path.GetFullPath(ProjectFile)) ?? ".",
        Settings = Settings,
        SarifPath = SarifPath,
        JsonPath = JsonReportPath,
        AddsToReports = AddsToReports,
        Run = ReportRun(),
        ToolVersion = Common.ToolVersion.Current,
        Today = Today(),
    };

    /// <summary>The step stops before it checks anything: the reports say it failed and why (see <see cref="ReportPipeline.NotRun"/>).</summary>
    private void WriteFailedReports(IReadOnlyList<Diagnostic> failures)
    {
        try
        {
            ReportPipeline.NotRun(Request(), failures);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The build fails on the errors already logged; a report left as it was is said so, not hidden.
            Log.LogMessage(MessageImportance.High, "SecretGuard: the reports could not be written as failed ({0}); a report at that path is not this build's result.", ex.Message);
        }
    }

    /// <summary>Runs the report pipeline on the outcome and shows what it decided; a clean verdict at <paramref name="cleanSummary"/> importance.</summary>
    private protected bool Report(ScanOutcome outcome, bool isLastStep, MessageImportance cleanSummary = MessageImportance.High)
    {
        var result = ReportPipeline.Run(outcome, Request() with
        {
            Acceptances = Accepted.ActiveOn(Today()),
            Before = GateHandover.Parse(Handover),
            IsLastStep = isLastStep,
            BaselinePath = BaselinePath,
        });

        foreach (var line in result.Details)
        {
            Log.LogMessage(MessageImportance.Low, "{0}", line);
        }

        foreach (var shown in result.Diagnostics)
        {
            LogDiagnostic(shown.Diagnostic, shown.IsError);
        }

        if (result.Table is not null)
        {
            Log.LogMessage(MessageImportance.High, "{0}", result.Table);
        }

        Log.LogMessage(result.IsClean ? cleanSummary : MessageImportance.High, "{0}", result.Verdict);
        foreach (var warning in result.Afterwards)
        {
            LogDiagnostic(warning, isError: false);
        }

        foreach (var note in result.Notes)
        {
            Log.LogMessage(MessageImportance.High, "{0}", note);
        }

        HandoverOut = result.Handover.ToText();
        return !Log.HasLoggedErrors;
    }

    /// <summary>A true/false parameter; logs SG0005 naming it when it is neither.</summary>
    private protected bool TryReadBool(string? value, string name, bool defaultValue, out bool result)
    {
        if (CheckSettings.ReadBool(value, name, defaultValue, ProjectFile, out result) is { } problem)
        {
            LogDiagnostic(problem, isError: true);
            WriteFailedReports([problem]);
            return false;
        }

        return true;
    }

    private protected void LogDiagnostic(Diagnostic d, bool isError)
    {
        if (isError)
        {
            Log.LogError(null, d.Code, null, d.File, d.Line, d.Column, 0, 0, "{0}", d.Message);
        }
        else
        {
            Log.LogWarning(null, d.Code, null, d.File, d.Line, d.Column, 0, 0, "{0}", d.Message);
        }
    }

    /// <summary>$(SecretGuardReportRunId): one id for every publish whose parts make one shared report (a CI run); empty: one build.</summary>
    public string? ReportRunId { get; set; }

    private static readonly object RunMemberGate = new();

    /// <summary>
    /// This node's membership of the current build's report run, kept by MSBuild for the build's lifetime
    /// (disposed at its end, which ends the run's marker). Outside MSBuild's engine (a test's), one per process.
    /// </summary>
    private ReportRunMember ReportRun()
    {
        ReportRunMember member = ReportRunMember.ThisProcess;
        if (BuildEngine is IBuildEngine4 engine)
        {
            const string key = "SecretGuard.ReportRunMember";
            try
            {
                lock (RunMemberGate)
                {
                    if (engine.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) is ReportRunMember registered)
                    {
                        member = registered;
                    }
                    else
                    {
                        member = new ReportRunMember();
                        engine.RegisterTaskObject(key, member, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
                    }
                }
            }
            catch (Exception ex) when (ex is NotImplementedException or NotSupportedException or InvalidOperationException)
            {
                member = ReportRunMember.ThisProcess; // a task host without the engine's object cache
            }
        }

        return member.WithRunId(ReportRunId);
    }

    /// <summary>Logs a failure of SecretGuard itself without a stack trace.</summary>
    private protected bool ReportInternalError(Exception ex)
    {
        var failure = new Diagnostic(DiagnosticCodes.InternalError, ProjectFile, 0, 0, Messages.InternalError(ex, "the image"), IsFinding: false);
        LogDiagnostic(failure, isError: true);
        WriteFailedReports([failure]);
        return false;
    }

    private static IEnumerable<ContainerItem> Items(string itemType, ITaskItem[] items) =>
        items.Select(i => new ContainerItem(itemType, i.ItemSpec, i.GetMetadata("DefiningProjectFullPath")));

}
