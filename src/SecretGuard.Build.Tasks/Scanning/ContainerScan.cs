using System.Diagnostics;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Reporting;
using SecretGuard.SourceMapping;

namespace SecretGuard.Scanning;

/// <summary>What a scan concluded: diagnostics to report (redacted), the summary line, and what suppressions accepted.</summary>
public sealed record ScanOutcome(IReadOnlyList<Diagnostic> Diagnostics, string Summary, ScanStatistics Statistics)
{
    /// <summary>Findings a suppression or inline marker accepted, with the reason.</summary>
    public IReadOnlyList<(Diagnostic Diagnostic, string Reason)> Suppressed { get; init; } = [];

    /// <summary>The patterns of the suppressions that matched something.</summary>
    public IReadOnlyCollection<string> MatchedSuppressions { get; init; } = [];
}

/// <summary>
/// The whole check, with no build engine: scan the images, map findings to sources, and turn any
/// failure to read an image into a diagnostic that names the cause (never a pass, never a stack trace).
/// </summary>
public static class ContainerScan
{
    /// <param name="checkedBeforeBuild">
    /// What the gate checked in the publish folder, when that folder is exactly the images' app layer
    /// (single-RID): the app layer is then not read again, only the config. Null to read the app layers.
    /// </param>
    /// <param name="suppressedBefore">Fingerprints the gate suppressed, so the summary counts each accepted finding once.</param>
    public static ScanOutcome Run(IReadOnlyList<ImageToScan> images, ProjectContext project, RuleSet rules, ScanStatistics? checkedBeforeBuild = null, IReadOnlyCollection<string>? suppressedBefore = null, ScanLimits? limits = null)
    {
        limits ??= ScanLimits.None;
        var stopwatch = Stopwatch.StartNew();
        if (images.Count == 0)
        {
            return Failure(project, DiagnosticCodes.NoImage,
                "PublishContainer finished but SecretGuard found no image to check (no GeneratedContainer output). The image was not verified.");
        }

        ScanResult result;
        try
        {
            var files = new FileScanner(rules, new LiteralSourceLocator(project.SourceFiles).Find, limits);
            result = new ImageScanner(rules, files, scanAppLayers: checkedBeforeBuild is null).Scan(images);
        }
        catch (ImageReadException ex)
        {
            return Failure(project, CodeFor(ex.Failure), $"SecretGuard could not check the image: {ex.Message.TrimEnd('.')}. The image was not verified; fix the cause and publish again.");
        }
        catch (ScanIncompleteException ex)
        {
            return Failure(project, DiagnosticCodes.ScanIncomplete, $"SecretGuard could not fully check the image: {ex.Message.TrimEnd('.')}. The image was not verified.");
        }

        var (diagnostics, suppressed, matched) = MapAndFilter(result.Findings, project);
        var suppressedCount = suppressed.Select(x => x.Item1.Fingerprint).Concat(suppressedBefore ?? []).Distinct().Count();
        var s = result.Statistics;
        var elapsed = stopwatch.ElapsedMilliseconds + (checkedBeforeBuild?.ElapsedMilliseconds ?? 0);
        var layers = checkedBeforeBuild is null
            ? $"{Plural(s.Layers, "app layer")}, {Plural(s.Files, "file")}"
            : $"{Plural(checkedBeforeBuild.Files, "app layer file")} checked before the build";
        var summary = diagnostics.Count == 0
            ? $"SecretGuard: scanned {Plural(s.Images, "image")}, {layers} in {elapsed} ms, no credentials{SuppressedNote(suppressedCount)}{SkippedNote(limits, [])}"
            : $"SecretGuard: {Plural(FindingGroups.CountCredentials(diagnostics), "credential")} found in {Plural(s.Images, "image")} ({layers}; {elapsed} ms){SuppressedNote(suppressedCount)}{SkippedNote(limits, [])}";
        return new ScanOutcome(diagnostics, summary, s) { Suppressed = suppressed, MatchedSuppressions = matched };
    }

