using System.Diagnostics;

namespace SecretGuard.EndToEnd.Infrastructure;

/// <summary>Asks the test run's podman storage (vfs, no engine) what it holds.</summary>
public static class Podman
{
    public static bool ImageExists(string reference)
    {
        var psi = new ProcessStartInfo("podman", ["image", "exists", reference]) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var (k, v) in TestEnvironment.Environment)
        {
            psi.Environment[k] = v;
        }

        using var process = Process.Start(psi)!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
