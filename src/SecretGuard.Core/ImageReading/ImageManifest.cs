using System.Text.Json;

namespace SecretGuard.ImageReading;

/// <summary>A content descriptor: what a manifest says about one blob.</summary>
internal sealed record Descriptor(string MediaType, string Digest, long Size)
{
    /// <summary>The hex part of a sha256 digest, the name blobs are stored under.</summary>
    public string Hex => Digest.StartsWith("sha256:", StringComparison.Ordinal) ? Digest["sha256:".Length..] : Digest;

    /// <summary>
    /// Whether <paramref name="digest"/> is a digest a blob can be named by: sha256 or sha512 with lower-case
    /// hex of the right length. Anything else (an unknown algorithm, "../", a query string) is never put into a
    /// path or a URL.
    /// </summary>
    public static bool IsValidDigest(string digest) =>
        (digest.StartsWith("sha256:", StringComparison.Ordinal) && IsLowerHex(digest.AsSpan(7), 64))
        || (digest.StartsWith("sha512:", StringComparison.Ordinal) && IsLowerHex(digest.AsSpan(7), 128));

    private static bool IsLowerHex(ReadOnlySpan<char> text, int length)
    {
        if (text.Length != length)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>An OCI or Docker v2 image manifest: one config and the layers, bottom first.</summary>
internal sealed record ImageManifest(Descriptor Config, IReadOnlyList<Descriptor> Layers)
{
    /// <summary>The manifest media types this reads; an index's are in <see cref="IndexMediaTypes"/>.</summary>
    public static readonly string[] ManifestMediaTypes = ["application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json"];

    public static readonly string[] IndexMediaTypes = ["application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json"];

    /// <summary>Config media types of container images (an artifact such as a Helm chart has its own).</summary>
    public static readonly string[] ConfigMediaTypes = ["application/vnd.oci.image.config.v1+json", "application/vnd.docker.container.image.v1+json"];

    /// <summary>Real manifests are a few KB; the registry and archive readers cap them before this too.</summary>
    public const int MaxJsonChars = 4 << 20;

    /// <summary>More layers than any real image has (overlay file systems stop near 128).</summary>
    public const int MaxLayers = 1000;

    /// <summary>The nesting a manifest, index or config needs is a handful of levels.</summary>
    internal static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 32 };

    public static ImageManifest Parse(string json)
    {
        if (json.Length > MaxJsonChars)
        {
            throw new ImageReadException(ImageReadFailure.Unreadable, $"the image manifest is {json.Length} characters, more than the {MaxJsonChars >> 20} MB a manifest may be");
        }

        try
        {
            using var doc = JsonDocument.Parse(json, JsonOptions);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ImageReadException(ImageReadFailure.Unreadable, "the image manifest is not a JSON object");
            }

            var mediaType = OptionalString(root, "mediaType");
            if (root.TryGetProperty("manifests", out _) || IndexMediaTypes.Contains(mediaType))
            {
                throw new ImageReadException(ImageReadFailure.Unreadable, "expected an image manifest but found an image index");
            }

            if (root.TryGetProperty("schemaVersion", out var version) && version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var v) && v == 1)
            {
                throw new ImageReadException(ImageReadFailure.Unreadable, "the image manifest is a Docker schema 1 manifest, a format registries stopped serving; push the image again with a current tool");
            }

            if (mediaType.Length > 0 && !ManifestMediaTypes.Contains(mediaType))
            {
                throw new ImageReadException(ImageReadFailure.Unreadable, $"the manifest's media type '{Printable(mediaType)}' is not an image manifest ({string.Join(", ", ManifestMediaTypes)})");
            }

            if (!root.TryGetProperty("config", out var configElement) || configElement.ValueKind != JsonValueKind.Object)
            {
                throw new ImageReadException(ImageReadFailure.Unreadable, "the image manifest has no config descriptor");
            }

            if (!root.TryGetProperty("layers", out var layersElement) || layersElement.ValueKind != JsonValueKind.Array)
            {
                throw new ImageReadException(ImageReadFailure.Unreadable, "the image manifest has no layers array");
            }

            var count = layersElement.GetArrayLength();
            if (count > MaxLayers)
            {
                throw new ImageReadException(ImageReadFailure.Unreadable, $"the image manifest lists {count} layers, more than the {MaxLayers} an image can have");
            }

            var config = ReadDescriptor(configElement, "config");
            if (config.MediaType.Length > 0 && !ConfigMediaTypes.Contains(config.MediaType))
            {
                throw new ImageReadException(ImageReadFailure.Unreadable, $"the manifest is not of a container image: its config has media type '{Printable(config.MediaType)}'");
            }

            // A loop rather than LINQ over JsonElement: its generic code over a struct is compiled on the spot in every build.
            var layers = new List<Descriptor>();
            foreach (var e in layersElement.EnumerateArray())
            {
                layers.Add(ReadDescriptor(e, $"layer {layers.Count + 1}"));
            }

            return new ImageManifest(config, layers);
        }
        catch (JsonException ex)
        {
            throw new ImageReadException(ImageReadFailure.Unreadable, $"the image manifest is not valid JSON ({ex.Message})", ex);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ImageReadException(ImageReadFailure.Unreadable, $"the image manifest is not of the expected shape ({ex.GetType().Name})", ex);
        }
    }

    /// <summary>A descriptor with a valid digest and, when given, a non-negative whole size (-1 when absent).</summary>
    internal static Descriptor ReadDescriptor(JsonElement e, string what)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new ImageReadException(ImageReadFailure.Unreadable, $"the {what} descriptor of the image manifest is not an object");
        }

        var digest = e.TryGetProperty("digest", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : null;
        if (digest is null || !Descriptor.IsValidDigest(digest))
        {
            throw new ImageReadException(ImageReadFailure.Unreadable, digest is null
                ? $"the {what} descriptor of the image manifest has no digest"
                : $"the {what} descriptor of the image manifest has the digest '{Printable(digest)}', which is not sha256: or sha512: with lower-case hex");
        }

        long size = -1;
        if (e.TryGetProperty("size", out var s))
        {
            if (s.ValueKind != JsonValueKind.Number || !s.TryGetInt64(out size) || size < 0)
            {
                throw new ImageReadException(ImageReadFailure.Unreadable, $"the {what} descriptor ({digest}) of the image manifest has the size {Printable(s.GetRawText())}, which is not a whole number of bytes");
            }
        }

        return new Descriptor(OptionalString(e, "mediaType"), digest, size);
    }

    private static string OptionalString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    /// <summary>A value from the manifest, safe to show: visible ASCII, shortened.</summary>
    internal static string Printable(string text)
    {
        var clean = new string(text.Take(81).Select(c => c is >= ' ' and < (char)127 ? c : '?').ToArray());
        return clean.Length > 80 ? clean[..80] + "…" : clean;
    }
}
