using System.Diagnostics;

namespace SecretGuard.EndToEnd.Infrastructure;

/// <summary>Runs a helper program (not dotnet) and captures its output.</summary>
public static class Shell
{
    public static BuildOutput Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in 3 minutes");
        }

        return new BuildOutput(process.ExitCode, stdout + stderr.GetAwaiter().GetResult());
    }
}
