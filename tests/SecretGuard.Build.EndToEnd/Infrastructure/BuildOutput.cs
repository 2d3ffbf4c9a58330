using System.Text.RegularExpressions;

namespace SecretGuard.EndToEnd.Infrastructure;

/// <summary>An MSBuild error or warning line: file(line,col): error CODE: message [project].</summary>
public sealed record BuildDiagnostic(string File, int Line, int Column, string Severity, string Code, string Message);

/// <summary>The result of one dotnet invocation, with its diagnostics parsed.</summary>
public sealed partial class BuildOutput(int exitCode, string text)
{
    public int ExitCode { get; } = exitCode;

    public string Text { get; } = text;

    public IReadOnlyList<BuildDiagnostic> Diagnostics { get; } = Parse(text);

    public IEnumerable<BuildDiagnostic> Errors(string code) => Diagnostics.Where(d => d.Severity == "error" && d.Code == code);

    public IEnumerable<BuildDiagnostic> SecretGuard => Diagnostics.Where(d => d.Code.StartsWith("SG", StringComparison.Ordinal));

    public override string ToString() => $"exit {ExitCode}\n{Text}";

    private static List<BuildDiagnostic> Parse(string text) =>
        text.Split('\n')
            .Select(l => Line().Match(l.TrimEnd('\r')))
            .Where(m => m.Success)
            .Select(m => new BuildDiagnostic(
                m.Groups["file"].Value.Trim(),
                m.Groups["line"].Success ? int.Parse(m.Groups["line"].Value) : 0,
                m.Groups["col"].Success ? int.Parse(m.Groups["col"].Value) : 0,
                m.Groups["sev"].Value,
                m.Groups["code"].Value,
                m.Groups["msg"].Value))
            .Distinct()
            .ToList();

    [GeneratedRegex(@"^\s*(?<file>[^\s(][^(]*?)(?:\((?<line>\d+)(?:,(?<col>\d+))?\))?\s*:\s+(?<sev>error|warning) (?<code>[A-Z]+\d+): (?<msg>.*?)(?: \[[^\]]*proj\])?$")]
    private static partial Regex Line();
}
