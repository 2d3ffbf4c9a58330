using System.Security.Cryptography;
using System.Text.Json;

namespace SecretGuard.Scanning;

/// <summary>
/// Which files of the publish folder the last check found clean, by size and last-write time (as
/// MSBuild's own incremental build judges files), so a re-publish with no change does not read them
/// again. A small file also keeps a hash of its content: the SDK writes some files (web.config) anew on
/// every publish with the same content, and a new write time alone should not cost a re-check. Only
/// clean verdicts are kept: a file with a finding is always read again. Kept in the
/// project's obj folder; a missing, corrupt, huge or foreign state file just means a full check, and a
/// folder that cannot be written only means a full check next time: the state never fails a check.
/// </summary>
internal sealed class CleanFileCache
{
    private const string FileName = "secretguard.clean-files.json";

    /// <summary>
    /// Files up to this size keep a content hash beside their stamp: reading them again to hash costs
    /// less than checking them, and larger files are not the ones a publish rewrites unchanged.
    /// </summary>
    internal const int MaxHashedBytes = 64 << 10;

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
    /// <param name="workingDirectory">Where the files sit in the image: a verdict depends on it (a documentation folder's files are checked for key material only), so the key changes with it.</param>
    public static CleanFileCache Open(string stateDirectory, ScanLimits limits, string workingDirectory = "")
    {
        var path = Path.Combine(stateDirectory, FileName);
        var key = $"{LayerResultCache.ScannerVersion}|{limits.MaxFileBytes}|{workingDirectory}";
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

    /// <summary>Size and write time: "length:ticks", as MSBuild judges a file unchanged.</summary>
    private static string Stamp(FileInfo file) => $"{file.Length}:{file.LastWriteTimeUtc.Ticks}";

    /// <summary>Whether the file was clean last time and has not changed since (it is then still clean).</summary>
    public bool IsUnchangedAndClean(string relativePath, FileInfo file)
    {
        if (!_previous.TryGetValue(relativePath, out var previous))
        {
            return false;
        }

        // A state entry is "length:ticks" or "length:ticks:sha256".
        var stamp = Stamp(file);
        var hashAt = previous.IndexOf(':', previous.IndexOf(':') + 1);
        var previousStamp = hashAt < 0 ? previous : previous[..hashAt];
        // Size and write time alone vouch only for a large file: a small one's content is compared too (it costs
        // at most 64 KB of reading), since a same-size edit can keep its write time (cp -p, rsync -t, files
        // unpacked with the fixed entry times of a deterministic package).
        if (previousStamp == stamp && hashAt < 0)
        {
            _current[relativePath] = previous;
            Unchanged++;
            return true;
        }

        // Written again since, or a small file: still clean when the content is byte for byte what was checked.
        if (hashAt > 0
            && previousStamp.StartsWith($"{file.Length}:", StringComparison.Ordinal)
            && ContentHash(file, stamp) is { } hash
            && string.Equals(hash, previous[(hashAt + 1)..], StringComparison.Ordinal))
        {
            _current[relativePath] = $"{stamp}:{hash}";
            Unchanged++;
            return true;
        }

        return false;
    }

    /// <summary>Records a file just checked and found clean, as it was when the check began (<paramref name="file"/>).</summary>
    public void RecordClean(string relativePath, FileInfo file)
    {
        var stamp = Stamp(file);
        _current[relativePath] = ContentHash(file, stamp) is { } hash ? $"{stamp}:{hash}" : stamp;
    }

    /// <summary>
    /// The hex SHA-256 of a small file's content, or null for a larger file, one that cannot be read, or
    /// one whose size or write time is no longer <paramref name="stamp"/> after reading it: a hash of
    /// content other than what was checked must never vouch for it.
    /// </summary>
    private static string? ContentHash(FileInfo file, string stamp)
    {
        if (file.Length > MaxHashedBytes)
        {
            return null;
        }

        try
        {
            var bytes = File.ReadAllBytes(file.FullName);
            var now = new FileInfo(file.FullName);
            return bytes.Length == file.Length && Stamp(now) == stamp ? Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant() : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

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