    /// <summary>
    /// The gate before the image is built and pushed: the config the project asks for, the publish
    /// folder (which becomes the app layer file for file under the working directory) and the base image.
    /// </summary>
    public static ScanOutcome RunBeforeBuild(ContainerInputs inputs, ProjectContext project, RuleSet rules, ScanLimits? limits = null)
    {
        limits ??= ScanLimits.None;
        var stopwatch = Stopwatch.StartNew();
        var findings = new List<Finding>(inputs.Config is null ? [] : new ConfigScanner(rules).Scan(inputs.Config));
        var stats = new ScanStatistics();
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

        var files = new FileScanner(rules, new LiteralSourceLocator(project.SourceFiles).Find, limits, OpenPublished, project.SourceFiles);

        // The base image is fetched and checked on another thread while this one reads the publish
        // folder: the registry round trips then cost no wall time on a machine with two cores. Each
        // thread notes what it skipped in its own limits, so neither mistakes the other's skips for its own.
        var baseLimits = limits.WithSameBounds();
        var baseCheck = inputs.BaseImage is { } request
            ? Task.Run(() => new BaseImageScanner(rules, new FileScanner(rules, limits: baseLimits), request.Cache).Scan(
                request.Name,
                request.Resolve(),
                project.Items.Where(i => i.ItemType == "ContainerEnvironmentVariable").Select(i => i.Include).ToList(),
                project.Items.Where(i => i.ItemType == "ContainerLabel").Select(i => i.Include).ToList()))
            : null;
        CleanFileCache? clean = null;
        try
        {
            if (!string.IsNullOrEmpty(inputs.PublishDirectory) && Directory.Exists(inputs.PublishDirectory))
            {
                clean = inputs.StateDirectory is { Length: > 0 } state ? CleanFileCache.Open(state, limits) : null;
                findings.AddRange(ScanPublishDirectory(inputs.PublishDirectory!, project.WorkingDirectory, files, stats, clean));
            }
        }
        catch (ScanIncompleteException ex)
        {
            return Failure(project, DiagnosticCodes.ScanIncomplete, $"SecretGuard could not fully check the publish folder: {ex.Message.TrimEnd('.')}. The image was not built.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failure(project, DiagnosticCodes.ImageUnreadable, $"SecretGuard could not read the publish folder {inputs.PublishDirectory}: {ex.Message.TrimEnd('.')}. The image was not built.");
        }

        var appUnopened = files.UnopenedArchives.ToList();
        BaseImageStatistics? baseStats = null;
        if (baseCheck is not null)
        {
            var name = inputs.BaseImage!.Name;
            const string skip = "The image was not built. Fix the cause, or set SecretGuardScanBaseImage=false to build without checking the base image";
            try
            {
                var (baseFindings, s) = baseCheck.GetAwaiter().GetResult();
                findings.AddRange(baseFindings);
                baseStats = s;
            }
            catch (ImageReadException ex)
            {
                return Failure(project, CodeFor(ex.Failure), $"SecretGuard could not check the base image '{name}': {ex.Message.TrimEnd('.')}. {skip}.", AtBaseImage(project));
            }
            catch (ScanIncompleteException ex)
            {
                return Failure(project, DiagnosticCodes.ScanIncomplete, $"SecretGuard could not fully check the base image '{name}': {ex.Message.TrimEnd('.')}. {skip}.", AtBaseImage(project));
            }
        }

        var (diagnostics, suppressed, matched) = MapAndFilter(findings, project);
        stats.ElapsedMilliseconds = stopwatch.ElapsedMilliseconds;
        var checkedWhat = (inputs.Config is null ? "" : "the container config, ") + Plural(stats.Files, "published file")
            + (clean is { Unchanged: > 0 } ? $" ({clean.Unchanged} unchanged since the last clean check)" : "")
            + (baseStats is null ? "" : $" and base image '{inputs.BaseImage!.Name}' ({Plural(baseStats.Layers, "layer")}{(baseStats.CachedLayers > 0 ? $", {baseStats.CachedLayers} from cache" : "")}, {Plural(baseStats.Files, "file")})");
        var unopenedNote = SkippedNote(limits, appUnopened.Concat(baseStats?.UnopenedArchives ?? []).ToList(), baseLimits.SkippedFiles);
        var summary = diagnostics.Count == 0
            ? $"SecretGuard: checked {checkedWhat} in {stopwatch.ElapsedMilliseconds} ms before building the image, no credentials{SuppressedNote(suppressed.Count)}{unopenedNote}"
            : $"SecretGuard: {Plural(FindingGroups.CountCredentials(diagnostics), "credential")} found before building the image ({checkedWhat} checked in {stopwatch.ElapsedMilliseconds} ms){SuppressedNote(suppressed.Count)}{unopenedNote}";
        return new ScanOutcome(diagnostics, summary, stats) { Suppressed = suppressed, MatchedSuppressions = matched };
    }

    private static string CodeFor(ImageReadFailure failure) => failure switch
    {
        ImageReadFailure.Registry => DiagnosticCodes.BaseImageUnavailable,
        ImageReadFailure.MissingBlob => DiagnosticCodes.LayerMissing,
        ImageReadFailure.CorruptLayer => DiagnosticCodes.LayerCorrupt,
        _ => DiagnosticCodes.ImageUnreadable,
    };

    /// <summary>Where the base image is chosen: the ContainerBaseImage property, else the project.</summary>
    private static SourceLocation? AtBaseImage(ProjectContext project) =>
        new XmlDefinitionLocator().FindProperty(project.PropertyFiles.Where(File.Exists), "ContainerBaseImage")?.Location;

    private static List<Finding> ScanPublishDirectory(string directory, string workingDirectory, FileScanner files, ScanStatistics stats, CleanFileCache? clean)
    {
        var appDir = workingDirectory.TrimEnd('/') + "/";
        var findings = new List<Finding>();
        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(directory, path).Replace('\\', '/');
            var info = new FileInfo(path);
            stats.Files++;
            stats.Bytes += info.Length;
            if (clean?.IsUnchangedAndClean(relative, info) == true)
            {
                continue;
            }

            using var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var skippedBefore = files.Limits.SkippedFiles.Count + files.UnopenedArchives.Count;
            var found = files.Scan(appDir + relative, content.Length, content, LayerFileLocation.AppLayerToBuild, "").ToList();
            findings.AddRange(found);
            if (found.Count == 0 && files.Limits.SkippedFiles.Count + files.UnopenedArchives.Count == skippedBefore)
            {
                clean?.RecordClean(relative, info);
            }
        }

        clean?.Save();
        return findings;
    }

