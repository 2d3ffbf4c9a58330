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

    /// <summary>Size and time bounds, from the settings.</summary>
    private protected ScanLimits Limits { get; private set; } = ScanLimits.None;

    /// <summary>$(NoWarn): SG codes listed here are not reported as errors or warnings.</summary>
    public string? NoWarn { get; set; }

    /// <summary>Findings an earlier SecretGuard step of this build reported already (not repeated).</summary>
    public ITaskItem[] AlreadyReported { get; set; } = [];

    /// <summary>@(SecretGuardSuppress): accepted findings, each with a Justification.</summary>
    public ITaskItem[] Suppressions { get; set; } = [];

    /// <summary>The suppressions that matched a finding in this step (their Include).</summary>
    [Output]
    public ITaskItem[] MatchedSuppressions { get; private set; } = [];

    /// <summary>Where to write a SARIF 2.1.0 report; empty for none.</summary>
    public string? SarifPath { get; set; }

    /// <summary>False for the gate, which starts the report; true for the verification, which adds to it.</summary>
    protected abstract bool MergesReport { get; }

    /// <summary>secretguard.baseline.json: findings accepted when SecretGuard was adopted.</summary>
    public string? BaselinePath { get; set; }

    /// <summary>"true": record every current finding in the baseline instead of failing on it.</summary>
    public string? UpdateBaseline { get; set; }

    /// <summary>In update mode, the findings to record in the baseline (fingerprint; metadata Rule, Where).</summary>
    [Output]
    public ITaskItem[] BaselineEntries { get; private set; } = [];

    protected bool UpdatingBaseline { get; private set; }

    /// <summary>The fingerprints of the findings this step suppressed.</summary>
    [Output]
    public ITaskItem[] SuppressedFindings { get; private set; } = [];

    /// <summary>The findings this task reported, as keys (fingerprints; never the secret).</summary>
    [Output]
    public ITaskItem[] ReportedFindings { get; private set; } = [];

    /// <summary>How many files this task checked (the gate: the publish folder).</summary>
    [Output]
    public int CheckedFiles { get; protected set; }

    /// <summary>How long the check took, for the one summary line of a clean publish.</summary>
    [Output]
    public long CheckedMilliseconds { get; protected set; }

    protected string AppDirectory => string.IsNullOrEmpty(WorkingDirectory) ? "/app/" : WorkingDirectory!;

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
        Suppressions = _accepted.Where(s => !s.HasExpired(Today())).ToList(),
    };

    /// <summary>Today's date (UTC) for Expires; tests set it, so that no test depends on the clock.</summary>
    internal Func<DateOnly> Today { get; set; } = () => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>The suppression items and the baseline's entries, read by <see cref="TryReadSettings"/>, expired ones included.</summary>
    private IReadOnlyList<Suppression> _accepted = [];

    /// <summary>
    /// Warns (SG0012), at its line, about each accepted finding past its Expires date: it no longer applies,
    /// so the finding is reported again as it would be without it.
    /// </summary>
    protected void WarnAboutExpiredAcceptances()
    {
        var today = Today();
        foreach (var s in _accepted.Where(s => s.HasExpired(today)))
        {
            var at = s.DefinedAt ?? new SourceLocation(ProjectFile, 0, 0);
            var what = s.FromBaseline ? "Baseline entry" : "SecretGuardSuppress";
            Log.LogWarning(null, DiagnosticCodes.AcceptanceExpired, null, at.File, at.Line, at.Column, 0, 0,
                "{0} '{1}' expired on {2}: it no longer applies, and the finding it accepted is reported again. Remove the credential (revoke and rotate it), or renew the acceptance with a later Expires and a Justification.",
                what, s.Include, AcceptanceExpiry.Text(s.Expires!.Value));
        }
    }

    /// <summary>The SecretGuardSuppress items as suppressions; SG0005 at the item for an Expires that is not a date.</summary>
    private bool TryReadSuppressionItems(out List<Suppression> suppressions)
    {
        suppressions = [];
        var ok = true;
        foreach (var item in Suppressions)
        {
            var at = DefinitionOf(item);
            var expiresText = item.GetMetadata("Expires");
            if (!AcceptanceExpiry.TryParse(expiresText, out var expires))
            {
                var where = at ?? new SourceLocation(ProjectFile, 0, 0);
                Log.LogError(null, DiagnosticCodes.InvalidSetting, null, where.File, where.Line, where.Column, 0, 0,
                    "SecretGuardSuppress '{0}' has Expires=\"{1}\", which is not a date: write the last day the acceptance holds as yyyy-MM-dd, such as 2027-01-31.",
                    item.ItemSpec, expiresText);
                ok = false;
                continue;
            }

            suppressions.Add(new Suppression(
                item.ItemSpec.Trim(), item.GetMetadata("Justification").Trim(), at, item.GetMetadata("ImagePath").Trim(), item.GetMetadata("SourcePath").Trim(), Expires: expires));
        }

        return ok;
    }

    private bool _baseImageFindingsAsWarnings;

    private bool _thirdPartyFindingsAsWarnings = true;

    private Confidence _minimumConfidence = Confidence.High;

    private bool TryReadConfidence(out Confidence confidence)
    {
        confidence = Confidence.High;
        switch (MinimumConfidence?.Trim().ToLowerInvariant())
        {
            case null or "" or "high":
                return true;
            case "medium":
                confidence = Confidence.Medium;
                return true;
            default:
                Log.LogError(null, DiagnosticCodes.InvalidSetting, null, ProjectFile, 0, 0, 0, 0,
                    "SecretGuardMinimumConfidence must be 'high' (findings of medium confidence are warnings) or 'medium' (every finding fails the build), not '{0}'.", MinimumConfidence);
                return false;
        }
    }

    private bool TryReadLimits()
    {
        long? maxBytes = null;
        if (!string.IsNullOrWhiteSpace(MaxFileSize))
        {
            if (!ScanLimits.TryParseSize(MaxFileSize!, out var bytes))
            {
                Log.LogError(null, DiagnosticCodes.InvalidSetting, null, ProjectFile, 0, 0, 0, 0,
                    "SecretGuardMaxFileSize must be a positive size such as 50MB, 512KB or 1GB (or a number of bytes), not '{0}'.", MaxFileSize);
                return false;
            }

            maxBytes = bytes;
        }

        TimeSpan? budget = null;
        if (!string.IsNullOrWhiteSpace(TimeBudget))
        {
            if (!double.TryParse(TimeBudget!.Trim(), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds <= 0 || seconds > 86400)
            {
                Log.LogError(null, DiagnosticCodes.InvalidSetting, null, ProjectFile, 0, 0, 0, 0,
                    "SecretGuardTimeBudget must be a number of seconds greater than 0 (such as 120), not '{0}'.", TimeBudget);
                return false;
            }

            budget = TimeSpan.FromSeconds(seconds);
        }

        Limits = new ScanLimits { MaxFileBytes = maxBytes, TimeBudget = budget };
        return true;
    }

    private readonly XmlDefinitionLocator _xml = new();

    /// <summary>Where a SecretGuardSuppress item is written, for warnings about it.</summary>
    private protected SourceLocation? DefinitionOf(ITaskItem suppression)
    {
        var file = suppression.GetMetadata("DefiningProjectFullPath");
        return string.IsNullOrEmpty(file) ? null : _xml.FindItem(file, "SecretGuardSuppress", suppression.ItemSpec)?.Location ?? new SourceLocation(file, 0, 0);
    }

    /// <summary>Warns, at the item, about each suppression that gives no reason (SG0008).</summary>
    protected void WarnAboutUnjustifiedSuppressions()
    {
        foreach (var item in Suppressions.Where(i => string.IsNullOrWhiteSpace(i.GetMetadata("Justification"))))
        {
            var at = DefinitionOf(item) ?? new SourceLocation(ProjectFile, 0, 0);
            Log.LogWarning(null, DiagnosticCodes.SuppressionWithoutJustification, null, at.File, at.Line, at.Column, 0, 0,
                "SecretGuardSuppress '{0}' has no Justification: say why this finding is acceptable, so the next reader can tell.", item.ItemSpec);
        }
    }

    /// <summary>Reads the settings; logs SG0005 naming the property when a value is invalid.</summary>
    protected bool TryReadSettings(out bool findingsAsWarnings)
    {
        var ok = TryReadBool(FindingsAsWarnings, "SecretGuardFindingsAsWarnings", out findingsAsWarnings);
        ok &= TryReadBool(BaseImageFindingsAsWarnings, "SecretGuardBaseImageFindingsAsWarnings", out var baseAsWarnings);
        _baseImageFindingsAsWarnings = baseAsWarnings;
        ok &= TryReadBool(ThirdPartyFindingsAsWarnings, "SecretGuardThirdPartyFindingsAsWarnings", out var thirdPartyAsWarnings, defaultValue: true);
        _thirdPartyFindingsAsWarnings = thirdPartyAsWarnings;
        ok &= TryReadBool(UpdateBaseline, "SecretGuardUpdateBaseline", out var updating);
        UpdatingBaseline = updating;
        ok &= TryReadConfidence(out _minimumConfidence);
        ok &= TryReadLimits();
        if (!string.IsNullOrWhiteSpace(RuleHelpUri) && SarifReport.HelpUriFor(RuleHelpUri!.Trim(), "SG1001") is null)
        {
            Log.LogError(null, DiagnosticCodes.InvalidSetting, null, ProjectFile, 0, 0, 0, 0,
                "SecretGuardRuleHelpUri must be an absolute address with {{0}} where the rule id goes (such as https://wiki.example.com/secretguard/{{0}}), not '{0}'.", RuleHelpUri);
            ok = false;
        }
        ok &= TryReadSuppressionItems(out var items);
        if (!ok)
        {
            return false;
        }

        IReadOnlyList<Suppression> baseline = [];
        if (!UpdatingBaseline && !string.IsNullOrEmpty(BaselinePath) && File.Exists(BaselinePath))
        {
            try
            {
                baseline = Baseline.Load(BaselinePath!);
            }
            catch (Exception ex) when (ex is InvalidDataException or InvalidBaselineEntryException)
            {
                var at = (ex as InvalidBaselineEntryException)?.At ?? new SourceLocation(BaselinePath!, 0, 0);
                Log.LogError(null, DiagnosticCodes.InvalidSetting, null, at.File, at.Line, at.Column, 0, 0,
                    "{0}. Fix it, or write it anew with -p:SecretGuardUpdateBaseline=true.", ex.Message);
                return false;
            }
        }

        _accepted = [.. items, .. baseline];
        return true;
    }

    protected bool TryReadBool(string? value, string property, out bool result, bool defaultValue = false)
    {
        result = defaultValue;
        if (string.IsNullOrWhiteSpace(value) || bool.TryParse(value!.Trim(), out result))
        {
            return true;
        }

        Log.LogError(null, DiagnosticCodes.InvalidSetting, null, ProjectFile, 0, 0, 0, 0,
            "{0} must be 'true' or 'false', not '{1}'.", property, value);
        return false;
    }

    /// <summary>
    /// Logs the outcome: findings as errors or warnings, NoWarn honoured, repeats skipped. A clean
    /// summary goes out at <paramref name="cleanSummary"/> importance, so a clean publish shows one line.
    /// </summary>
    private protected bool Report(ScanOutcome outcome, bool findingsAsWarnings, MessageImportance cleanSummary = MessageImportance.High)
    {
        var suppressed = Codes(NoWarn);
        var already = new HashSet<string>(AlreadyReported.Select(i => i.ItemSpec), StringComparer.Ordinal);
        var reported = new List<ITaskItem>();
        var sarif = new List<SarifReport.Entry>();
        var policy = new SeverityPolicy
        {
            AllAsWarnings = findingsAsWarnings || UpdatingBaseline,
            BaseImageAsWarnings = _baseImageFindingsAsWarnings,
            ThirdPartyAsWarnings = _thirdPartyFindingsAsWarnings,
            MinimumConfidence = _minimumConfidence,
        };
        bool AsWarning(Diagnostic d) => policy.IsWarning(d);
        string Level(Diagnostic d) => AsWarning(d) ? "warning" : "error";
        static string Key(Diagnostic d) => d.Fingerprint.Length > 0 ? d.Fingerprint : $"{d.Code}|{d.File}|{d.Line}|{d.Column}";
        foreach (var (d, why) in outcome.Suppressed)
        {
            Log.LogMessage(MessageImportance.Low, "{0}: {1} ({2})", d.Code, d.Message, why);
            sarif.Add(new SarifReport.Entry(d, Level(d), why));
        }

        MatchedSuppressions = outcome.MatchedSuppressions.Select(p => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(p)).ToArray();
        SuppressedFindings = outcome.Suppressed.Select(x => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(x.Diagnostic.Fingerprint)).ToArray();
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(ProjectFile)) ?? ".";
        var places = outcome.Diagnostics.SelectMany(d => d.AllPlaces.Select(p => p with { AlsoAt = [] })).ToList();
        var verdict = new Verdict
        {
            Accepted = outcome.Suppressed.Select(x => x.Diagnostic.Fingerprint).Distinct(StringComparer.Ordinal).Count() + outcome.AcceptedBefore
                + places.Count(d => suppressed.Contains(d.Code)),
        };
        foreach (var d in places.Where(d => suppressed.Contains(d.Code)))
        {
            Log.LogMessage(MessageImportance.Low, "{0}: {1} (suppressed by NoWarn)", d.Code, d.Message);
            sarif.Add(new SarifReport.Entry(d, Level(d), "suppressed by NoWarn"));
        }

        // Places of one credential are one finding; a place NoWarn hides is not among them.
        foreach (var d in FindingGroups.Merge(places.Where(d => !suppressed.Contains(d.Code)), projectDirectory))
        {
            sarif.Add(new SarifReport.Entry(d, Level(d), null));

            // The gate and the verification see some findings both (the base image's ENV): the same fingerprint is one finding.
            var keys = d.AllPlaces.Select(Key).ToList();
            if (d.IsFinding && keys.All(already.Contains))
            {
                verdict.ReportedBefore++;
                continue;
            }

            verdict.Add(d, AsWarning(d));

            if (AsWarning(d))
            {
                Log.LogWarning(null, d.Code, null, d.File, d.Line, d.Column, 0, 0, "{0}", d.Message);
            }
            else
            {
                Log.LogError(null, d.Code, null, d.File, d.Line, d.Column, 0, 0, "{0}", d.Message);
            }

            if (d.IsFinding)
            {
                reported.AddRange(keys.Select(k => new Microsoft.Build.Utilities.TaskItem(k)));
            }
        }

        ReportedFindings = reported.ToArray();
        var version = typeof(SecretGuardTask).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
        if (!string.IsNullOrEmpty(SarifPath))
        {
            SarifReport.Write(SarifPath!, sarif, ProjectFile, SarifReport.FindRepositoryRoot(projectDirectory), version, merge: MergesReport, string.IsNullOrWhiteSpace(RuleHelpUri) ? null : RuleHelpUri, ReportRun());
        }

        if (!string.IsNullOrEmpty(JsonReportPath))
        {
            JsonReport.Write(JsonReportPath!, sarif, ProjectFile, version, merge: MergesReport, ReportRun());
        }

        var shown = sarif.Where(e => e.Diagnostic.IsFinding && e.SuppressedBecause is null && !e.Diagnostic.AllPlaces.All(p => already.Contains(p.Fingerprint))).ToList();
        if (shown.Count > 0)
        {
            Log.LogMessage(MessageImportance.High, "{0}", FindingsTable.Format(shown, projectDirectory));
        }

        if (UpdatingBaseline)
        {
            BaselineEntries = places.Where(d => d.IsFinding).Select(d => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(
                d.Fingerprint, new Dictionary<string, string> { ["Rule"] = d.Code, ["Where"] = d.Place })).ToArray();
        }

        Log.LogMessage(verdict.Errors + verdict.Warnings == 0 ? cleanSummary : MessageImportance.High, "{0}", verdict.Line(outcome.Checked, outcome.Notes));
        return !Log.HasLoggedErrors;
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
    protected bool ReportInternalError(Exception ex)
    {
        // Messages of our own and of the BCL's I/O and parsing exceptions name causes, not content.
        Log.LogError(null, DiagnosticCodes.InternalError, null, ProjectFile, 0, 0, 0, 0,
            "SecretGuard failed while checking the image ({0}: {1}). The image was not verified; please report this with the message.",
            ex.GetType().Name, ex.Message.TrimEnd('.'));
        return false;
    }

    private static IEnumerable<ContainerItem> Items(string itemType, ITaskItem[] items) =>
        items.Select(i => new ContainerItem(itemType, i.ItemSpec, i.GetMetadata("DefiningProjectFullPath")));

    private static HashSet<string> Codes(string? list) =>
        new((list ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
}
