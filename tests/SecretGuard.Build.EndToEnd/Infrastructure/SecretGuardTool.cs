using System.Diagnostics;
using System.Text;

namespace SecretGuard.EndToEnd.Infrastructure;

/// <summary>What one run of the tool printed, apart: stdout (table, verdict line) and stderr (diagnostics, progress).</summary>
public sealed record ToolOutput(int ExitCode, string Stdout, string Stderr)
{
    public string Text => Stdout + Stderr;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// The secretguard .NET tool as a user gets it: packed into the tests' folder feed beside the package,
/// under the same version, and installed once with <c>dotnet tool install --tool-path</c>.
/// </summary>
public static class SecretGuardTool
{
    private static readonly Lazy<string> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The installed command.</summary>
    public static string Command => Installed.Value;

    private static string Install()
    {
        var pack = DotNet.Run(TestEnvironment.RepositoryRoot, TestEnvironment.Environment, "pack", Path.Combine(TestEnvironment.RepositoryRoot, "src", "SecretGuard.Cli"), "-c", "Release", "-o", TestEnvironment.Feed,
            $"-p:SecretGuardVersion={TestEnvironment.PackageVersion}", "-nodeReuse:false", "-tl:off");
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack of the tool failed:\n" + pack.Text);
        }

        // Installed from the folder feed only, as a team installs it from its own feed.
        var toolPath = Path.Combine(TestEnvironment.Root, "tool");
        var work = Path.Combine(TestEnvironment.Root, "tool-install");
        Directory.CreateDirectory(work);
        File.WriteAllText(Path.Combine(work, "nuget.config"), $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n    <add key=\"secretguard-e2e\" value=\"{TestEnvironment.Feed}\" />\n  </packageSources>\n</configuration>\n");
        var install = DotNet.Run(work, TestEnvironment.Environment, "tool", "install", "SecretGuard.Tool", "--version", TestEnvironment.PackageVersion, "--tool-path", toolPath, "--configfile", Path.Combine(work, "nuget.config"));
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet tool install failed:\n" + install.Text);
        }

        return Path.Combine(toolPath, "secretguard");
    }

    /// <summary>Runs <c>secretguard</c> with the tests' environment (their own layer cache) and <paramref name="environment"/> on top.</summary>
    public static ToolOutput Run(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo(Command, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestEnvironment.Root,
        };
        foreach (var (k, v) in TestEnvironment.Environment)
        {
            psi.Environment[k] = v;
        }

        // The tool's launcher finds the runtime beside the dotnet that runs these tests.
        psi.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : FindDotNet())!;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"secretguard {string.Join(' ', args)} did not finish in 5 minutes:\n{stdout}{stderr}");
        }

        process.WaitForExit();
        return new ToolOutput(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    public static ToolOutput Run(params string[] args) => Run(null, args);

    private static string FindDotNet()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, "dotnet");
            if (File.Exists(candidate))
            {
                return new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
            }
        }

        throw new InvalidOperationException("dotnet is not on PATH");
    }
}
