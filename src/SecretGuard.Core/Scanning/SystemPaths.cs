namespace SecretGuard.Scanning;

/// <summary>
/// Where a distribution's packages install programs and libraries. Strings in those binaries that look
/// like credentials are almost always built-in test material (GnuTLS keeps the private keys of its
/// self-tests in libgnutls): reported as a warning, for someone to check, not as a build failure.
/// </summary>
internal static class SystemPaths
{
    private static readonly string[] Roots =
    [
        "/usr/lib/", "/usr/lib32/", "/usr/lib64/", "/usr/libexec/", "/lib/", "/lib32/", "/lib64/",
        "/usr/bin/", "/usr/sbin/", "/bin/", "/sbin/",
    ];

    public static bool ContainsBinary(string imagePath)
    {
        var path = imagePath.StartsWith('/') ? imagePath : "/" + imagePath;
        return Roots.Any(root => path.StartsWith(root, StringComparison.Ordinal));
    }
}
