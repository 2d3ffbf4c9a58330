using System.Text;
using System.Text.Json;
using SecretGuard.ImageReading.Registry;

namespace SecretGuard.ImageReading.Local;

/// <summary>One image found in a layout: its manifest and config, and the path of each layer in the layout.</summary>
/// <param name="Name">How messages name it: the tag the layout records, else the manifest digest, with the platform of a multi-platform layout.</param>
internal sealed record LayoutImage(string Name, ImageManifest Manifest, ImageConfig Config, IReadOnlyDictionary<string, string> LayerPaths);

/// <summary>
/// Reads which images an OCI image layout or a docker archive holds, from its small metadata files:
/// <c>manifest.json</c> (what <c>docker save</c>, <c>podman save</c> and the .NET SDK write) or, without
/// it, <c>index.json</c> and the manifests and indexes it points at. The layout is given as two functions,
/// so a folder, a tarball and a <c>docker save</c> stream are read alike.
/// </summary>
/// <param name="readSmall">The bytes of a metadata file at a path of the layout ("index.json", "blobs/sha256/…"), or null when there is none.</param>
/// <param name="sizeOf">The size of a file of the layout, or null when there is none.</param>
/// <param name="description">The layout, for messages ("archive /x/app.tar", "docker image app:1").</param>
internal sealed class ImageLayout(Func<string, byte[]?> readSmall, Func<string, long?> sizeOf, string description)
{
    /// <summary>Configs and manifests are small; a metadata file larger than this is not one.</summary>
    public const int MaxMetadataBytes = 8 << 20;

    private const int MaxImages = 1000;

    /// <param name="platform">Only the images of this platform, or null for every platform.</param>
    /// <exception cref="ImageReadException">The layout has no image, or its metadata is not what the OCI and docker formats say.</exception>
    public IReadOnlyList<LayoutImage> Images(Platform? platform)
    {
        var found = readSmall("manifest.json") is { } dockerManifest ? FromDockerManifest(dockerManifest) : FromIndex();
        if (found.Count == 0)
        {
            throw Unreadable("holds no image (its manifest.json or index.json lists none)");
        }

        if (platform is null)
        {
            return found.Select(f => f.Image).ToList();
        }

        var matching = found.Where(f => f.Platform is null || platform.IsServedBy(f.Platform)).Select(f => f.Image).ToList();
        return matching.Count > 0
            ? matching
            : throw Unreadable($"has no image for {platform} (it has {string.Join(", ", found.Select(f => f.Platform?.ToString() ?? "?").Distinct())})");
    }

    /// <summary>manifest.json: [{"Config": path, "RepoTags": [...], "Layers": [path, ...]}].</summary>
    private List<(LayoutImage Image, Platform? Platform)> FromDockerManifest(byte[] json)
    {
        var images = new List<(LayoutImage, Platform?)>();
        using var doc = Parse(json, "manifest.json");
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw Unreadable("has a manifest.json that is not a JSON array of images");
        }

