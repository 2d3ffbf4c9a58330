using System.Text;
using System.Text.Json;

namespace SecretGuard.ImageReading.Registry;

/// <summary>
/// Resolves a registry image to the image of each wanted platform (following an image index), with
/// its config, and layers read from the registry, or from the .NET SDK's content store when the SDK
/// already pulled them.
/// </summary>
internal sealed class RegistryImageSource(RegistryClient client, IReadOnlyList<string> contentStoreDirectories)
{
    private const int MaxConfigBytes = 8 << 20;

    /// <summary>Real indexes list a few dozen manifests (platforms and attestations).</summary>
    private const int MaxIndexEntries = 1000;

    /// <summary>How many of an index's platforms a message lists.</summary>
    private const int PlatformsListed = 10;

    /// <summary>One image per distinct platform manifest: platforms an index serves with the same manifest share it. No platforms: every platform of an index.</summary>
    public IReadOnlyList<ImageToScan> Resolve(ImageReference image, IReadOnlyList<Platform> platforms)
    {
        var (mediaType, body) = client.GetManifest(image.Repository, image.Reference);
        var manifests = new List<(string Name, byte[] Manifest)>();
        if (KindOf(mediaType, body, image) == Kind.Index)
        {
            var entries = ParseIndex(body, image);
            if (platforms.Count == 0)
            {
                // No platform asked for: every platform the index serves.
                platforms = entries.Select(e => e.Platform).Distinct().ToList();
            }

            foreach (var group in platforms.Select(p => (Platform: p, Entry: entries.FirstOrDefault(e => p.IsServedBy(e.Platform))))
                         .GroupBy(x => x.Entry?.Digest))
            {
                var first = group.First();
                if (first.Entry is null)
                {
                    var distinct = entries.Select(e => e.Platform.ToString()).Distinct().ToList();
                    var offered = distinct.Count == 0 ? "no platforms at all"
                        : string.Join(", ", distinct.Take(PlatformsListed)) + (distinct.Count > PlatformsListed ? $" and {distinct.Count - PlatformsListed} more" : "");
                    throw new ImageReadException(ImageReadFailure.Registry, $"base image {image} has no image for {string.Join(", ", group.Select(g => g.Platform))} (it has {offered})");
                }

                var (platformType, platformManifest) = client.GetManifest(image.Repository, first.Entry.Digest);
                if (KindOf(platformType, platformManifest, image) == Kind.Index)
                {
                    throw new ImageReadException(ImageReadFailure.Registry, $"the image index of {image} points at another index ({first.Entry.Digest}) for {first.Platform}, where an image manifest belongs");
                }

                manifests.Add(($"{image} ({string.Join(", ", group.Select(g => g.Platform))})", platformManifest));
            }
        }
        else
        {
            manifests.Add((image.ToString(), body));
        }

        var blobs = new RegistryBlobSource(client, image.Repository, contentStoreDirectories);
        return manifests.Select(m =>
        {
            var manifest = FromRegistry(image, () => ImageManifest.Parse(Encoding.UTF8.GetString(m.Manifest)));
            var configJson = client.GetBlob(image.Repository, manifest.Config, MaxConfigBytes);
            var config = FromRegistry(image, () => ImageConfig.Parse(Encoding.UTF8.GetString(configJson)));
            return new ImageToScan(m.Name, manifest, config, blobs);
        }).ToList();
    }

