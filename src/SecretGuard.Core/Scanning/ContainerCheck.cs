using System.Diagnostics;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.SourceMapping;
using SecretGuard.Findings;

namespace SecretGuard.Scanning;

/// <summary>
/// What a check found, as facts: every diagnostic mapped to its source (redacted; nothing accepted or
/// filtered yet: acceptances, severity and wording are the report's, see Reporting.ReportPipeline) and
/// what was covered.
/// </summary>
internal sealed record ScanOutcome(IReadOnlyList<Diagnostic> Diagnostics, CheckSummary Summary);

/// <summary>
/// The whole check, with no build engine: scan the images, map findings to sources, and turn any
/// failure to read an image into a diagnostic that names the cause (never a pass, never a stack trace).
/// One input that cannot be read is a diagnostic at that input; everything else is still reported.
/// </summary>
internal static class ContainerCheck
{
    /// <param name="appLayerFilesCheckedBefore">
    /// What the gate checked in the publish folder, when that folder is exactly the images' app layer
    /// (single-RID): the app layer is then not read again, only the config. Null to read the app layers.
    /// </param>
    /// <param name="buffers">The process's bound on files read whole; one of the check's own when null.</param>
    /// <param name="baseImageCheckedBefore">
    /// What the gate checked of the base image (its layers read to their end); null when it did not check
    /// one. A base layer of the built image that is not among them is read here.
    /// </param>
    /// <param name="clock">What the time budget is measured on; the system's clock when null.</param>
    public static ScanOutcome Run(IReadOnlyList<ImageToScan> images, ProjectContext project, RuleSet rules, int? appLayerFilesCheckedBefore = null, ScanLimits? limits = null, WholeFileBuffers? buffers = null, CheckedBaseImage? baseImageCheckedBefore = null, TimeProvider? clock = null) =>
        Run(() => images, project, rules, appLayerFilesCheckedBefore, limits, buffers, baseImageCheckedBefore, clock);

    /// <summary>
    /// The verification of the images the SDK reported; an image whose manifest or config cannot be read is
    /// SG0001 at the project. A check that runs out of time reports what it found until then, and SG0004.
    /// </summary>
    public static ScanOutcome Run(Func<IReadOnlyList<ImageToScan>> collect, ProjectContext project, RuleSet rules, int? appLayerFilesCheckedBefore = null, ScanLimits? limits = null, WholeFileBuffers? buffers = null, CheckedBaseImage? baseImageCheckedBefore = null, TimeProvider? clock = null)
    {
        var budget = new CheckBudget(limits ?? ScanLimits.None, clock);
        IReadOnlyList<ImageToScan> images;
        try
        {
            images = collect();
        }
        catch (ImageReadException ex)
        {
            return Failure(project, DiagnosticCodes.ImageUnreadable, Messages.BuiltImageNotRead(ex.Message));
        }

        var stopwatch = Stopwatch.StartNew();
        if (images.Count == 0)
        {
            return Failure(project, DiagnosticCodes.NoImage,
                Messages.NoImage);
        }

        var files = new FileScanner(rules, new LiteralSourceLocator(project.SourceFiles).Find, budget, buffers: buffers);
        var result = new BuiltImageScanner(rules, files, scanAppLayers: appLayerFilesCheckedBefore is null, baseImageCheckedBefore).Scan(images);
        var diagnostics = Map(result.Findings, project);
        if (result.Stopped is { } stopped)
        {
            diagnostics.Add(FailureAt(project, DiagnosticCodes.ScanIncomplete, Messages.BuiltImageNotFullyChecked(stopped.Message)));
        }

        var s = result.Coverage;
        return new ScanOutcome(diagnostics, new CheckSummary
        {
            Stage = CheckStage.AfterBuild,
            Images = s.Images,
            AppLayers = s.Layers,
            Files = s.Files,
            AppLayerFilesCheckedBefore = appLayerFilesCheckedBefore,
            BaseLayersNotCheckedBefore = result.BaseLayerDigests,
            ElapsedMilliseconds = stopwatch.ElapsedMilliseconds,
            UnopenedArchives = s.UnopenedArchives,
            SkippedFiles = s.SkippedFiles,
        });
    }

