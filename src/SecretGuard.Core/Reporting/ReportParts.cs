using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecretGuard.Reporting;

/// <summary>
/// One report path for a whole solution publish. Projects are built in any order, by several MSBuild
/// node processes (-m) or several builds in one process, and each writes the same report path. So each
/// project writes only its own part, keyed by its full path, into a hidden folder beside the report
/// (".secretguard.sarif.parts" for "secretguard.sarif"), and the shared file is then rebuilt from every
/// part of this run, all under one lock file in that folder; files are replaced by rename, so a reader
/// never sees half a report.
/// <para>
/// "This run": MSBuild gives a build no identity that its node processes share, so a run is the time
/// during which at least one build node that wrote a part is still in its build. Each node of a build
/// (<see cref="ReportRunMember"/>, kept by the task for the build's lifetime) leaves a marker in the
/// folder when it first writes, and removes it when the build ends. A project's first step that finds
/// no live marker (none left, or only those of processes that have exited) starts a new run: the parts
/// of the earlier run are dropped, so a project removed from the solution, or one that failed before
/// it was checked, does not keep old findings in the report. A set run id
/// (SecretGuardReportRunId, such as the CI pipeline's run) replaces all of this: parts of other ids are dropped.
/// </para>
/// </summary>
internal static class ReportParts
{
    private const string RunFile = "run.json";

    private const string LiveFolder = "live";

    private const string PartSuffix = ".part.json";