    /// <summary>What the registry sent is a registry failure (SG0011), whatever the parser calls it.</summary>
    private T FromRegistry<T>(ImageReference image, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ImageReadException ex) when (ex.Failure != ImageReadFailure.Registry)
        {
            throw new ImageReadException(ImageReadFailure.Registry, $"registry {client.Registry} sent an unusable image for {image}: {ex.Message}", ex);
        }
    }

    private enum Kind
    {
        Manifest,
        Index,
    }

    /// <summary>Index or manifest, by the Content-Type, else by the body's own mediaType, else by its shape.</summary>
    private Kind KindOf(string contentType, byte[] body, ImageReference image)
    {
        if (ImageManifest.IndexMediaTypes.Contains(contentType))
        {
            return Kind.Index;
        }

        if (ImageManifest.ManifestMediaTypes.Contains(contentType))
        {
            return Kind.Manifest;
        }

        // A generic type says nothing: the body's own mediaType, else its shape, decides.
        var generic = contentType.Length == 0 || contentType is "application/json" or "application/octet-stream" or "text/plain";
        if (!generic)
        {
            throw UnknownType(contentType, image);
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body, ImageManifest.JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new ImageReadException(ImageReadFailure.Registry, $"registry {client.Registry} sent a manifest for {image} that is not JSON ({ex.Message})", ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ImageReadException(ImageReadFailure.Registry, $"registry {client.Registry} sent a manifest for {image} that is not a JSON object");
            }

            var declared = root.TryGetProperty("mediaType", out var mt) ? TextOf(mt, image) : "";
            if (ImageManifest.IndexMediaTypes.Contains(declared))
            {
                return Kind.Index;
            }

            if (ImageManifest.ManifestMediaTypes.Contains(declared))
            {
                return Kind.Manifest;
            }

            if (declared.Length > 0)
            {
                throw UnknownType(declared, image);
            }

            return root.TryGetProperty("manifests", out _) ? Kind.Index : Kind.Manifest;
        }
    }

    /// <summary>A string value ("" for another kind); one that does not decode (invalid UTF-8, a lone surrogate) is named.</summary>
    private string TextOf(JsonElement value, ImageReference image)
    {
        try
        {
            return value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        }
        catch (InvalidOperationException ex)
        {
            throw new ImageReadException(ImageReadFailure.Registry, $"registry {client.Registry} sent a manifest or index for {image} with a string that is not valid UTF-8", ex);
        }
    }

    private ImageReadException UnknownType(string type, ImageReference image) => new(
        ImageReadFailure.Registry,
        type.Contains("distribution.manifest.v1", StringComparison.Ordinal)
            ? $"registry {client.Registry} sent a Docker schema 1 manifest for {image} ({ImageManifest.Printable(type)}), a format SecretGuard and the .NET SDK do not read; push the image again with a current tool"
            : $"registry {client.Registry} sent a manifest for {image} of media type '{ImageManifest.Printable(type)}', which is not an image manifest or index (expected one of {string.Join(", ", ImageManifest.IndexMediaTypes.Concat(ImageManifest.ManifestMediaTypes))})");

    private sealed record IndexEntry(string Digest, Platform Platform);

    private List<IndexEntry> ParseIndex(byte[] body, ImageReference image)
    {
        var unusable = $"registry {client.Registry} sent an unusable image index for {image}";
        try
        {
            using var doc = JsonDocument.Parse(body, ImageManifest.JsonOptions);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("manifests", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new ImageReadException(ImageReadFailure.Registry, $"{unusable}: it has no manifests array");
            }

            if (list.GetArrayLength() > MaxIndexEntries)
            {
                throw new ImageReadException(ImageReadFailure.Registry, $"{unusable}: it lists {list.GetArrayLength()} manifests, more than the {MaxIndexEntries} an index can reasonably have");
            }

            var entries = new List<IndexEntry>();
            foreach (var e in list.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("platform", out var p) || p.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                string Str(string name) => p.TryGetProperty(name, out var v) ? ImageManifest.Printable(TextOf(v, image)) : "";
                var digest = e.TryGetProperty("digest", out var d) ? TextOf(d, image) : "";
                var platform = new Platform(Str("os"), Str("architecture"), Str("variant"));
                if (platform.Os == "unknown")
                {
                    continue; // attestations
                }

                if (!Descriptor.IsValidDigest(digest))
                {
                    throw new ImageReadException(ImageReadFailure.Registry, $"{unusable}: the entry for {platform} has the digest '{ImageManifest.Printable(digest)}', which is not sha256: or sha512: with lower-case hex");
                }

                entries.Add(new IndexEntry(digest, platform));
            }

            return entries;
        }
        catch (JsonException ex)
        {
            throw new ImageReadException(ImageReadFailure.Registry, $"{unusable}: it is not valid JSON ({ex.Message})", ex);
        }
    }

    /// <summary>Layers from the SDK's content store when present (the SDK pulled them before), else from the registry.</summary>
    private sealed class RegistryBlobSource(RegistryClient client, string repository, IReadOnlyList<string> contentStoreDirectories) : IBlobSource
    {
        public string Description => $"registry {client.Registry}";

        public bool ReadsConcurrently => true; // one request per blob; the client is thread-safe

        public void ReadBlobs(IReadOnlyCollection<Descriptor> wanted, Action<Descriptor, Stream> visit)
        {
            var local = new ContentStoreBlobSource(contentStoreDirectories);
            foreach (var descriptor in wanted)
            {
                if (local.Contains(descriptor))
                {
                    local.ReadBlobs([descriptor], visit);
                    continue;
                }

                using var blob = client.OpenBlob(repository, descriptor);
                visit(descriptor, blob);
            }
        }
    }
}
