using System.Reflection;
using System.Text.RegularExpressions;
using SecretGuard.Detection;
using SecretGuard.Detection.Catalogue;
using SecretGuard.Reporting;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Documentation;

/// <summary>
/// Keeps the reference pages honest where a test can: every property, item and metadata the package reads
/// is in docs/configuration.md, every code is in a table, and every relative link leads somewhere.
/// </summary>
[TestClass]
public sealed partial class DocumentationReferenceTests
{
    private const string Configuration = "docs/configuration.md";

    /// <summary>The package's MSBuild files, whose $(Property) and @(Item) references are what a project can set.</summary>
    private static IEnumerable<string> PackageMsBuildFiles() =>
        new[] { "build", "buildTransitive" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Repository.Root, d)))
            .Where(f => f.EndsWith(".props", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal));

    [TestMethod]
    public void Every_property_and_item_the_targets_read_is_in_the_configuration_reference()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in PackageMsBuildFiles())
        {
            var text = File.ReadAllText(file);
            names.UnionWith(PropertyReference().Matches(text).Select(m => m.Groups["name"].Value));
            names.UnionWith(ItemReference().Matches(text).Select(m => m.Groups["name"].Value));
        }

        // Names starting with an underscore are the package's own (and the SDK's) internals, not settings.
        var missing = names.Where(n => !n.StartsWith('_')).Where(n => !Documents(n)).ToList();
        Assert.IsGreaterThan(40, names.Count, "the targets' references were found");
        Assert.IsEmpty(missing, $"{Configuration} does not mention (as `Name`): {string.Join(", ", missing)}");
    }

    [TestMethod]
    public void Every_item_metadata_and_environment_variable_the_tasks_read_is_in_the_configuration_reference()
    {
        var sources = new[] { "SecretGuard.Build.Tasks", "SecretGuard.Core" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(Repository.Root, "src", project), "*.cs", SearchOption.AllDirectories))
            .Select(File.ReadAllText).ToList();
        var metadata = sources.SelectMany(s => MetadataRead().Matches(s)).Select(m => m.Groups["name"].Value)
            .Where(n => !WellKnownOrInternalMetadata.Contains(n)).ToHashSet(StringComparer.Ordinal);
        var variables = sources.SelectMany(s => EnvironmentVariableRead().Matches(s).Concat(ContainerVariable().Matches(s)))
            .Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("Justification", metadata);
        Assert.Contains("XDG_CACHE_HOME", variables);
        var missing = metadata.Concat(variables).Where(n => !Documents(n)).Order(StringComparer.Ordinal).ToList();
        Assert.IsEmpty(missing, $"{Configuration} does not mention (as `Name`): {string.Join(", ", missing)}");
    }

    /// <summary>
    /// MSBuild's well-known metadata, and the metadata of items the package passes between its own steps
    /// (_SecretGuardBaselineEntry: Rule, Where), which no project sets.
    /// </summary>
    private static readonly HashSet<string> WellKnownOrInternalMetadata = new(StringComparer.Ordinal) { "FullPath", "Rule", "Where" };

    private static bool Documents(string name) => Repository.Read(Configuration).Contains($"`{name}`", StringComparison.Ordinal)
        || Repository.Read(Configuration).Contains($"`{name}=", StringComparison.Ordinal);

    [TestMethod]
    public void Every_diagnostic_code_and_rule_has_a_row_in_its_table()
    {
        var codes = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.IsGreaterThanOrEqualTo(11, codes.Count);
        var configuration = Repository.Read(Configuration);
        var missingCodes = codes.Where(c => !configuration.Contains($"\n| {c} |", StringComparison.Ordinal)).ToList();
        Assert.IsEmpty(missingCodes, $"no row in {Configuration}'s diagnostic codes table for: {string.Join(", ", missingCodes)}");

        var index = Repository.Read("docs/rules/README.md");
        var missingRules = RuleCatalog.All.Where(r => !index.Contains($"\n| [{r.Id}]({r.Id}.md) |", StringComparison.Ordinal)).Select(r => r.Id).ToList();
        Assert.IsEmpty(missingRules, $"no row in docs/rules/README.md for: {string.Join(", ", missingRules)} (regenerate it: {RuleIndexTests.UpdateCommand})");
    }

    [TestMethod]
    public void Every_relative_link_in_the_documentation_resolves()
    {
        var broken = new List<string>();
        var pages = Repository.MarkdownFiles();
        foreach (var page in pages)
        {
            foreach (var target in Links(Repository.Read(page)))
            {
                if (IsExternal(target))
                {
                    continue;
                }

                var hash = target.IndexOf('#');
                var path = Uri.UnescapeDataString(hash >= 0 ? target[..hash] : target);
                var anchor = hash >= 0 ? target[(hash + 1)..] : "";
                var resolved = path.Length == 0 ? page : Path.GetRelativePath(Repository.Root, Path.GetFullPath(Path.Combine(Repository.Root, Path.GetDirectoryName(page)!, path))).Replace('\\', '/');
                var full = Path.Combine(Repository.Root, resolved);
                if (!File.Exists(full) && !Directory.Exists(full))
                {
                    broken.Add($"{page}: {target} (no {resolved})");
                }
                else if (anchor.Length > 0 && resolved.EndsWith(".md", StringComparison.Ordinal) && !Anchors(Repository.Read(resolved)).Contains(anchor))
                {
                    broken.Add($"{page}: {target} (no heading #{anchor} in {resolved})");
                }
            }
        }

        Assert.IsGreaterThan(100, pages.Count);
        Assert.IsEmpty(broken, string.Join("\n", broken));
    }

    [TestMethod]
    public void The_package_readme_has_no_relative_link()
    {
        // The NuGet gallery shows the package's readme on its own, where a relative link leads nowhere.
        var relative = Links(Repository.Read("src/SecretGuard.Build/PACKAGE.md")).Where(l => !IsExternal(l)).ToList();
        Assert.IsEmpty(relative, string.Join(", ", relative));
    }

    [TestMethod]
    public void The_readme_stays_a_front_door()
    {
        var lines = Repository.Read("README.md").TrimEnd('\n').Split('\n').Length;
        Assert.IsLessThanOrEqualTo(250, lines, "README.md is for deciding to adopt and getting started: put reference material and figures under docs/");
    }

    private static bool IsExternal(string target) =>
        target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal);

    /// <summary>The targets of Markdown links outside code blocks and code spans.</summary>
    internal static IEnumerable<string> Links(string markdown)
    {
        var prose = CodeSpan().Replace(FencedBlock().Replace(markdown, ""), "");
        return MarkdownLink().Matches(prose).Select(m => m.Groups["target"].Value);
    }

    /// <summary>The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces to dashes, repeats numbered.</summary>
    internal static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(FencedBlock().Replace(markdown, "")))
        {
            var text = heading.Groups["text"].Value.Trim().ToLowerInvariant();
            var slug = new string(text.Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_').ToArray()).Replace(' ', '-');
            var candidate = slug;
            for (var n = 1; !anchors.Add(candidate); n++)
            {
                candidate = $"{slug}-{n}";
            }
        }

        return anchors;
    }

    [GeneratedRegex(@"\$\((?<name>[A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex PropertyReference();

    [GeneratedRegex(@"@\((?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ItemReference();

    [GeneratedRegex(@"GetMetadata\(""(?<name>[A-Za-z][A-Za-z0-9]*)""\)")]
    private static partial Regex MetadataRead();

    [GeneratedRegex(@"(?:GetEnvironmentVariable|environment)\(""(?<name>[A-Z][A-Z0-9_]*)""\)")]
    private static partial Regex EnvironmentVariableRead();

    [GeneratedRegex(@"""(?<name>(?:DOTNET|SDK)_CONTAINER_[A-Z_]+)""")]
    private static partial Regex ContainerVariable();

    [GeneratedRegex(@"^(?:```|~~~)[^\n]*\n.*?^(?:```|~~~)[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\[[^\]\n]*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^#{1,6}[ \t]+(?<text>.+?)[ \t]*#*[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
