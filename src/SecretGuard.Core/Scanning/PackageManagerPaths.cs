namespace SecretGuard.Scanning;

/// <summary>Where package managers keep their state: package lists, caches of downloaded packages, their logs and databases.</summary>
internal static class PackageManagerPaths
{
    private static readonly string[] Roots =
    [
        "/var/lib/apt/", "/var/cache/apt/", "/var/log/apt/", "/var/lib/dpkg/", "/var/cache/debconf/",
        "/var/lib/rpm/", "/usr/lib/sysimage/rpm/", "/var/cache/dnf/", "/var/lib/dnf/", "/var/cache/yum/", "/var/lib/yum/",
        "/var/cache/tdnf/", "/var/lib/tdnf/", "/var/cache/zypp/", "/var/cache/apk/", "/lib/apk/",
    ];

    public static bool Contains(string imagePath)
    {
        var path = imagePath.StartsWith('/') ? imagePath : "/" + imagePath;
        return Roots.Any(root => path.StartsWith(root, StringComparison.Ordinal));
    }
}