    /// <summary>
    /// The gate before the image is built and pushed: the config the project asks for, the publish
    /// folder (which becomes the app layer file for file under the working directory) and the base image.
    /// </summary>
    /// <param name="buffers">The process's bound on files read whole; one of the check's own when null.</param>
    /// <param name="clock">What the time budget is measured on; the system's clock when null.</param>
    /// <remarks>A check that runs out of time reports what it found until then, and SG0004 for what it did not read.</remarks>
    public static ScanOutcome RunBeforeBuild(ContainerInputs inputs, ProjectContext project, RuleSet rules, ScanLimits? limits = null, WholeFileBuffers? buffers = null, TimeProvider? clock = null)
    {
        var budget = new CheckBudget(limits ?? ScanLimits.None, clock);
        var stopwatch = Stopwatch.StartNew();
        var findings = new List<Finding>(inputs.Config is null ? [] : new ConfigScanner(rules).Scan(inputs.Config));
        var failures = new List<Diagnostic>();
        var published = new PublishFolderTally();
        var publishDirectory = inputs.PublishDirectory;
        var appDir = project.WorkingDirectory.TrimEnd('/') + "/";
        // An assembly's .pdb: published beside it, or (not published) in the project's obj folder, where
        // the compiler wrote it; a PDB of another build is recognised by its id and ignored.
        Stream? OpenPublished(string imagePath)
        {
            var path = publishDirectory is null || !imagePath.StartsWith(appDir, StringComparison.Ordinal) ? null : Path.Combine(publishDirectory, imagePath[appDir.Length..]);
            if (path is not null && File.Exists(path))
            {
                return File.OpenRead(path);
            }

            var intermediate = inputs.StateDirectory is { Length: > 0 } obj ? Path.Combine(obj, Path.GetFileName(imagePath)) : null;
            return intermediate is not null && File.Exists(intermediate) ? File.OpenRead(intermediate) : null;
        }

        var files = new FileScanner(rules, new LiteralSourceLocator(project.SourceFiles).Find, budget, OpenPublished, project.SourceFiles, buffers);

        // The base image is fetched and checked on another thread while this one reads the publish
        // folder: the registry round trips then cost no wall time on a machine with two cores.
        var baseCheck = inputs.BaseImage is { } request ? StartBaseImageCheck(request, project, rules, new FileScanner(rules, budget: budget, buffers: buffers)) : null;
        CleanFileCache? clean = null;
        try
        {
            if (!string.IsNullOrEmpty(inputs.PublishDirectory) && Directory.Exists(inputs.PublishDirectory))
            {
                clean = inputs.StateDirectory is { Length: > 0 } state ? CleanFileCache.Open(state, budget.Limits, project.WorkingDirectory) : null;
                ScanPublishDirectory(inputs.PublishDirectory!, project.WorkingDirectory, files, published, clean);
            }
        }
        catch (ScanTimeBudgetException ex)
        {
            failures.Add(FailureAt(project, DiagnosticCodes.ScanIncomplete, Messages.PublishFolderNotFullyChecked(ex.Message)));
        }

        // What the folder held until a stop is reported all the same (the tally is the caller's for that).
        findings.AddRange(published.Findings);

        ScanCoverage? baseStats = null;
        if (baseCheck is not null)
        {
            // The base image failing is reported at ContainerBaseImage, beside (never instead of) what
            // the project's own config and files hold.
            var name = inputs.BaseImage!.Name;
            try
            {
                var scanned = baseCheck.GetAwaiter().GetResult();
                findings.AddRange(scanned.Findings);
                baseStats = scanned.Coverage;
                if (scanned.Stopped is { } stopped)
                {
                    // Out of time: what the config and the layers read until then hold is reported beside the stop.
                    failures.Add(FailureAt(project, DiagnosticCodes.ScanIncomplete, Messages.BaseImageNotChecked(name, stopped.Message, fully: true), AtBaseImage(project)));
                }
            }
            catch (ImageReadException ex)
            {
                failures.Add(FailureAt(project, ImageReadCodes.For(ex.Failure, withinLayer: false), Messages.BaseImageNotChecked(name, ex.Message, fully: false), AtBaseImage(project)));
            }
        }

        var diagnostics = Map(findings, project);
        diagnostics.AddRange(failures);
        return new ScanOutcome(diagnostics, new CheckSummary
        {
            Stage = CheckStage.BeforeBuild,
            ConfigChecked = inputs.Config is not null,
            PublishedFiles = published.Files,
            UnchangedFiles = clean?.Unchanged ?? 0,
            BaseImage = baseStats is null ? null : new BaseImageCoverage(inputs.BaseImage!.Name, baseStats.Layers, baseStats.CachedLayers, baseStats.Files)
            {
                CachedLayerDigests = baseStats.CachedLayerDigests,
                SharedLayerDigests = baseStats.SharedLayerDigests,
                CheckedLayerDigests = baseStats.CheckedLayerDigests,
                RanDuringBuildMilliseconds = inputs.BaseImage!.Early is { RanMilliseconds: >= 0 } early ? early.RanMilliseconds : null,
                GateWaitedMilliseconds = inputs.BaseImage!.Early is { RanMilliseconds: >= 0 } waited ? waited.WaitedMilliseconds : null,
            },
            ElapsedMilliseconds = stopwatch.ElapsedMilliseconds,
            UnopenedArchives = published.UnopenedArchives.Concat(baseStats?.UnopenedArchives ?? []).ToList(),
            SkippedFiles = published.SkippedFiles.Concat(baseStats?.SkippedFiles ?? []).Distinct().ToList(),
        });
    }

