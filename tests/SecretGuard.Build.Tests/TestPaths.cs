namespace SecretGuard.Tests;

/// <summary>Places in this checkout that tests read or write beside their own output.</summary>
internal static class TestPaths
{
    /// <summary>The checkout's root: the first folder above the test's output that holds the solution.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecretGuard.Build.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
