namespace SecretGuard.Tests.Documentation;

/// <summary>The repository's documentation files, for the tests that keep them honest.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecretGuard.Build.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }

    /// <summary>README.md, CHANGELOG.md, the package's readme and every Markdown page under docs/, as repository-relative paths with '/'.</summary>
    public static IReadOnlyList<string> MarkdownFiles()
    {
        var files = new List<string>();
        foreach (var top in new[] { "README.md", "CHANGELOG.md", "src/SecretGuard.Build/PACKAGE.md" })
        {
            if (File.Exists(Path.Combine(Root, top)))
            {
                files.Add(top);
            }
        }

        files.AddRange(Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal));
        return files;
    }

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath)).ReplaceLineEndings("\n");
}
