using System.Diagnostics;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Reporting;
using SecretGuard.SourceMapping;

namespace SecretGuard.Scanning;

/// <summary>What a scan concluded: diagnostics to report (redacted) and the summary line.</summary>
public sealed record ScanOutcome(IReadOnlyList<Diagnostic> Diagnostics, string Summary, ScanStatistics Statistics);

/// <summary>
/// The whole check, with no build engine: scan the images, map findings to sources, and turn any
/// failure to read an image into a diagnostic that names the cause (never a pass, never a stack trace).
/// </summary>
public static class ContainerScan
{
    public static ScanOutcome Run(IReadOnlyList<ImageToScan> images, ProjectContext project, RuleSet rules)
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
            result = new ImageScanner(rules).Scan(images);
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

        var mapper = new SourceMapper(project);
        var diagnostics = result.Findings.Select(mapper.Map).Distinct().ToList();
        var s = result.Statistics;
        var elapsed = stopwatch.ElapsedMilliseconds;
        var summary = diagnostics.Count == 0
            ? $"SecretGuard: scanned {Plural(s.Images, "image")}, {Plural(s.Layers, "app layer")}, {Plural(s.Files, "file")} in {elapsed} ms, no credentials"
            : $"SecretGuard: {Plural(diagnostics.Count, "credential")} found in {Plural(s.Images, "image")} ({Plural(s.Layers, "app layer")}, {Plural(s.Files, "file")} scanned in {elapsed} ms)";
        return new ScanOutcome(diagnostics, summary, s);
    }

    private static ScanOutcome Failure(ProjectContext project, string code, string message) =>
        new([new Diagnostic(code, project.ProjectFile, 0, 0, message, IsFinding: false)], "SecretGuard: the image could not be verified", new ScanStatistics());

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
