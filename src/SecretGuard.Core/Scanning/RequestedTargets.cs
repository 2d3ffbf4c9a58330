namespace SecretGuard.Scanning;

/// <summary>
/// Whether the build was asked, on its command line, to run PublishContainer: the one signal that lets
/// the base image check start before the SDK computes the base image. MSBuild names the requested
/// targets in no property, so the command line of the process that runs the build is read: the dotnet
/// CLI's own (MSBuild runs in it), or, in a worker node of a build with several nodes, the CLI that
/// started the node. Anything else (a response file, an IDE, a node another build left running) reads
/// as not asked: the check then runs at the gate, as it always did, and a plain build or test never
/// contacts a registry.
/// </summary>
internal static class RequestedTargets
{
    /// <summary>True when the arguments ask for the target with -t, -target, /t or /target (any case, ';' or ',' between targets).</summary>
    public static bool Names(IEnumerable<string> arguments, string target)
    {
        foreach (var argument in arguments)
        {
            var text = argument.Trim();
            if (text.Length < 3 || (text[0] != '-' && text[0] != '/'))
            {
                continue;
            }

            var body = text.TrimStart('-', '/');
            var colon = body.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }

            var name = body[..colon];
            if (!name.Equals("t", StringComparison.OrdinalIgnoreCase) && !name.Equals("target", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var requested in body[(colon + 1)..].Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (requested.Trim('"', '\'').Equals(target, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static readonly string[] ProjectExtensions = [".csproj", ".fsproj", ".vbproj", ".proj"];

    /// <summary>
    /// True when the arguments ask for the target of this project: they name the target, and either name
    /// no project file (a solution, a folder, the current one) or name this one. A project built only as
    /// another's reference is not asked for the target, though the build's command line holds it.
    /// </summary>
    public static bool AskedOf(IReadOnlyList<string> arguments, string target, string projectFile)
    {
        if (!Names(arguments, target))
        {
            return false;
        }

        // Compared by file name: MSBuild changes the process's folder as it builds, so a relative argument
        // cannot be resolved here; a project argument that is a switch's value has a ':' before it.
        var named = arguments.Where(a => !a.StartsWith('-') && !a.Contains(':') && ProjectExtensions.Any(e => a.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            .Select(Path.GetFileName).ToList();
        return named.Count == 0 || named.Contains(Path.GetFileName(projectFile), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Whether this build, as its process was started, asks for the target of this project.</summary>
    public static bool AskedOfThisBuild(string target, string projectFile)
    {
        var own = Environment.GetCommandLineArgs();
        if (AskedOf(own, target, projectFile))
        {
            return true;
        }

        // An MSBuild worker node: the build's targets are on the command line of the CLI that started it.
        return own.Any(a => a.TrimStart('-', '/').StartsWith("nodemode:", StringComparison.OrdinalIgnoreCase))
            && ParentCommandLine() is { } parent && AskedOf(parent, target, projectFile);
    }

    /// <summary>The parent process's arguments (Linux only, where /proc has them); null elsewhere or when unreadable.</summary>
    private static string[]? ParentCommandLine()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            // /proc/self/stat: "pid (name) state ppid ..."; the name may hold spaces and parentheses.
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length < 2 || !int.TryParse(fields[1], out var parent) || parent <= 1)
            {
                return null;
            }

            var bytes = File.ReadAllBytes($"/proc/{parent}/cmdline");
            return bytes.Length > 1 << 20 ? null : System.Text.Encoding.UTF8.GetString(bytes).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
