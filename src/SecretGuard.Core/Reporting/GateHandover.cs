using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
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

    public string ToText() => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this, HandoverJson.Default.GateHandover)));

    /// <summary>Empty or unreadable text is nothing handed over: the next step then checks everything itself.</summary>
    public static GateHandover Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Nothing;
        }

        try
        {
            return JsonSerializer.Deserialize(Encoding.UTF8.GetString(Convert.FromBase64String(text.Trim())), HandoverJson.Default.GateHandover) ?? Nothing;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return Nothing;
        }
    }
}

[JsonSerializable(typeof(GateHandover))]
internal sealed partial class HandoverJson : JsonSerializerContext;
