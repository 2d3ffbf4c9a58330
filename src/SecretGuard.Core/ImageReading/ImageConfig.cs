using System.Text.Json;

namespace SecretGuard.ImageReading;

/// <summary>One step of the image's history (a Dockerfile instruction or the SDK's layer).</summary>
internal sealed record HistoryEntry(string CreatedBy, string Author, bool EmptyLayer);

/// <summary>One step of a place in the config document: a field's name and its position among its object's fields, or an array index.</summary>
/// <remarks>Classes, not structs: lists of them share the runtime's precompiled code, where a list of a struct is compiled on first use in every build.</remarks>
internal sealed record ConfigPathStep(string? Name, int Index);

/// <summary>A string of a <see cref="ConfigField"/>, with its index in its array or its position among its object's keys.</summary>
internal sealed record ConfigString(int Index, string Value);

/// <summary>What the strings of a <see cref="ConfigField"/> are.</summary>
internal enum ConfigFieldKind
{
    /// <summary>One string: the field's value.</summary>
    Value,

    /// <summary>The strings of one array, each with its index there.</summary>
    Items,

    /// <summary>The names of one object's fields (Volumes and ExposedPorts are sets of names), each with its position.</summary>
    Keys,
}

/// <summary>Strings at one place of the config document, read together; <see cref="Path"/> is the field (or the object, for keys).</summary>
internal sealed record ConfigField(IReadOnlyList<ConfigPathStep> Path, ConfigFieldKind Kind, IReadOnlyList<ConfigString> Strings);

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

    /// <summary>The user the container runs as (config.User): the SDK writes it from ContainerUser.</summary>
    public string User { get; init; } = "";

    /// <summary>
    /// Every other string of the config document, each at its place: the rest of what a builder can set
    /// (Healthcheck, OnBuild, Shell, Volumes, StopSignal, a history step's comment and author, Docker's
    /// container_config, top-level fields such as author, fields of no spec), so a credential there is
    /// seen too. Only rootfs.diff_ids, the layers' digests, is left out.
    /// </summary>
    public IReadOnlyList<ConfigField> Fields { get; init; } = [];

    /// <summary>
    /// This config with nothing left to scan in it, for reading an image's layers once its config was
    /// checked on its own (the layers' reader also scans the config it is given).
    /// </summary>
    public ImageConfig WithoutEntries() => this with { Env = [], Labels = [], Entrypoint = [], Cmd = [], WorkingDir = "", User = "", History = [], Fields = [] };

    /// <summary>
    /// Fields that are not what the image spec says (an Env entry that is a number, a label value that is
    /// not a string), each naming the field. Their values are still read, as their JSON text, and scanned.
    /// </summary>
    public IReadOnlyList<string> Irregularities { get; init; } = [];

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

            var irregular = new List<string>();
            var config = root.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
            if (root.TryGetProperty("config", out var anyConfig) && anyConfig.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                irregular.Add($"config is {Kind(anyConfig)}, not an object");
            }

            var fields = new List<ConfigField>();
            var history = new List<HistoryEntry>();
            if (root.TryGetProperty("history", out var h))
            {
                if (h.ValueKind == JsonValueKind.Array)
                {
                    var step = 0;
                    foreach (var e in h.EnumerateArray())
                    {
                        step++;
                        if (e.ValueKind != JsonValueKind.Object)
                        {
                            irregular.Add($"history step {step} is {Kind(e)}, not an object");
                        }
                        else if (e.TryGetProperty("created_by", out var createdBy) && createdBy.ValueKind != JsonValueKind.String)
                        {
                            irregular.Add($"history step {step} created_by is {Kind(createdBy)}, not a string");
                        }

                        history.Add(new HistoryEntry(
                            e.ValueKind == JsonValueKind.Object && e.TryGetProperty("created_by", out var cb) ? Text(cb) : "",
                            Str(e, "author"),
                            e.ValueKind == JsonValueKind.Object && e.TryGetProperty("empty_layer", out var el) && el.ValueKind == JsonValueKind.True));

                        // created_by is read as the step's command (HistoryEntry.CreatedBy); the rest of the step here.
                        CollectFields(e, [new("history", 0), new(null, step - 1)], fields, (name, _) => name == "created_by");
                    }
                }
                else if (h.ValueKind != JsonValueKind.Null)
                {
                    irregular.Add($"history is {Kind(h)}, not an array");
                }
            }

            var labels = new List<KeyValuePair<string, string>>();
            if (config.ValueKind == JsonValueKind.Object && config.TryGetProperty("Labels", out var labelsElement))
            {
                if (labelsElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in labelsElement.EnumerateObject())
                    {
                        if (p.Value.ValueKind != JsonValueKind.String)
                        {
                            irregular.Add($"config.Labels[\"{ImageManifest.Printable(p.Name)}\"] is {Kind(p.Value)}, not a string");
                        }

                        labels.Add(new KeyValuePair<string, string>(p.Name, Text(p.Value)));
                    }
                }
                else if (labelsElement.ValueKind != JsonValueKind.Null)
                {
                    irregular.Add($"config.Labels is {Kind(labelsElement)}, not an object");
                }
            }

            // Env, Labels, Entrypoint, Cmd, User and WorkingDir are read as what they are; every other string of
            // the config, and of the document (history was done above), as a field at its place.
            if (config.ValueKind == JsonValueKind.Object)
            {
                CollectFields(config, [new("config", 0)], fields, (name, value) => name switch
                {
                    "Env" or "Entrypoint" or "Cmd" => value.ValueKind == JsonValueKind.Array,
                    "Labels" => value.ValueKind == JsonValueKind.Object,
                    "User" or "WorkingDir" => true,
                    _ => false,
                });
            }

            CollectFields(root, [], fields, (name, value) => name switch
            {
                "config" or "rootfs" => value.ValueKind == JsonValueKind.Object,
                "history" => value.ValueKind == JsonValueKind.Array,
                _ => false,
            });
            if (root.TryGetProperty("rootfs", out var rootfsFields) && rootfsFields.ValueKind == JsonValueKind.Object)
            {
                // diff_ids are the layers' digests, each checked against its layer.
                CollectFields(rootfsFields, [new("rootfs", 0)], fields, (name, value) => name == "diff_ids" && value.ValueKind == JsonValueKind.Array);
            }

            return new ImageConfig(
                Strings(config, "Env", irregular),
                labels,
                Strings(config, "Entrypoint", irregular),
                Strings(config, "Cmd", irregular),
                Value(config, "WorkingDir", irregular),
                history)
            {
                User = Value(config, "User", irregular),
                Fields = fields,
                // A diff_id that is not a string cannot match a layer: the layer check then reports that layer.
                DiffIds = root.TryGetProperty("rootfs", out var rootfs) ? Strings(rootfs, "diff_ids", []) : [],
                Irregularities = irregular,
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
            var found = new List<int>();
            for (var i = 0; i < layerHistory.Count; i++)
            {
                if (layerHistory[i].CreatedBy.StartsWith(".NET SDK Container Tooling", StringComparison.Ordinal) || layerHistory[i].Author == ".NET SDK")
                {
                    found.Add(i);
                }
            }

            if (found.Count > 0)
            {
                return found;
            }
        }

        return layerCount > 0 ? [layerCount - 1] : [];
    }

    /// <summary>
    /// The strings of <paramref name="e"/> and of everything in it, as fields at their places, leaving out
    /// the fields of <paramref name="e"/> itself that <paramref name="readElsewhere"/> says are read on
    /// their own (a field that is not of the kind its own reading expects is collected here, so it is
    /// scanned all the same).
    /// </summary>
    private static void CollectFields(JsonElement e, List<ConfigPathStep> path, List<ConfigField> fields, Func<string, JsonElement, bool>? readElsewhere = null)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                fields.Add(new ConfigField(path, ConfigFieldKind.Value, [new ConfigString(0, e.GetString()!)]));
                break;
            case JsonValueKind.Array:
                var items = new List<ConfigString>();
                var i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        items.Add(new ConfigString(i, item.GetString()!));
                    }
                    else
                    {
                        CollectFields(item, [.. path, new(null, i)], fields);
                    }

                    i++;
                }

                if (items.Count > 0)
                {
                    fields.Add(new ConfigField(path, ConfigFieldKind.Items, items));
                }

                break;
            case JsonValueKind.Object:
                var keys = new List<ConfigString>();
                var k = 0;
                foreach (var p in e.EnumerateObject())
                {
                    keys.Add(new ConfigString(k, p.Name));
                    if (readElsewhere?.Invoke(p.Name, p.Value) != true)
                    {
                        CollectFields(p.Value, [.. path, new(p.Name, k)], fields);
                    }

                    k++;
                }

                if (keys.Count > 0)
                {
                    fields.Add(new ConfigField(path, ConfigFieldKind.Keys, keys));
                }

                break;
        }
    }

    private static string Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    /// <summary>A string field; one of another kind is kept as its JSON text (so it is still scanned) and named in <paramref name="irregular"/>.</summary>
    private static string Value(JsonElement e, string name, List<string> irregular)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return "";
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            irregular.Add($"config.{name} is {Kind(v)}, not a string");
        }

        return Text(v);
    }

    /// <summary>An array of strings; an entry of another kind is kept as its JSON text (so it is still scanned) and named in <paramref name="irregular"/>.</summary>
    private static IReadOnlyList<string> Strings(JsonElement e, string name, List<string> irregular)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            irregular.Add($"config.{name} is {Kind(v)}, not an array of strings");
            return [];
        }

        var values = new List<string>();
        var i = 0;
        foreach (var x in v.EnumerateArray())
        {
            if (x.ValueKind != JsonValueKind.String)
            {
                irregular.Add($"config.{name}[{i}] is {Kind(x)}, not a string");
            }

            values.Add(Text(x));
            i++;
        }

        return values;
    }

    private static string Text(JsonElement x) => x.ValueKind switch { JsonValueKind.String => x.GetString()!, JsonValueKind.Null => "", _ => x.GetRawText() };

    private static string Kind(JsonElement x) => x.ValueKind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "a string",
    };
}
