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
    public static ScanOutcome Run(IReadOnlyList<ImageToScan> images, ProjectContext project, RuleSet rules, ScanStatistics? checkedBeforeBuild = null, IReadOnlyCollection<string>? suppressedBefore = null)
    {
        var stopwatch = Stopwatch.StartNew();
        if (images.Count == 0)
        {
            return Failure(project, DiagnosticCodes.NoImage,
                "PublishContainer finished but SecretGuard found no image to check (no GeneratedContainer output). The image was not verified.");
        }

        ScanResult result;
        try
        {
            var files = new FileScanner(rules, new LiteralSourceLocator(project.SourceFiles).Find);
            result = new ImageScanner(rules, files, scanAppLayers: checkedBeforeBuild is null).Scan(images);
        }
        catch (ImageReadException ex)
        {
            var code = ex.Failure switch
            {
                ImageReadFailure.MissingBlob => DiagnosticCodes.LayerMissing,
                ImageReadFailure.CorruptLayer => DiagnosticCodes.LayerCorrupt,
                _ => DiagnosticCodes.ImageUnreadable,
            };
            return Failure(project, code, $"SecretGuard could not check the image: {ex.Message.TrimEnd('.')}. The image was not verified; fix the cause and publish again.");
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
            ? $"SecretGuard: scanned {Plural(s.Images, "image")}, {layers} in {elapsed} ms, no credentials{SuppressedNote(suppressedCount)}"
            : $"SecretGuard: {Plural(diagnostics.Count, "credential")} found in {Plural(s.Images, "image")} ({layers}; {elapsed} ms){SuppressedNote(suppressedCount)}";
        return new ScanOutcome(diagnostics, summary, s) { Suppressed = suppressed, MatchedSuppressions = matched };
    }

    /// <summary>
    /// The gate before the image is built and pushed: the config the project asks for and the publish
    /// folder, which becomes the app layer file for file under the working directory.
    /// </summary>
    public static ScanOutcome RunBeforeBuild(ContainerInputs inputs, ProjectContext project, RuleSet rules)
    {
        var stopwatch = Stopwatch.StartNew();
        var findings = new List<Finding>(new ConfigScanner(rules).Scan(inputs.Config));
        var stats = new ScanStatistics();
        try
        {
            if (!string.IsNullOrEmpty(inputs.PublishDirectory) && Directory.Exists(inputs.PublishDirectory))
            {
                var files = new FileScanner(rules, new LiteralSourceLocator(project.SourceFiles).Find);
                findings.AddRange(ScanPublishDirectory(inputs.PublishDirectory!, project.WorkingDirectory, files, stats));
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

        var (diagnostics, suppressed, matched) = MapAndFilter(findings, project);
        stats.ElapsedMilliseconds = stopwatch.ElapsedMilliseconds;
        var summary = diagnostics.Count == 0
            ? $"SecretGuard: checked the container config and {Plural(stats.Files, "published file")} in {stopwatch.ElapsedMilliseconds} ms before building the image, no credentials{SuppressedNote(suppressed.Count)}"
            : $"SecretGuard: {Plural(diagnostics.Count, "credential")} found before building the image ({Plural(stats.Files, "published file")} checked in {stopwatch.ElapsedMilliseconds} ms){SuppressedNote(suppressed.Count)}";
        return new ScanOutcome(diagnostics, summary, stats) { Suppressed = suppressed, MatchedSuppressions = matched };
    }

    private static List<Finding> ScanPublishDirectory(string directory, string workingDirectory, FileScanner files, ScanStatistics stats)
    {
        var appDir = workingDirectory.TrimEnd('/') + "/";
        var findings = new List<Finding>();
        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var imagePath = appDir + Path.GetRelativePath(directory, path).Replace('\\', '/');
            using var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            stats.Files++;
            stats.Bytes += content.Length;
            findings.AddRange(files.Scan(imagePath, content.Length, content, LayerFileLocation.AppLayerToBuild, ""));
        }

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

    private static string SuppressedNote(int suppressed) => suppressed == 0 ? "" : $" ({suppressed} suppressed)";

    private static ScanOutcome Failure(ProjectContext project, string code, string message) =>
        new([new Diagnostic(code, project.ProjectFile, 0, 0, message, IsFinding: false)], "SecretGuard: the image could not be verified", new ScanStatistics());

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