    /// <summary>Maps findings to their sources and sets aside what the team has accepted.</summary>
    private static (List<Diagnostic> Kept, List<(Diagnostic, string)> Suppressed, IReadOnlyCollection<string> Matched) MapAndFilter(IEnumerable<Finding> findings, ProjectContext project)
    {
        var mapper = new SourceMapper(project);
        var filter = new SuppressionFilter(project.Suppressions, project.ProjectDirectory);
        var kept = new List<Diagnostic>();
        var suppressed = new List<(Diagnostic, string)>();
        foreach (var d in findings.Distinct().Select(mapper.Map).Distinct())
        {
            if (filter.Why(d) is { } why)
            {
                suppressed.Add((d, why));
            }
            else
            {
                kept.Add(d);
            }
        }

        return (kept, suppressed, filter.Matched);
    }

    /// <summary>What was not read, so a pass never hides it: archives too large to open, files over the size limit.</summary>
    private static string SkippedNote(ScanLimits limits, IReadOnlyList<string> unopened, IReadOnlyList<string>? alsoSkipped = null)
    {
        static string List(IReadOnlyList<string> paths) => string.Join(", ", paths.Take(3)) + (paths.Count > 3 ? ", …" : "");
        var note = unopened.Count == 0 ? "" : $"; {Plural(unopened.Count, "archive")} over {NestedArchives.MaxZipBytes >> 20} MB not opened: {List(unopened)}";
        var skipped = limits.SkippedFiles.Concat(alsoSkipped ?? []).Distinct().ToList();
        return skipped.Count == 0 ? note : $"{note}; {Plural(skipped.Count, "file")} over SecretGuardMaxFileSize not read: {List(skipped)}";
    }

    private static string SuppressedNote(int suppressed) => suppressed == 0 ? "" : $" ({suppressed} suppressed)";

    private static ScanOutcome Failure(ProjectContext project, string code, string message, SourceLocation? at = null) =>
        new([new Diagnostic(code, at?.File ?? project.ProjectFile, at?.Line ?? 0, at?.Column ?? 0, message, IsFinding: false)], "SecretGuard: the image could not be verified", new ScanStatistics());

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
