using System.Text;
using System.Text.Json;
using SecretGuard.Scanning;

namespace SecretGuard.ImageReading.Registry;

/// <summary>
/// Resolves a registry image to the image of each wanted platform (following an image index), with
/// its config, and layers read from the registry, or from the .NET SDK's content store when the SDK
/// already pulled them.
/// </summary>
public sealed class RegistryImageSource(RegistryClient client, IReadOnlyList<string> contentStoreDirectories)
{
    private const int MaxConfigBytes = 8 << 20;

    /// <summary>One image per distinct platform manifest: platforms an index serves with the same manifest share it.</summary>
    public IReadOnlyList<ImageToScan> Resolve(ImageReference image, IReadOnlyList<Platform> platforms)
    {
        var (mediaType, body) = client.GetManifest(image.Repository, image.Reference);
        var manifests = new List<(string Name, byte[] Manifest)>();
        if (IsIndex(mediaType, body))
        {
            var entries = ParseIndex(body, image);
            foreach (var group in platforms.Select(p => (Platform: p, Entry: entries.FirstOrDefault(e => p.IsServedBy(e.Platform))))
                         .GroupBy(x => x.Entry?.Digest))
            {
                var first = group.First();
                if (first.Entry is null)
                {
                    var offered = string.Join(", ", entries.Select(e => e.Platform.ToString()).Distinct());
                    throw new ImageReadException(ImageReadFailure.Registry, $"base image {image} has no image for {string.Join(", ", group.Select(g => g.Platform))} (it has {offered})");
                }

                var (_, platformManifest) = client.GetManifest(image.Repository, first.Entry.Digest);
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
            var manifest = ImageManifest.Parse(Encoding.UTF8.GetString(m.Manifest));
            var config = ImageConfig.Parse(Encoding.UTF8.GetString(client.GetBlob(image.Repository, manifest.Config, MaxConfigBytes)));
            return new ImageToScan(m.Name, manifest, config, blobs);
        }).ToList();
    }

    private static bool IsIndex(string mediaType, byte[] body)
    {
        if (mediaType.Contains("index", StringComparison.Ordinal) || mediaType.Contains("manifest.list", StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("manifests", out _);
        }
        catch (JsonException ex)
        {
            throw new ImageReadException(ImageReadFailure.Unreadable, "the base image manifest is not JSON", ex);
        }
    }

    private sealed record IndexEntry(string Digest, Platform Platform);

    private static List<IndexEntry> ParseIndex(byte[] body, ImageReference image)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.GetProperty("manifests").EnumerateArray()
                .Where(e => e.TryGetProperty("platform", out _))
                .Select(e =>
                {
                    var p = e.GetProperty("platform");
                    string Str(string name) => p.TryGetProperty(name, out var v) ? v.GetString() ?? "" : "";
                    return new IndexEntry(e.GetProperty("digest").GetString() ?? "", new Platform(Str("os"), Str("architecture"), Str("variant")));
                })
                .Where(e => e.Digest.Length > 0 && e.Platform.Os != "unknown")
                .ToList();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ImageReadException(ImageReadFailure.Unreadable, $"the image index of {image} is not valid JSON of the expected shape", ex);
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