    /// <summary>
    /// The base image check on another thread: joining the one started while the project compiled (its
    /// layers already read, or being read), or reading the image now.
    /// </summary>
    /// <param name="files">The base image's own scanner (no source mapping: the project did not write its files).</param>
    private static Task<BaseImageScan> StartBaseImageCheck(BaseImageRequest request, ProjectContext project, RuleSet rules, FileScanner files)
    {
        var env = project.Items.Where(i => i.ItemType == "ContainerEnvironmentVariable").Select(i => i.Include).ToList();
        var labels = project.Items.Where(i => i.ItemType == "ContainerLabel").Select(i => i.Include).ToList();
        var scanner = new BaseImageScanner(rules, files, request.Cache);
        if (request.Early is { } early)
        {
            return Task.Run(() =>
            {
                var (images, layers) = early.Join();
                return scanner.Scan(request.Name, images, env, labels, layers);
            });
        }

        return Task.Run(() => scanner.Scan(request.Name, request.Resolve(), env, labels));
    }

    /// <summary>Where the base image is chosen: the ContainerBaseImage property, else the project.</summary>
    private static SourceLocation? AtBaseImage(ProjectContext project) =>
        new XmlDefinitionLocator().FindProperty(project.PropertyFiles.Where(File.Exists), "ContainerBaseImage")?.Location;

    /// <summary>
    /// What the publish folder's scan found and covered so far: kept by the caller, so a check stopped by
    /// its time budget still reports the findings it made and names the files it counted and skipped.
    /// </summary>
    private sealed class PublishFolderTally
    {
        public List<Finding> Findings { get; } = [];

        public int Files { get; set; }

        public List<string> SkippedFiles { get; } = [];

        public List<string> UnopenedArchives { get; } = [];
    }

    /// <exception cref="ScanTimeBudgetException">The check ran past SecretGuardTimeBudget: <paramref name="tally"/> holds what was found until then.</exception>
    private static void ScanPublishDirectory(string directory, string workingDirectory, FileScanner files, PublishFolderTally tally, CleanFileCache? clean)
    {
        var appDir = workingDirectory.TrimEnd('/') + "/";
        files.BeginLayer();
        try
        {
            ScanPublishedFiles(directory, appDir, files, tally, clean);
        }
        finally
        {
            // The files found clean are remembered even when the check stops early: the next one starts past them.
            clean?.Save();
        }
    }

    private static void ScanPublishedFiles(string directory, string appDir, FileScanner files, PublishFolderTally tally, CleanFileCache? clean)
    {
        var findings = tally.Findings;
        foreach (var (path, unreadable) in PublishedFiles(directory))
        {
            var relative = Path.GetRelativePath(directory, path).Replace('\\', '/');
            var imagePath = relative == "." ? appDir.TrimEnd('/') : appDir + relative;
            if (unreadable is not null)
            {
                findings.Add(FileScanner.NotChecked(new LayerFileLocation(LayerFileLocation.AppLayerToBuild, "", imagePath, 0, 0), Messages.PublishFolderReader, unreadable));
                continue;
            }

            // A file that cannot be opened (permissions, removed meanwhile) is one finding at that file.
            FileStream content;
            FileInfo info;
            try
            {
                info = new FileInfo(path);
                content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                findings.Add(FileScanner.NotChecked(new LayerFileLocation(LayerFileLocation.AppLayerToBuild, "", imagePath, 0, 0), Messages.PublishFolderReader, ex));
                continue;
            }

            using (content)
            {
                tally.Files++;
                if (clean?.IsUnchangedAndClean(relative, info) == true)
                {
                    continue;
                }

                var scan = files.Scan(imagePath, content.Length, content, LayerFileLocation.AppLayerToBuild, "");
                findings.AddRange(scan.Findings);
                tally.SkippedFiles.AddRange(scan.SkippedFiles);
                tally.UnopenedArchives.AddRange(scan.UnopenedArchives);
                if (scan.IsClean)
                {
                    clean?.RecordClean(relative, info);
                }
            }
        }
    }

    /// <summary>Every file of the folder as the app layer will hold it, links to folders followed (<see cref="PublishFolderListing"/>).</summary>
    private static List<(string Path, Exception? Unreadable)> PublishedFiles(string root) => PublishFolderListing.Files(root);

    /// <summary>Maps findings to the sources to edit; what the team accepted is decided by the report.</summary>
    private static List<Diagnostic> Map(IEnumerable<Finding> findings, ProjectContext project)
    {
        var mapper = new SourceMapper(project);
        return findings.Distinct().Select(mapper.Map).Distinct().ToList();
    }

    private static Diagnostic FailureAt(ProjectContext project, string code, string message, SourceLocation? at = null) =>
        new(code, at?.File ?? project.ProjectFile, at?.Line ?? 0, at?.Column ?? 0, message, IsFinding: false);

    private static ScanOutcome Failure(ProjectContext project, string code, string message, SourceLocation? at = null) =>
        new([FailureAt(project, code, message, at)], new CheckSummary { Stage = CheckStage.AfterBuild, Ran = false });
}
