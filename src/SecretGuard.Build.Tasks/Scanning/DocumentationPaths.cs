namespace SecretGuard.Scanning;

/// <summary>
/// Where operating systems and packages install their documentation. What is there is published
/// example material (user:password@host URLs in HTML, sample keys under examples/): it must not fail
/// a build. Only key material is reported there, and as a warning, for someone to make sure it is an example.
/// </summary>
public static class DocumentationPaths
{
    private static readonly string[] Roots =
    [
        "/usr/share/doc/", "/usr/share/man/", "/usr/share/info/", "/usr/share/gtk-doc/", "/usr/share/help/",
        "/usr/local/share/doc/", "/usr/local/share/man/",
    ];

    /// <summary>True for a path in the image (with or without its leading slash) under a documentation folder.</summary>
    public static bool Contains(string imagePath)
    {
        var path = imagePath.StartsWith('/') ? imagePath : "/" + imagePath;
        foreach (var root in Roots)
        {
            if (path.StartsWith(root, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
