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

    /// <summary>
    /// True for a path in the image (with or without its leading slash) under a documentation folder,
    /// a Python package's description (its README, in .dist-info/METADATA or .egg-info/PKG-INFO) or an npm
    /// package's Markdown (its README, CHANGELOG), or an
    /// example file (<c>.env.example</c>, <c>config.sample.yml</c>, <c>jmxremote.password.template</c>),
    /// which by convention shows what to write, not what is used.
    /// </summary>
    public static bool Contains(string imagePath)
    {
        var path = imagePath.StartsWith('/') ? imagePath : "/" + imagePath;
        if (path.EndsWith(".dist-info/METADATA", StringComparison.Ordinal) || path.EndsWith(".egg-info/PKG-INFO", StringComparison.Ordinal) || IsExampleFile(path) || IsNpmPackageDocument(path))
        {
            return true;
        }

        foreach (var root in Roots)
        {
            if (path.StartsWith(root, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An npm package's own documentation (its README, CHANGELOG and other Markdown), as a Python package's description is.</summary>
    private static bool IsNpmPackageDocument(string path) =>
        path.Contains("/node_modules/", StringComparison.Ordinal)
        && (path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase));

    private static readonly string[] ExampleMarkers = ["example", "sample", "template"];

    private static bool IsExampleFile(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var parts = name.Split('.');
        return parts.Length > 1 && parts.Skip(1).Any(p => ExampleMarkers.Contains(p, StringComparer.OrdinalIgnoreCase));
    }
}
