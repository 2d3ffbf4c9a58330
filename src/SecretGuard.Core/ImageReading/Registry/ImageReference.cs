namespace SecretGuard.ImageReading.Registry;

/// <summary>
/// A registry image: <c>registry/repository:tag</c> or <c>…@sha256:…</c>. Docker Hub's short names
/// ("ubuntu", "docker.io/library/ubuntu") resolve to its API host, as docker and the .NET SDK do.
/// </summary>
internal sealed record ImageReference(string Registry, string Repository, string Reference)
{
    public const string DockerHubApiHost = "registry-1.docker.io";

    public override string ToString() => Reference.StartsWith("sha256:", StringComparison.Ordinal)
        ? $"{Registry}/{Repository}@{Reference}"
        : $"{Registry}/{Repository}:{Reference}";

    /// <summary>From the SDK's parsed ContainerBaseRegistry/Name/Tag/Digest; a digest wins over a tag.</summary>
    public static ImageReference FromParts(string? registry, string name, string? tag, string? digest)
    {
        var host = string.IsNullOrWhiteSpace(registry) || registry is "docker.io" or "index.docker.io" ? DockerHubApiHost : registry!.Trim();
        var repository = name.Trim();
        if (host == DockerHubApiHost && !repository.Contains('/'))
        {
            repository = "library/" + repository;
        }

        var reference = !string.IsNullOrWhiteSpace(digest) ? digest!.Trim() : string.IsNullOrWhiteSpace(tag) ? "latest" : tag!.Trim();
        return new ImageReference(host, repository, reference);
    }

    /// <summary>Parses a full reference such as ContainerBaseImage.</summary>
    public static ImageReference Parse(string image)
    {
        var text = image.Trim();
        string? digest = null;
        var at = text.IndexOf('@');
        if (at >= 0)
        {
            digest = text[(at + 1)..];
            text = text[..at];
        }

        string? tag = null;
        var colon = text.LastIndexOf(':');
        if (colon > text.LastIndexOf('/'))
        {
            tag = text[(colon + 1)..];
            text = text[..colon];
        }

        // The first part is a registry when it looks like a host: has a dot or port, or is localhost.
        string? registry = null;
        var slash = text.IndexOf('/');
        if (slash > 0)
        {
            var first = text[..slash];
            if (first.Contains('.') || first.Contains(':') || first == "localhost")
            {
                registry = first;
                text = text[(slash + 1)..];
            }
        }

        if (text.Length == 0)
        {
            throw new FormatException($"'{image}' is not an image reference");
        }

        return FromParts(registry, text, tag, digest);
    }
}