        foreach (var entry in doc.RootElement.EnumerateArray().Take(MaxImages + 1))
        {
            if (images.Count == MaxImages)
            {
                throw Unreadable($"lists more than {MaxImages} images in its manifest.json");
            }

            if (entry.ValueKind != JsonValueKind.Object || StringOf(entry, "Config") is not { Length: > 0 } configPath
                || !entry.TryGetProperty("Layers", out var layersElement) || layersElement.ValueKind != JsonValueKind.Array)
            {
                throw Unreadable("has a manifest.json entry without a Config path and a Layers array");
            }

            var configBytes = Required(configPath, "config");
            var config = Parse(ImageConfig.Parse, configBytes, configPath);
            var diffIds = DiffIds(configBytes, configPath);
            var layerPaths = layersElement.EnumerateArray().Select(l => l.ValueKind == JsonValueKind.String ? l.GetString()! : "").ToList();
            if (layerPaths.Count > ImageManifest.MaxLayers || layerPaths.Any(p => p.Length == 0))
            {
                throw Unreadable($"has a manifest.json entry for {configPath} whose Layers are not {ImageManifest.MaxLayers} or fewer paths");
            }

            var layers = new List<Descriptor>();
            var paths = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < layerPaths.Count; i++)
            {
                // A blob path names its digest; an older docker archive's <id>/layer.tar is the uncompressed
                // layer, whose digest is the config's diff_id for it.
                var digest = DigestOfBlobPath(layerPaths[i]) ?? (i < diffIds.Count ? diffIds[i] : null);
                if (digest is null || !Descriptor.IsValidDigest(digest))
                {
                    throw Unreadable($"has layer {i + 1} at '{ImageManifest.Printable(layerPaths[i])}' whose digest is known neither from its path nor from the config's rootfs.diff_ids");
                }

                var size = sizeOf(layerPaths[i]) ?? throw new ImageReadException(ImageReadFailure.MissingBlob, $"layer {i + 1} ({ImageManifest.Printable(layerPaths[i])}) is not in {description}");
                layers.Add(new Descriptor("", digest, size));
                paths[digest] = layerPaths[i];
            }

