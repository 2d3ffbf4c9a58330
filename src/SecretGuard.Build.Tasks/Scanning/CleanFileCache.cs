using System.Text.Json;

namespace SecretGuard.Scanning;

/// <summary>
/// Which files of the publish folder the last check found clean, by size and last-write time (as
/// MSBuild's own incremental build judges files), so a re-publish with no change does not read them
/// again. Only clean verdicts are kept: a file with a finding is always read again. Kept in the
/// project's obj folder; a missing, corrupt or foreign state file just means a full check.
/// </summary>
public sealed class CleanFileCache
{
    private const string FileName = "secretguard.clean-files.json";
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

    /// <param name="stateDirectory">The project's intermediate folder (obj/…).</param>
    /// <param name="limits">A file skipped for size is not clean: the key changes with the limits.</param>
    public static CleanFileCache Open(string stateDirectory, ScanLimits limits)
    {
        var path = Path.Combine(stateDirectory, FileName);
        var key = $"{LayerResultCache.ScannerVersion}|{limits.MaxFileBytes}";
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(path))
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
                if (doc.RootElement.GetProperty("key").GetString() == key)
                {
                    foreach (var p in doc.RootElement.GetProperty("files").EnumerateObject())
                    {
                        previous[p.Name] = p.Value.GetString() ?? "";
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            previous.Clear();
        }

        return new CleanFileCache(path, key, previous);
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
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            using var stream = File.Create(_path);
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
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
