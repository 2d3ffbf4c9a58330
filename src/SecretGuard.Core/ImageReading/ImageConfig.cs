using System.Text.Json;

namespace SecretGuard.ImageReading;

/// <summary>One step of the image's history (a Dockerfile instruction or the SDK's layer).</summary>
internal sealed record HistoryEntry(string CreatedBy, string Author, bool EmptyLayer);

/// <summary>The parts of an image config a credential can hide in.</summary>
internal sealed record ImageConfig(
    IReadOnlyList<string> Env,
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    IReadOnlyList<string> Entrypoint,
    IReadOnlyList<string> Cmd,
    string WorkingDir,
    IReadOnlyList<HistoryEntry> History)
{
    /// <summary>
    /// The digest of each layer's uncompressed tar, bottom first (rootfs.diff_ids): what a runtime checks
    /// a layer against when it unpacks it. Empty when the config lists none.
    /// </summary>
    public IReadOnlyList<string> DiffIds { get; init; } = [];

    /// <summary>Configs with a long history are tens of KB; the registry reader caps them before this too.</summary>
    public const int MaxJsonChars = 8 << 20;

    public static ImageConfig Parse(string json)
    {
        if (json.Length > MaxJsonChars)
        {
            throw new ImageReadException(ImageReadFailure.Unreadable, $"the image config is {json.Length} characters, more than the {MaxJsonChars >> 20} MB a config may be");
        }

        try
        {
            using var doc = JsonDocument.Parse(json, ImageManifest.JsonOptions);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ImageReadException(ImageReadFailure.Unreadable, "the image config is not a JSON object");
            }

            var config = root.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
            var history = root.TryGetProperty("history", out var h) && h.ValueKind == JsonValueKind.Array
                ? h.EnumerateArray().Select(e => new HistoryEntry(
                    Str(e, "created_by"),
                    Str(e, "author"),
                    e.ValueKind == JsonValueKind.Object && e.TryGetProperty("empty_layer", out var el) && el.ValueKind == JsonValueKind.True)).ToList()
                : [];

            return new ImageConfig(
                Strings(config, "Env"),
                config.ValueKind == JsonValueKind.Object && config.TryGetProperty("Labels", out var labels) && labels.ValueKind == JsonValueKind.Object
                    ? labels.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.ToString())).ToList()
                    : [],
                Strings(config, "Entrypoint"),
                Strings(config, "Cmd"),
                config.ValueKind == JsonValueKind.Object ? Str(config, "WorkingDir") : "",
                history)
            {
                DiffIds = root.TryGetProperty("rootfs", out var rootfs) ? Strings(rootfs, "diff_ids") : [],
            };
        }
        catch (JsonException ex)
        {
            throw new ImageReadException(ImageReadFailure.Unreadable, $"the image config is not valid JSON ({ex.Message})", ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new ImageReadException(ImageReadFailure.Unreadable, $"the image config is not of the expected shape ({ex.GetType().Name})", ex);
        }
    }

    /// <summary>
    /// Indexes of the layers the .NET SDK added on top of the base image, found through history
    /// (each non-empty history entry is one layer, bottom first). Falls back to the top layer.
    /// </summary>
    public IReadOnlyList<int> SdkLayerIndexes(int layerCount)
    {
        var layerHistory = History.Where(e => !e.EmptyLayer).ToList();
        if (layerHistory.Count == layerCount)
        {
            var found = layerHistory
                .Select((e, i) => (e, i))
                .Where(x => x.e.CreatedBy.StartsWith(".NET SDK Container Tooling", StringComparison.Ordinal) || x.e.Author == ".NET SDK")
                .Select(x => x.i)
                .ToList();
            if (found.Count > 0)
            {
                return found;
            }
        }

        return layerCount > 0 ? [layerCount - 1] : [];
    }

    private static string Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static IReadOnlyList<string> Strings(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(x => x.ValueKind switch { JsonValueKind.String => x.GetString()!, JsonValueKind.Null => "", _ => x.GetRawText() }).ToList()
            : [];
}
