using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SecretGuard.Tests.Documentation;

/// <summary>
/// A figure is only worth something with the day it was measured, the code it measured and the command
/// that measures it again: every row of docs/performance.md's "Current figures" table carries a date, a
/// commit of this repository and a command, and the README's "How fast" table is a choice of those rows,
/// word for word, so the two cannot drift apart.
/// </summary>
[TestClass]
public sealed partial class FiguresTests
{
    private sealed record FigureRow(string Text, string What, string Figure, string Measured, string Command);

    /// <summary>The rows of the first table after a heading, header and separator skipped.</summary>
    private static List<FigureRow> TableAfter(string page, string heading)
    {
        var text = Repository.Read(page);
        var at = text.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, at, $"{page} has no '{heading}'");
        var lines = text[at..].Split('\n').SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).Skip(2).ToList();
        return lines.Select(l =>
        {
            var cells = Cells(l);
            Assert.HasCount(4, cells, $"{page}: a figures row has the columns What | Figure | Measured | Reproduce with: {l}");
            return new FigureRow(l, cells[0], cells[1], cells[2], cells[3]);
        }).ToList();
    }

    /// <summary>A table row's cells; a '|' inside a code span (a shell pipe) does not split a cell.</summary>
    private static List<string> Cells(string row)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var inCode = false;
        foreach (var c in row.Trim().Trim('|'))
        {
            if (c == '`')
            {
                inCode = !inCode;
            }

            if (c == '|' && !inCode)
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString().Trim());
        return cells;
    }

    [TestMethod]
    public void Every_figure_has_a_date_a_commit_and_a_command()
    {
        var rows = TableAfter("docs/performance.md", "## Current figures");
        Assert.IsGreaterThanOrEqualTo(8, rows.Count);
        var problems = new List<string>();
        foreach (var row in rows)
        {
            if (!Date().IsMatch(row.Measured))
            {
                problems.Add($"no date (YYYY-MM-DD) in '{row.Measured}': {row.What}");
            }

            var commits = Commit().Matches(row.Measured).Select(m => m.Value).ToList();
            if (commits.Count == 0)
            {
                problems.Add($"no commit in '{row.Measured}': {row.What}");
            }

            problems.AddRange(commits.Where(c => !IsCommit(c)).Select(c => $"{c} is not a commit of this repository: {row.What}"));
            if (!row.Command.Contains('`', StringComparison.Ordinal))
            {
                problems.Add($"no command (in a code span) to reproduce it: {row.What}");
            }
        }

        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    [TestMethod]
    public void The_readmes_figures_are_rows_of_the_performance_page()
    {
        var readme = TableAfter("README.md", "## How fast");
        Assert.IsGreaterThanOrEqualTo(3, readme.Count);
        var performance = TableAfter("docs/performance.md", "## Current figures").Select(r => r.Text).ToHashSet(StringComparer.Ordinal);
        foreach (var row in readme)
        {
            // The README sits one folder up: its links into docs/ are the page's links to its neighbours.
            var asOnThePage = DocsLink().Replace(row.Text, "](");
            Assert.Contains(asOnThePage, performance, $"README's figure is not a row of docs/performance.md's table, word for word: {row.What}");
        }

        // A date range or a date outside the rows would mix runs again.
        var section = Repository.Read("README.md");
        section = section[section.IndexOf("## How fast\n", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var prose = string.Join("\n", section.Split('\n').Where(l => !l.StartsWith('|')));
        Assert.IsFalse(Date().IsMatch(prose), "the README's figures carry their dates in their rows only");
    }

    private static readonly Dictionary<string, bool> KnownCommits = new(StringComparer.Ordinal);

    /// <summary>Whether git knows the commit; true where git cannot be asked (a source archive without history).</summary>
    private static bool IsCommit(string sha)
    {
        if (KnownCommits.TryGetValue(sha, out var known))
        {
            return known;
        }

        var psi = new ProcessStartInfo("git", ["-C", Repository.Root, "cat-file", "-e", sha + "^{commit}"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        try
        {
            using var git = Process.Start(psi)!;
            git.WaitForExit(30_000);
            var inRepository = Directory.Exists(Path.Combine(Repository.Root, ".git")) || File.Exists(Path.Combine(Repository.Root, ".git"));
            return KnownCommits[sha] = git.ExitCode == 0 || !inRepository;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return KnownCommits[sha] = true;
        }
    }

    [GeneratedRegex(@"\b20\d\d-[01]\d-[0-3]\d\b")]
    private static partial Regex Date();

    [GeneratedRegex(@"\b[0-9a-f]{7,40}\b")]
    private static partial Regex Commit();

    [GeneratedRegex(@"\]\(docs/")]
    private static partial Regex DocsLink();
}
