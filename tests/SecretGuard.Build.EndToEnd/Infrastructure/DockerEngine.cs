using System.Diagnostics;

namespace SecretGuard.EndToEnd.Infrastructure;

/// <summary>
/// A Docker Engine of the tests' own: dockerd on a private socket with its own data, exec root and pid
/// file (vfs storage, no iptables, no bridge: it needs no network and no other daemon), stopped by its
/// pid. The SDK's default local destination (LocalRegistry=Docker) and the docker CLI reach it through
/// DOCKER_HOST.
/// </summary>
public sealed class DockerEngine : IDisposable
{
    private readonly Process _process;

    private readonly string _root;

    private DockerEngine(Process process, string root, string socket)
    {
        _process = process;
        _root = root;
        Host = "unix://" + socket;
    }

    /// <summary>DOCKER_HOST for the client and the SDK.</summary>
    public string Host { get; }

    /// <summary>The test environment with DOCKER_HOST pointing at this engine.</summary>
    public Dictionary<string, string> Environment => new(TestEnvironment.Environment) { ["DOCKER_HOST"] = Host };

    public static DockerEngine Start(string root)
    {
        Directory.CreateDirectory(root);
        var socket = Path.Combine(root, "docker.sock");
        var log = Path.Combine(root, "dockerd.log");
        var psi = new ProcessStartInfo("dockerd",
        [
            "--storage-driver=vfs", "--iptables=false", "--ip-masq=false", "--bridge=none",
            "-H", "unix://" + socket,
            "--data-root", Path.Combine(root, "data"),
            "--exec-root", Path.Combine(root, "exec"),
            "--pidfile", Path.Combine(root, "docker.pid"),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("dockerd is not installed (scripts/ensure-tools.sh installs Debian's docker.io): " + ex.Message, ex);
        }

        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var engine = new DockerEngine(process, root, socket);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                break;
            }

            if (File.Exists(socket) && engine.Docker("version", "--format", "{{.Server.Version}}").ExitCode == 0)
            {
                return engine;
            }

            Thread.Sleep(250);
        }

        engine.Dispose();
        string text;
        lock (output)
        {
            text = output.ToString();
        }

        File.WriteAllText(log, text);
        throw new InvalidOperationException($"dockerd did not start on {socket} (exit {(process.HasExited ? process.ExitCode.ToString() : "none, still starting")}); its log:\n{string.Join('\n', text.Split('\n').TakeLast(30))}");
    }

    /// <summary>Runs the docker CLI against this engine.</summary>
    public BuildOutput Docker(params string[] args) => DockerWith(new Dictionary<string, string>(), args);

    /// <summary>Runs the docker CLI against this engine with more environment (DOCKER_BUILDKIT=0 for the classic builder).</summary>
    public BuildOutput DockerWith(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("docker", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["DOCKER_HOST"] = Host;
        foreach (var (k, v) in environment)
        {
            psi.Environment[k] = v;
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"docker {string.Join(' ', args)} did not finish in 2 minutes");
        }

        return new BuildOutput(process.ExitCode, stdout + stderr.GetAwaiter().GetResult());
    }

    /// <summary>The repository:tag of every image the engine holds.</summary>
    public IReadOnlyList<string> Images()
    {
        var list = Docker("images", "--format", "{{.Repository}}:{{.Tag}}");
        if (list.ExitCode != 0)
        {
            throw new InvalidOperationException("docker images failed: " + list.Text);
        }

        return list.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Stops dockerd by its pid (SIGTERM: it stops the containerd it started), then removes its files.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
            {
                term.WaitForExit();
            }

            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // vfs layers may hold read-only files; the test run's folder is removed with the rest
        }
    }
}
