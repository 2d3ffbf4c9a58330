using System.Buffers;
using System.Text.Json;
using SecretGuard.Scanning;

namespace SecretGuard.Reporting;

/// <summary>
/// What one step of a check tells the next (the gate before the image is built, the verification after):
/// what it reported and accepted, so nothing is reported or counted twice, and what it read, so the
/// verification does not read the same files again. Travels as one opaque text (an MSBuild property).
/// </summary>
internal sealed record GateHandover
{
    /// <summary>Keys (fingerprints) of the findings already reported.</summary>
    public IReadOnlyList<string> Reported { get; init; } = [];

    /// <summary>Acceptances (their <see cref="Suppression.Key"/>) that matched something: with the next step's, the rest are stale.</summary>
    public IReadOnlyList<string> MatchedSuppressions { get; init; } = [];

    /// <summary>Fingerprints accepted, so the verdict counts each accepted finding once.</summary>
    public IReadOnlyList<string> Accepted { get; init; } = [];

    /// <summary>In update mode, what was found, to record in the baseline with the next step's findings.</summary>
    public IReadOnlyList<BaselineEntry> BaselineEntries { get; init; } = [];

    /// <summary>The publish folder's file count when that folder is exactly the image's app layer (single-RID); null otherwise.</summary>
    public int? AppLayerFilesChecked { get; init; }

    /// <summary>
    /// The base image the gate checked and the layers it read to their end; null when it checked none. The
    /// SDK pulls the base image after the gate: the verification reads the built image's other base layers.
    /// </summary>
    public CheckedBaseImage? BaseImageChecked { get; init; }

    public static GateHandover Nothing { get; } = new();

    /// <summary>
    /// The handover as one opaque text: JSON, base64. Written and read by hand rather than by the
    /// serializer: its generic code over this record's nullable and date members is not compiled ahead of
    /// time, and every publish would compile about 130 methods of it on the spot, on the gate's path.
    /// </summary>
    public string ToText()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteStrings(json, nameof(Reported), Reported);
            WriteStrings(json, nameof(MatchedSuppressions), MatchedSuppressions);
            WriteStrings(json, nameof(Accepted), Accepted);
            json.WriteStartArray(nameof(BaselineEntries));
            foreach (var entry in BaselineEntries)
            {
                json.WriteStartObject();
                json.WriteString(nameof(BaselineEntry.Fingerprint), entry.Fingerprint);
                json.WriteString(nameof(BaselineEntry.RuleId), entry.RuleId);
                json.WriteString(nameof(BaselineEntry.Where), entry.Where);
                if (entry.Expires is { } expires)
                {
                    json.WriteString(nameof(BaselineEntry.Expires), AcceptanceExpiry.Text(expires));
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (AppLayerFilesChecked is { } files)
            {
                json.WriteNumber(nameof(AppLayerFilesChecked), files);
            }

            if (BaseImageChecked is { } checkedBase)
            {
                json.WriteStartObject(nameof(BaseImageChecked));
                json.WriteString(nameof(CheckedBaseImage.Name), checkedBase.Name);
                WriteStrings(json, nameof(CheckedBaseImage.LayerDigests), checkedBase.LayerDigests);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Convert.ToBase64String(buffer.WrittenSpan);
    }

    /// <summary>Empty or unreadable text is nothing handed over: the next step then checks everything itself.</summary>
    public static GateHandover Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Nothing;
        }

        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(text.Trim()));
            var root = document.RootElement;
            var handover = new GateHandover
            {
                Reported = Strings(root, nameof(Reported)),
                MatchedSuppressions = Strings(root, nameof(MatchedSuppressions)),
                Accepted = Strings(root, nameof(Accepted)),
                BaselineEntries = BaselineEntriesOf(root),
            };
            if (root.TryGetProperty(nameof(AppLayerFilesChecked), out var files) && files.ValueKind != JsonValueKind.Null)
            {
                handover = handover with { AppLayerFilesChecked = files.GetInt32() };
            }

            if (root.TryGetProperty(nameof(BaseImageChecked), out var checkedBase) && checkedBase.ValueKind != JsonValueKind.Null)
            {
                handover = handover with
                {
                    BaseImageChecked = new CheckedBaseImage(
                        checkedBase.GetProperty(nameof(CheckedBaseImage.Name)).GetString() ?? throw new FormatException("no base image name"),
                        Strings(checkedBase, nameof(CheckedBaseImage.LayerDigests))),
                };
            }

            return handover;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // InvalidOperationException: a member of another JSON kind than it should be; KeyNotFoundException: one missing.
            return Nothing;
        }
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>The strings of an array member; none when it is missing.</summary>
    private static List<string> Strings(JsonElement parent, string name)
    {
        var values = new List<string>();
        if (parent.TryGetProperty(name, out var array))
        {
            foreach (var value in array.EnumerateArray())
            {
                values.Add(value.GetString() ?? throw new FormatException($"null in {name}"));
            }
        }

        return values;
    }

    private static List<BaselineEntry> BaselineEntriesOf(JsonElement root)
    {
        var entries = new List<BaselineEntry>();
        if (root.TryGetProperty(nameof(BaselineEntries), out var array))
        {
            foreach (var e in array.EnumerateArray())
            {
                DateOnly? expires = null;
                if (e.TryGetProperty(nameof(BaselineEntry.Expires), out var date) && !AcceptanceExpiry.TryParse(date.GetString(), out expires))
                {
                    throw new FormatException($"'{nameof(BaselineEntry.Expires)}' is not a date");
                }

                entries.Add(new BaselineEntry(Required(e, nameof(BaselineEntry.Fingerprint)), Required(e, nameof(BaselineEntry.RuleId)), Required(e, nameof(BaselineEntry.Where)), expires));
            }
        }

        return entries;
    }

    private static string Required(JsonElement parent, string name) =>
        parent.GetProperty(name).GetString() ?? throw new FormatException($"null {name}");
}
