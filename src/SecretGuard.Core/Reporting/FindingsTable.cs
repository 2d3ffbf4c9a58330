using SecretGuard.Findings;

namespace SecretGuard.Reporting;

/// <summary>
/// The compact table printed under the errors when a check finds credentials: one row per finding
/// with its level, rule, place in the image and the file to edit. Never the secret.
/// </summary>
internal static class FindingsTable
{
    private const int MaxPlace = 60;

    public static string Format(IReadOnlyList<SarifReport.Entry> entries, string projectDirectory)
    {
        var rows = entries
            .Select(e => (
                Level: e.Level,
                Rule: e.Diagnostic.Code,
                Place: Shorten(PlaceText(e.Diagnostic)) + (e.Diagnostic.AlsoAt.Count > 0 ? $" (+{e.Diagnostic.AlsoAt.Count} more)" : ""),
                Source: SourceText(e.Diagnostic, projectDirectory)))
            .OrderBy(r => r.Level == "error" ? 0 : 1).ThenBy(r => r.Source, StringComparer.Ordinal)
            .ToList();
        var placeWidth = Math.Max("In the image".Length, rows.Max(r => r.Place.Length));
        var lines = new List<string>
        {
            Heading(rows.Count),
            $"  {"Level",-8} {"Rule",-7} {"In the image".PadRight(placeWidth)}  Fix at",
        };
        lines.AddRange(rows.Select(r => $"  {r.Level,-8} {r.Rule,-7} {r.Place.PadRight(placeWidth)}  {r.Source}"));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The line above the table, for the build's table and the tool's.</summary>
    public static string Heading(int findings) => $"SecretGuard findings ({findings}):";

    /// <summary>Where in the image, for people: ENV NAME, LABEL key, a file's path.</summary>
    internal static string PlaceText(Diagnostic d) => d.Place switch
    {
        var p when p.StartsWith("env:", StringComparison.Ordinal) => "ENV " + p[4..],
        var p when p.StartsWith("label:", StringComparison.Ordinal) => "LABEL " + p[6..],
        // The file's line, when the source named beside it is not the file itself (the image, ContainerBaseImage).
        var p when p.StartsWith("file:", StringComparison.Ordinal) => p[5..] + (d.ImageLine > 0 && (d.Line == 0 || d.IsBaseImage) ? $" line {d.ImageLine}" : ""),
        "args" => "Entrypoint/Cmd argument",
        "history" => "build history",
        var p => p,
    } + (d.IsBaseImage ? " (base image)" : "");

    private static string Shorten(string place) => place.Length <= MaxPlace ? place : "…" + place[^(MaxPlace - 1)..];

    /// <summary>The file to edit, relative to the project when it is near, with its line.</summary>
    internal static string SourceText(Diagnostic d, string projectDirectory)
    {
        var relative = Path.GetRelativePath(projectDirectory, Path.GetFullPath(d.File));
        var file = relative.StartsWith("..", StringComparison.Ordinal) && relative.Count(c => c == Path.DirectorySeparatorChar) > 2 ? d.File : relative;
        return d.Line > 0 ? $"{file}({d.Line})" : file;
    }
}
