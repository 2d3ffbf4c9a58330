using System.Diagnostics;
using System.Security.Cryptography;

namespace SecretGuard.Tests.Scanning;

/// <summary>
/// Installs the npm packages pinned by NpmCorpus/package-lock.json with <c>npm ci</c> (no install scripts
/// run) into artifacts/npm-corpus/LOCKHASH, once per lock file: later runs on the same checkout reuse it.
/// </summary>
internal static class NpmCorpus
{
    private static readonly Lock Gate = new();

    /// <summary>The installed node_modules folder.</summary>
    public static string Install(TestContext context)
    {
        var source = Path.Combine(TestPaths.RepositoryRoot(), "tests", "SecretGuard.Build.Tests", "Scanning", "NpmCorpus");
        var lockFile = File.ReadAllBytes(Path.Combine(source, "package-lock.json"));
        var key = Convert.ToHexString(SHA256.HashData(lockFile))[..16].ToLowerInvariant();
        var target = Path.Combine(TestPaths.RepositoryRoot(), "artifacts", "npm-corpus", key);
        var modules = Path.Combine(target, "node_modules");

        lock (Gate)
        {
            if (File.Exists(Path.Combine(target, ".installed")))
            {
                context.WriteLine($"npm corpus: reusing {modules}");
                return modules;
            }

            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true); // an install that did not finish
            }

            Directory.CreateDirectory(target);
            File.Copy(Path.Combine(source, "package.json"), Path.Combine(target, "package.json"));
            File.Copy(Path.Combine(source, "package-lock.json"), Path.Combine(target, "package-lock.json"));

            var watch = Stopwatch.StartNew();
            var (exitCode, output) = Run(target, "ci --ignore-scripts --no-audit --no-fund --loglevel=error");
            if (exitCode != 0)
            {
                // Once more: a registry's transient failure (a reset connection, a 503) is not the scanner's.
                context.WriteLine($"npm ci failed with exit code {exitCode}, trying again:\n{output}");
                (exitCode, output) = Run(target, "ci --ignore-scripts --no-audit --no-fund --loglevel=error");
            }

            if (exitCode != 0)
            {
                Assert.Fail($"npm ci failed with exit code {exitCode} in {target}:\n{output}");
            }

            File.WriteAllText(Path.Combine(target, ".installed"), DateTime.UtcNow.ToString("O"));
            context.WriteLine($"npm corpus: installed into {modules} in {watch.Elapsed.TotalSeconds:F0} s");
            return modules;
        }
    }

    private static (int ExitCode, string Output) Run(string folder, string arguments)
    {
        ProcessStartInfo start = new("npm", arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            // scripts/ensure-tools.sh installs npm; a machine without it cannot run this test.
            Assert.Inconclusive($"npm could not be started ({ex.Message}): run scripts/ensure-tools.sh");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("npm ci did not finish in 10 minutes");
            }

            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