    /// <summary>The folder beside <paramref name="sharedPath"/> that holds its parts.</summary>
    public static string FolderOf(string sharedPath)
    {
        var full = Path.GetFullPath(sharedPath);
        return Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + ".parts");
    }

    /// <summary>
    /// Replaces (or, when <paramref name="merge"/>, adds to) this project's part, then rebuilds the shared file
    /// from the parts of the current run.
    /// </summary>
    /// <param name="updatePart">Makes the project's new part from its part of this run so far (null: none, or not merging).</param>
    /// <param name="combine">Makes the shared file from the parts of this run, in project order.</param>
    public static void Update(
        string sharedPath,
        string projectFile,
        ReportRunMember member,
        bool merge,
        Func<JsonObject?, JsonObject> updatePart,
        Func<IReadOnlyList<ReportPart>, JsonNode> combine)
    {
        var folder = FolderOf(sharedPath);
        Directory.CreateDirectory(folder);
        using var exclusive = Lock(folder);
        var run = JoinRun(folder, member, mayStartRun: !merge);

        var project = Path.GetFullPath(projectFile);
        var partPath = Path.Combine(folder, KeyOf(project) + PartSuffix);
        var existing = merge ? ReadPart(partPath) : null;
        var part = updatePart(existing is not null && existing.Run == run ? existing.Content : null);
        WriteAtomically(partPath, new JsonObject { ["run"] = run, ["project"] = project, ["content"] = part }.ToJsonString());

        var parts = new List<ReportPart>();
        foreach (var file in Directory.EnumerateFiles(folder, "*" + PartSuffix))
        {
            var p = ReadPart(file);
            if (p is null || p.Run != run)
            {
                TryDelete(file); // an earlier run's, or unreadable
                continue;
            }

            parts.Add(p);
        }

        parts.Sort((a, b) => string.CompareOrdinal(a.Project, b.Project));
        WriteAtomically(Path.GetFullPath(sharedPath), combine(parts).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>The run this step belongs to: the set id, the run this node joined, a live run, or a new one.</summary>
    private static string JoinRun(string folder, ReportRunMember member, bool mayStartRun)
    {
        var runFile = Path.Combine(folder, RunFile);
        var current = ReadRunId(runFile);
        if (member.ExplicitRunId is { Length: > 0 } explicitId)
        {
            if (current != explicitId)
            {
                WriteAtomically(runFile, new JsonObject { ["id"] = explicitId }.ToJsonString());
            }

            return explicitId;
        }

        var live = Path.Combine(folder, LiveFolder);
        Directory.CreateDirectory(live);
        var marker = Path.Combine(live, member.Token);
        if (current is not null && File.Exists(marker))
        {
            return current; // this node of this build joined already
        }

        var othersLive = Directory.EnumerateFiles(live).Any(IsLive);
        if (current is null || (mayStartRun && !othersLive))
        {
            foreach (var stale in Directory.EnumerateFiles(live))
            {
                TryDelete(stale);
            }

            current = Guid.NewGuid().ToString("N");
            WriteAtomically(runFile, new JsonObject { ["id"] = current }.ToJsonString());
        }

        File.WriteAllText(marker, $"{member.ProcessId} {member.ProcessStartTicks}");
        member.Joined(marker);
        return current;
    }

    /// <summary>A marker is live while its file is there (its build has not ended) and its process runs.</summary>
    private static bool IsLive(string marker)
    {
        try
        {
            var fields = File.ReadAllText(marker).Split(' ');
            if (fields.Length != 2 || !int.TryParse(fields[0], out var pid) || !long.TryParse(fields[1], out var startTicks))
            {
                return false;
            }

            return ReportRunMember.ProcessStartTicksOf(pid) is { } ticks && (startTicks == 0 || ticks == 0 || Math.Abs(ticks - startTicks) < TimeSpan.TicksPerSecond);
        }
        catch (IOException)
        {
            return false; // removed while we looked: its build ended
        }
    }

    private static string? ReadRunId(string runFile)
    {
        try
        {
            return File.Exists(runFile) ? JsonNode.Parse(File.ReadAllText(runFile))?["id"]?.GetValue<string>() : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static ReportPart? ReadPart(string path)
    {
        try
        {
            if (!File.Exists(path) || JsonNode.Parse(File.ReadAllText(path)) is not JsonObject root)
            {
                return null;
            }

            var run = root["run"]?.GetValue<string>();
            var project = root["project"]?.GetValue<string>();
            return run is null || project is null || root["content"] is not JsonObject content ? null : new ReportPart(run, project, (JsonObject)content.DeepClone());
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidOperationException or FormatException)
        {
            return null; // not ours, or cut short by a crash: rebuilt by its project's next publish
        }
    }

    /// <summary>A file name for a project: the same path always gives the same part.</summary>
    internal static string KeyOf(string projectFullPath)
    {
        var normalized = OperatingSystem.IsWindows() ? projectFullPath.ToUpperInvariant() : projectFullPath;
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))[..16].ToLowerInvariant();
        var name = new string(Path.GetFileNameWithoutExtension(projectFullPath).Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').Take(40).ToArray());
        return $"{name}-{hash}";
    }

    /// <summary>Written beside the target and renamed over it: a reader sees the old file or the new one.</summary>
    internal static void WriteAtomically(string path, string text) => Common.AtomicFile.Write(path, text);

    /// <summary>
    /// An exclusive lock on a file that stays in place (deleting it on close would let two writers hold
    /// locks on two different files). Other processes and other threads wait for it.
    /// </summary>
    internal static FileStream Lock(string folder)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        var path = Path.Combine(folder, "lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20 + Random.Shared.Next(30));
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // left for the next run to drop
        }
    }
}

/// <summary>One project's part of a shared report: the run it belongs to, the project, and what it found.</summary>
internal sealed record ReportPart(string Run, string Project, JsonObject Content);

/// <summary>
/// One build node's membership of report runs, for as long as its build lasts: the markers it left are
/// removed when it is disposed (by MSBuild, at the end of the build).
/// </summary>
internal sealed class ReportRunMember : IDisposable
{
    private readonly List<string> _markers = [];

    public ReportRunMember(string? explicitRunId = null)
    {
        ExplicitRunId = string.IsNullOrWhiteSpace(explicitRunId) ? null : explicitRunId.Trim();
        using var self = Process.GetCurrentProcess();
        ProcessId = self.Id;
        ProcessStartTicks = ProcessStartTicksOf(ProcessId) ?? 0;
    }

    /// <summary>A member for code that runs outside a build (tests, tools): one per process, never ended.</summary>
    public static ReportRunMember ThisProcess { get; } = new();

    /// <summary>Names this member's marker: unique per node and build.</summary>
    public string Token { get; } = Guid.NewGuid().ToString("N");

    public string? ExplicitRunId { get; }

    public int ProcessId { get; }

    public long ProcessStartTicks { get; }

    /// <summary>The same node and build, with the run id a project sets (SecretGuardReportRunId).</summary>
    public ReportRunMember WithRunId(string? runId) =>
        string.IsNullOrWhiteSpace(runId) || runId.Trim() == ExplicitRunId ? this : new ReportRunMember(runId);

    internal void Joined(string marker)
    {
        lock (_markers)
        {
            _markers.Add(marker);
        }
    }

    /// <summary>UTC start of a running process, 0 when it cannot be read; null when no such process runs.</summary>
    internal static long? ProcessStartTicksOf(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            try
            {
                return process.HasExited ? null : process.StartTime.ToUniversalTime().Ticks;
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                return 0; // running, but not ours to look into
            }
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        lock (_markers)
        {
            foreach (var marker in _markers)
            {
                try
                {
                    File.Delete(marker);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // its process check makes a left-over marker harmless once the process exits
                }
            }

            _markers.Clear();
        }
    }
}
