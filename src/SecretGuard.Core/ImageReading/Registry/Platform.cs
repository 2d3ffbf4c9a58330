namespace SecretGuard.ImageReading.Registry;

/// <summary>An OCI platform (os/architecture/variant), as image indexes list them.</summary>
internal sealed record Platform(string Os, string Architecture, string Variant = "")
{
    public override string ToString() => Variant.Length == 0 ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";

    /// <summary>The platform a .NET runtime identifier runs on (linux-x64 → linux/amd64, linux-musl-arm64 → linux/arm64).</summary>
    public static Platform FromRuntimeIdentifier(string rid)
    {
        var parts = rid.Trim().ToLowerInvariant().Split('-');
        var os = parts[0] switch
        {
            "win" => "windows",
            "osx" => "darwin",
            _ => "linux", // linux, linux-musl, linux-bionic and distro RIDs are all Linux images
        };
        var (arch, variant) = parts[^1] switch
        {
            "x64" => ("amd64", ""),
            "x86" => ("386", ""),
            "arm64" => ("arm64", ""),
            "arm" => ("arm", "v7"),
            "armv6" => ("arm", "v6"),
            var other => (other, ""),
        };
        return new Platform(os, arch, variant);
    }

    /// <summary>Whether an index entry for <paramref name="offered"/> serves this platform (arm64's "v8" variant is the default).</summary>
    public bool IsServedBy(Platform offered)
    {
        if (!string.Equals(Os, offered.Os, StringComparison.OrdinalIgnoreCase) || !string.Equals(Architecture, offered.Architecture, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var wanted = Variant.Length == 0 && Architecture == "arm64" ? "v8" : Variant;
        var have = offered.Variant.Length == 0 && offered.Architecture == "arm64" ? "v8" : offered.Variant;
        return wanted.Length == 0 || have.Length == 0 || string.Equals(wanted, have, StringComparison.OrdinalIgnoreCase);
    }
}
