using System.Text.Json;

namespace SecretGuard.ImageReading;

/// <summary>A content descriptor: what a manifest says about one blob.</summary>
public sealed record Descriptor(string MediaType, string Digest, long Size)
{
    /// <summary>The hex part of a sha256 digest, the name blobs are stored under.</summary>
    public string Hex => Digest.StartsWith("sha256:", StringComparison.Ordinal) ? Digest["sha256:".Length..] : Digest;
}

/// <summary>An OCI or Docker v2 image manifest: one config and the layers, bottom first.</summary>
public sealed record ImageManifest(Descriptor Config, IReadOnlyList<Descriptor> Layers)
{
    public static ImageManifest Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.TryGetProperty("manifests", out _))
            {
                throw new ImageReadException(ImageReadFailure.Unreadable, "expected an image manifest but found an image index");
            }

            var config = ReadDescriptor(root.GetProperty("config"));
            var layers = root.GetProperty("layers").EnumerateArray().Select(ReadDescriptor).ToList();
            return new ImageManifest(config, layers);
        }
        // FormatException: a size that is a number but not an Int64 (1.5, 1e30), found by fuzzing.
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ImageReadException(ImageReadFailure.Unreadable, $"the image manifest is not valid JSON of the expected shape ({ex.GetType().Name})", ex);
        }
    }

    internal static Descriptor ReadDescriptor(JsonElement e) => new(
        e.TryGetProperty("mediaType", out var mt) ? mt.GetString() ?? "" : "",
        e.GetProperty("digest").GetString() ?? throw new KeyNotFoundException("digest"),
        e.TryGetProperty("size", out var size) ? size.GetInt64() : -1);
}
