using SecretGuard.Findings;
using SecretGuard.Reporting;

namespace SecretGuard.Cli;

/// <summary>One run of <c>secretguard check</c>: read the acceptances, check the images, report.</summary>
internal static class Check
{
    public static int Run(CheckOptions settings) => Run(settings, Console.Out, Console.Error);

    public static int Run(CheckOptions settings, TextWriter output, TextWriter error)
    {
        var report = new CheckReport(settings, output, error);
        if (!report.TryReadAcceptances())
        {
            return ExitCodes.Usage;
        }

        try
        {
            using var progress = RunProgress.For(settings.Progress);
            var result = new ImageCheck(settings, error, progress).Run();
            return report.Write(result);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A fault of SecretGuard's own: named, without a stack trace, and never a pass (in the reports too).
            var message = Messages.InternalError(ex, "the images");
            error.WriteLine($"secretguard: error SG0007: {message}");
            report.WriteNotRun([new Diagnostic(DiagnosticCodes.InternalError, "secretguard", 0, 0, message, IsFinding: false)]);
            return ExitCodes.NotChecked;
        }
    }
}
