namespace SecretGuard.ImageReading;

/// <summary>
/// Where operating systems and packages install their documentation. What is there is published
/// example material (user:password@host URLs in HTML, sample keys under examples/): it must not fail
/// a build. Only key material is reported there, and as a warning, for someone to make sure it is an example.
/// </summary>
internal static class DocumentationPaths
{
    private static readonly string[] Roots =
    [
        "/usr/share/doc/", "/usr/share/man/", "/usr/share/info/", "/usr/share/gtk-doc/", "/usr/share/help/",
        "/usr/local/share/doc/", "/usr/local/share/man/",
    ];

    /// <summary>
    /// True for a path in the image (with or without its leading slash) under a documentation folder,
    /// a Python package's description (its README, in .dist-info/METADATA or .egg-info/PKG-INFO), an npm
    /// package's Markdown (its README, CHANGELOG), type declarations or tests, or an
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

    /// <summary>
    /// What an npm package ships besides its code, as a Python package's description is: its Markdown
    /// (README, CHANGELOG), its type declarations (<c>.d.ts</c>, <c>.d.mts</c>, <c>.d.cts</c>: no value
    /// there runs; the literals are the doc comments' examples, as the AWS SDK's sample responses) and
    /// its own tests and examples (<c>test/</c>, <c>__tests__/</c>, <c>fixtures/</c>, <c>*.test.js</c>:
    /// fixtures such as passport-jwt's signed test tokens). The app's own files are outside node_modules.
    /// </summary>
    private static bool IsNpmPackageDocument(string path)
    {
        var packages = path.IndexOf("/node_modules/", StringComparison.Ordinal);
        if (packages < 0)
        {
            return false;
        }

        var name = path[(path.LastIndexOf('/') + 1)..];
        if (name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".d.ts", StringComparison.Ordinal) || name.EndsWith(".d.mts", StringComparison.Ordinal) || name.EndsWith(".d.cts", StringComparison.Ordinal)
            || name.Contains(".test.", StringComparison.Ordinal) || name.Contains(".spec.", StringComparison.Ordinal))
        {
            return true;
        }

        var inside = path.AsSpan(packages);
        foreach (var folder in NpmTestFolders)
        {
            if (inside.Contains(folder, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] NpmTestFolders = ["/test/", "/tests/", "/__tests__/", "/spec/", "/fixtures/", "/__fixtures__/", "/example/", "/examples/"];

    private static readonly string[] ExampleMarkers = ["example", "sample", "template"];

    /// <summary>Extensions of text a sample of a config is written in (config.sample.yml); never a binary's or an archive's.</summary>
    private static readonly string[] TextExtensions =
        ["json", "yml", "yaml", "env", "ini", "conf", "cfg", "cnf", "config", "xml", "properties", "toml", "txt", "sh", "ps1", "py", "js", "ts", "rb", "php", "sql", "tf", "tfvars", "md"];

    /// <summary>
    /// .env.example, jmxremote.password.template, config.sample.yml: the marker is the name's last part, or the
    /// next-to-last before a text extension. Only there: a project named Acme.Sample.Api has its own assembly
    /// Acme.Sample.Api.dll and app host Acme.Sample.Api, and backup.example.tar.gz is an archive, none an example.
    /// </summary>
    private static bool IsExampleFile(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var parts = name.Split('.');
        if (parts.Length < 2)
        {
            return false;
        }

        bool IsMarker(string part) => ExampleMarkers.Contains(part, StringComparer.OrdinalIgnoreCase);
        return IsMarker(parts[^1])
            || (parts.Length > 2 && IsMarker(parts[^2]) && TextExtensions.Contains(parts[^1], StringComparer.OrdinalIgnoreCase));
    }
}
