namespace SecretGuard.Scanning;

/// <summary>
/// Programs' source files, by extension. In them a literal is always quoted, so an unquoted value after
/// a credential-like name (<c>password = self.password</c>, <c>token: Optional[str]</c>) is an expression:
/// only quoted values are taken for credentials there. Shell scripts are not here: <c>PASSWORD=abc</c> is a literal.
/// </summary>
internal static class SourceCodeFiles
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".py", ".pyi", ".js", ".cjs", ".mjs", ".jsx", ".ts", ".tsx", ".java", ".kt", ".kts", ".scala", ".groovy",
        ".pm", ".pl", ".rb", ".go", ".php", ".cs", ".vb", ".fs", ".c", ".h", ".cc", ".cpp", ".hpp", ".rs",
        ".swift", ".lua", ".dart", ".r", ".cts", ".mts",

        // A source map carries its sources' code (sourcesContent): code, as in the files it maps.
        ".map",
    };

    public static bool IsSourceCode(string imagePath)
    {
        var name = imagePath[(imagePath.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        return dot > 0 && Extensions.Contains(name[dot..]);
    }
}
