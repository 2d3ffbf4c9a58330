using SecretGuard.Findings;

namespace SecretGuard.SourceMapping;

/// <summary>
/// Finds where a literal compiled into the app is written in the project's own source files
/// (@(Compile)): the exact line of a const, a field initialiser, an attribute argument or a part of
/// an interpolated string. Needs no PDB. Files are read once, and only when something was found.
/// </summary>
internal sealed class LiteralSourceLocator(IReadOnlyList<string> sourceFiles)
{
    private readonly Dictionary<string, string?> _contents = new(StringComparer.Ordinal);

    public SourceLocation? Find(string literal)
    {
        if (literal.Length < 6)
        {
            return null;
        }

        foreach (var file in sourceFiles)
        {
            var text = Read(file);
            var index = text?.IndexOf(literal, StringComparison.Ordinal) ?? -1;
            if (index < 0)
            {
                continue;
            }

            var line = 1;
            var lineStart = 0;
            for (var i = 0; i < index; i++)
            {
                if (text![i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            return new SourceLocation(file, line, index - lineStart + 1);
        }

        return null;
    }

    private string? Read(string file)
    {
        if (!_contents.TryGetValue(file, out var text))
        {
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                text = null;
            }

            _contents[file] = text;
        }

        return text;
    }
}
