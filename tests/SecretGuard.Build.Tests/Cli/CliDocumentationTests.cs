using System.Reflection;
using System.Text.RegularExpressions;
using SecretGuard.Cli;
using SecretGuard.Findings;
using SecretGuard.Reporting;
using SecretGuard.Tests.Documentation;

namespace SecretGuard.Tests.Cli;

/// <summary>
/// docs/cli.md against the tool: its options table is what `secretguard check --help` lists (names and
/// the values they take), its exit code table is <see cref="ExitCodes"/>, and each code the table puts
/// under exit 2 exits 2, SG0007 included.
/// </summary>
[TestClass]
public sealed partial class CliDocumentationTests
{
    private const string Page = "docs/cli.md";

    private static string Section(string heading)
    {
        var page = Repository.Read(Page);
        var start = page.IndexOf($"\n## {heading}\n", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, $"{Page} has no section '## {heading}'");
        var end = page.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? page[start..] : page[start..end];
    }

    /// <summary>The documented options: each name (and its short form) with its value placeholder, lower-cased; "" for a switch.</summary>
    private static Dictionary<string, string> DocumentedOptions()
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match row in TableRow().Matches(Section("Options")))
        {
            var cell = row.Groups["first"].Value;
            foreach (Match span in CodeSpan().Matches(cell))
            {
                var parts = span.Groups["code"].Value.Split(' ', 2);
                if (parts[0].StartsWith('-'))
                {
                    options[parts[0]] = parts.Length > 1 ? parts[1].Replace("\\|", "|", StringComparison.Ordinal).ToLowerInvariant() : "";
                }
            }
        }

        return options;
    }

    /// <summary>The options `secretguard check --help` lists, with their value placeholders; help itself left out.</summary>
    private static Dictionary<string, string> HelpOptions()
    {
        var output = new StringWriter();
        var exit = CheckCommandLine.Run(["check", "--help"], _ => 0, output, new StringWriter());
        Assert.AreEqual(0, exit);
        var text = output.ToString().ReplaceLineEndings("\n");
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match line in HelpLine().Matches(text[text.IndexOf("Options:", StringComparison.Ordinal)..]))
        {
            var value = line.Groups["value"].Success ? line.Groups["value"].Value.ToLowerInvariant() : "";
            foreach (var name in line.Groups["names"].Value.Split(", "))
            {
                if (name is not ("-?" or "-h" or "--help"))
                {
                    options[name] = value;
                }
            }
        }

        return options;
    }

    [TestMethod]
    public void The_options_table_is_what_help_lists()
    {
        var documented = DocumentedOptions();
        var help = HelpOptions();
        Assert.IsGreaterThanOrEqualTo(20, help.Count, "the help's options were found");

        var undocumented = help.Keys.Except(documented.Keys).Order(StringComparer.Ordinal).ToList();
        var unknown = documented.Keys.Except(help.Keys).Order(StringComparer.Ordinal).ToList();
        Assert.IsEmpty(undocumented, $"options `secretguard check --help` lists that {Page}'s options table lacks: {string.Join(", ", undocumented)}");
        Assert.IsEmpty(unknown, $"options {Page} documents that the tool does not have: {string.Join(", ", unknown)}");

        var differing = help.Where(o => documented[o.Key] != o.Value).Select(o => $"{o.Key}: help <{o.Value}>, {Page} '{documented[o.Key]}'").ToList();
        Assert.IsEmpty(differing, "the value an option takes differs:\n" + string.Join("\n", differing));
    }

    /// <summary>The exit code table: code, and the SG codes its row names.</summary>
    private static Dictionary<int, string[]> ExitCodeRows() =>
        TableRow().Matches(Section("Exit codes"))
            .Where(m => int.TryParse(m.Groups["first"].Value.Trim(), out _))
            .ToDictionary(m => int.Parse(m.Groups["first"].Value.Trim(), System.Globalization.CultureInfo.InvariantCulture),
                m => SgCode().Matches(m.Value).Select(c => c.Value).Distinct().ToArray());

    [TestMethod]
    public void The_exit_code_table_is_the_tools_exit_codes()
    {
        var constants = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (int)f.GetRawConstantValue()!).Order().ToList();
        CollectionAssert.AreEqual(constants, ExitCodeRows().Keys.Order().ToList(), $"{Page}'s exit code table and ExitCodes differ");
    }

    [TestMethod]
    public void Each_code_the_table_puts_under_exit_2_exits_2_and_no_other_diagnostic_does()
    {
        var notChecked = ExitCodeRows()[ExitCodes.NotChecked];
        CollectionAssert.IsSubsetOf(new[] { "SG0001", "SG0002", "SG0003", "SG0004", "SG0007", "SG0011" }, notChecked, "the row for exit 2");
        var report = new CheckReport(new CheckOptions { FailOn = FailOn.Never }, TextWriter.Null, TextWriter.Null);
        var allCodes = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();
        foreach (var code in allCodes.Where(c => c != DiagnosticCodes.InternalError))
        {
            // SG0004 is a finding (it has a place and a fingerprint); the others are the check's own.
            var entry = new SarifReport.Entry(new Diagnostic(code, "img", 0, 0, "m", IsFinding: code == DiagnosticCodes.ScanIncomplete, Fingerprint: "sg1:0123456789abcdef0123"), "error", null);
            var expected = notChecked.Contains(code) ? ExitCodes.NotChecked : ExitCodes.Clean;
            Assert.AreEqual(expected, report.ExitCode([entry]), $"{code}: {Page} says exit {expected}");
        }
    }

    [TestMethod]
    public void SecretGuards_own_failure_is_SG0007_and_exit_2_without_a_stack_trace()
    {
        // A run that fails inside the check itself (here: an image argument that is null, which no command line can give).
        var error = new StringWriter();
        var exit = Check.Run(new CheckOptions { Images = [null!], CacheDirectory = null }, TextWriter.Null, error);

        Assert.AreEqual(ExitCodes.NotChecked, exit, error.ToString());
        StringAssert.StartsWith(error.ToString(), "secretguard: error SG0007: ");
        Assert.DoesNotContain("   at ", error.ToString(), "no stack trace");
    }

    [GeneratedRegex(@"^\| (?<first>[^|]*(?:\\\|[^|]*)*) \|.*$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"`(?<code>[^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^  (?<names>-[^ <]+(?:, -[^ <]+)*)(?: <(?<value>[^>]+)>)?  ", RegexOptions.Multiline)]
    private static partial Regex HelpLine();

    [GeneratedRegex(@"SG\d{4}")]
    private static partial Regex SgCode();
}
