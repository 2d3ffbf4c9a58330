using System.Text.Json;

namespace SecretGuard.Scanning;

/// <summary>
/// Which files of the publish folder the last check found clean, by size and last-write time (as
/// MSBuild's own incremental build judges files), so a re-publish with no change does not read them
/// again. Only clean verdicts are kept: a file with a finding is always read again. Kept in the
/// project's obj folder; a missing, corrupt, huge or foreign state file just means a full check, and a
/// folder that cannot be written only means a full check next time: the state never fails a check.
/// </summary>
internal sealed class CleanFileCache
{
    private const string FileName = "secretguard.clean-files.json";

    /// <summary>Room for a few hundred thousand published files; a bigger state file is not read.</summary>
    internal const int MaxStateBytes = 64 << 20;

    private static readonly JsonDocumentOptions StateJson = new() { MaxDepth = 4 };
    private readonly string _path;
    private readonly string _key;
    private readonly Dictionary<string, string> _previous;
    private readonly Dictionary<string, string> _current = new(StringComparer.Ordinal);

    private CleanFileCache(string path, string key, Dictionary<string, string> previous)
    {
        _path = path;
        _key = key;
        _previous = previous;
    }

    /// <summary>Files not read again because they were clean and have not changed.</summary>
    public int Unchanged { get; private set; }

    /// <summary>Why the state was last of no use (ignored, or not writable), for a low-importance message; null when it was.</summary>
    public string? LastProblem { get; private set; }

    /// <summary>The state file, in the project's intermediate folder.</summary>
    internal string StatePath => _path;

    /// <param name="stateDirectory">The project's intermediate folder (obj/…).</param>
    /// <param name="limits">A file skipped for size is not clean: the key changes with the limits.</param>
    public static CleanFileCache Open(string stateDirectory, ScanLimits limits)
    {
        var path = Path.Combine(stateDirectory, FileName);
        var key = $"{LayerResultCache.ScannerVersion}|{limits.MaxFileBytes}";
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        string? problem = null;
        try
        {
            if (File.Exists(path))
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                if (file.Length > MaxStateBytes)
                {
                    problem = $"larger than {MaxStateBytes >> 20} MB";
                }
                else
                {
                    var bytes = new byte[(int)file.Length];
                    file.ReadExactly(bytes);
                    using var doc = JsonDocument.Parse(bytes, StateJson);
                    if (doc.RootElement.GetProperty("key").GetString() == key)
                    {
                        foreach (var p in doc.RootElement.GetProperty("files").EnumerateObject())
                        {
                            // Only a stamp of the expected kind counts; anything else is a file to read again.
                            if (p.Value.ValueKind == JsonValueKind.String)
                            {
                                previous[p.Name] = p.Value.GetString()!;
                            }
                        }
                    }
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            previous.Clear();
            problem = $"unreadable ({ex.GetType().Name})";
        }

        return new CleanFileCache(path, key, previous)
        {
            LastProblem = problem is null ? null : $"the state file {path} was ignored: {problem}",
        };
    }

    private static string Stamp(FileInfo file) => $"{file.Length}:{file.LastWriteTimeUtc.Ticks}";

    /// <summary>Whether the file was clean last time and has not changed since (it is then still clean).</summary>
    public bool IsUnchangedAndClean(string relativePath, FileInfo file)
    {
        if (_previous.TryGetValue(relativePath, out var stamp) && stamp == Stamp(file))
        {
            _current[relativePath] = stamp;
            Unchanged++;
            return true;
        }

        return false;
    }

    public void RecordClean(string relativePath, FileInfo file) => _current[relativePath] = Stamp(file);

    /// <summary>Writes the clean verdicts of this check; a state file that cannot be written only costs a full check next time.</summary>
    public void Save()
    {
        // Written beside it and moved over it: a full disk or a stopped build never leaves half a state file.
        try
        {
            Common.AtomicFile.Write(_path, stream =>
            {
                using var json = new Utf8JsonWriter(stream);
                json.WriteStartObject();
                json.WriteString("key", _key);
                json.WriteStartObject("files");
                foreach (var (name, stamp) in _current.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    json.WriteString(name, stamp);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LastProblem = $"the state file {_path} cannot be written ({ex.GetType().Name}: {ex.Message.TrimEnd('.')})";
        }
    }
}