            var tags = entry.TryGetProperty("RepoTags", out var t) && t.ValueKind == JsonValueKind.Array
                ? t.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
                : [];
            var configDigest = DigestOfBlobPath(configPath) ?? "sha256:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(configBytes)).ToLowerInvariant();
            var name = tags.FirstOrDefault() ?? configDigest;
            var manifest = new ImageManifest(new Descriptor("", configDigest, configBytes.Length), layers);
            images.Add((new LayoutImage(name, manifest, config, paths), PlatformOfConfig(configBytes)));
        }

        NameByPlatformWhereAmbiguous(images);
        return images;
    }

    /// <summary>index.json, then each manifest it lists, following nested indexes (a multi-platform image).</summary>
    private List<(LayoutImage Image, Platform? Platform)> FromIndex()
    {
        var index = readSmall("index.json") ?? throw Unreadable("has neither a manifest.json nor an index.json: it is not a docker archive or an OCI image layout");
        var images = new List<(LayoutImage, Platform?)>();
        var pending = new Queue<(byte[] Index, string? Tag, int Depth)>();
        pending.Enqueue((index, null, 0));
        while (pending.Count > 0)
        {
            var (body, tag, depth) = pending.Dequeue();
            using var doc = Parse(body, "the image index");
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("manifests", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw Unreadable("has an image index without a manifests array");
            }

            foreach (var entry in list.EnumerateArray())
            {
                var descriptor = ImageManifest.ReadDescriptor(entry, "index entry");
                var entryTag = entry.TryGetProperty("annotations", out var a) && a.ValueKind == JsonValueKind.Object
                    ? StringOf(a, "io.containerd.image.name") ?? StringOf(a, "org.opencontainers.image.ref.name") ?? tag
                    : tag;
                var platform = entry.TryGetProperty("platform", out var p) && p.ValueKind == JsonValueKind.Object
                    ? new Platform(StringOf(p, "os") ?? "", StringOf(p, "architecture") ?? "", StringOf(p, "variant") ?? "")
                    : null;
                if (platform?.Os == "unknown")
                {
                    continue; // an attestation, not an image
                }

                var bytes = Required(BlobPath(descriptor.Digest), $"manifest {descriptor.Digest}");
                if (ImageManifest.IndexMediaTypes.Contains(descriptor.MediaType) || IsIndex(bytes))
                {
                    if (depth >= 4)
                    {
                        throw Unreadable("nests image indexes more than four deep");
                    }

                    pending.Enqueue((bytes, entryTag, depth + 1));
                    continue;
                }

                if (images.Count == MaxImages)
                {
                    throw Unreadable($"lists more than {MaxImages} images");
                }

                var manifest = Parse(ImageManifest.Parse, bytes, descriptor.Digest);
                var configBytes = Required(BlobPath(manifest.Config.Digest), $"config {manifest.Config.Digest}");
                var config = Parse(ImageConfig.Parse, configBytes, manifest.Config.Digest);
                platform ??= PlatformOfConfig(configBytes);
                var paths = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var layer in manifest.Layers)
                {
                    paths[layer.Digest] = BlobPath(layer.Digest);
                    if (sizeOf(paths[layer.Digest]) is null)
                    {
                        throw new ImageReadException(ImageReadFailure.MissingBlob, $"layer {layer.Digest} is not in {description}");
                    }
                }

                images.Add((new LayoutImage(entryTag ?? descriptor.Digest, manifest, config, paths), platform));
            }
        }

        NameByPlatformWhereAmbiguous(images);
        return images;
    }

    /// <summary>Images of one name for several platforms are told apart by their platform.</summary>
    private static void NameByPlatformWhereAmbiguous(List<(LayoutImage Image, Platform? Platform)> images)
    {
        var shared = images.GroupBy(x => x.Image.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < images.Count; i++)
        {
            var (image, platform) = images[i];
            if (platform is not null && shared.Contains(image.Name))
            {
                images[i] = (image with { Name = $"{image.Name} ({platform})" }, platform);
            }
        }
    }

    internal static string BlobPath(string digest) => "blobs/" + digest.Replace(':', '/');

    /// <summary>sha256:hex for a path blobs/sha256/hex, else null.</summary>
    internal static string? DigestOfBlobPath(string path)
    {
        var name = path.TrimStart('.', '/');
        foreach (var algorithm in new[] { "sha256", "sha512" })
        {
            var prefix = $"blobs/{algorithm}/";
            if (name.StartsWith(prefix, StringComparison.Ordinal) && Descriptor.IsValidDigest($"{algorithm}:{name[prefix.Length..]}"))
            {
                return $"{algorithm}:{name[prefix.Length..]}";
            }
        }

        return null;
    }

    private byte[] Required(string path, string what) =>
        readSmall(path) ?? throw new ImageReadException(ImageReadFailure.Unreadable, $"the {what} ({ImageManifest.Printable(path)}) is not in {description}, or is larger than {MaxMetadataBytes >> 20} MB");

    private static bool IsIndex(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body, ImageManifest.JsonOptions);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("manifests", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Platform? PlatformOfConfig(byte[] config)
    {
        if (!System.Text.Unicode.Utf8.IsValid(config))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(config, ImageManifest.JsonOptions);
            var root = doc.RootElement;
            return root.ValueKind == JsonValueKind.Object && StringOf(root, "os") is { Length: > 0 } os
                ? new Platform(os, StringOf(root, "architecture") ?? "", StringOf(root, "variant") ?? "")
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private List<string> DiffIds(byte[] config, string path)
    {
        using var doc = Parse(config, path);
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("rootfs", out var rootfs) && rootfs.ValueKind == JsonValueKind.Object
            && rootfs.TryGetProperty("diff_ids", out var ids) && ids.ValueKind == JsonValueKind.Array
            ? ids.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : "").ToList()
            : [];
    }

    private static string? StringOf(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private JsonDocument Parse(byte[] json, string what)
    {
        // JSON is UTF-8 (RFC 8259); the parser leaves strings unchecked until they are read.
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            throw Unreadable($"has {ImageManifest.Printable(what)}, which is not valid JSON (it is not UTF-8 text)");
        }

        try
        {
            return JsonDocument.Parse(json, ImageManifest.JsonOptions);
        }
        catch (JsonException ex)
        {
            throw Unreadable($"has {ImageManifest.Printable(what)}, which is not valid JSON ({ex.Message})");
        }
    }

    private T Parse<T>(Func<string, T> parse, byte[] json, string what)
    {
        try
        {
            return parse(Encoding.UTF8.GetString(json));
        }
        catch (ImageReadException ex) when (ex.Failure == ImageReadFailure.Unreadable)
        {
            throw Unreadable($"has {ImageManifest.Printable(what)}, which cannot be used: {ex.Message}");
        }
    }

    private ImageReadException Unreadable(string what) => new(ImageReadFailure.Unreadable, $"{description} {what}");
}
