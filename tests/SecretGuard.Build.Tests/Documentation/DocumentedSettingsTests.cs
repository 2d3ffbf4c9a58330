using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace SecretGuard.Tests.Documentation;

/// <summary>
/// The other direction of PackageDefaultsTests: every property a page documents exists in the package's
/// MSBuild files, with the default the page gives (a literal default is the one the package sets; "(none)"
/// and the like, no default at all), and the README's and the package readme's settings tables agree with
/// the configuration reference.
/// </summary>
[TestClass]
public sealed partial class DocumentedSettingsTests
{
    private sealed record Row(string Name, string Default);

    /// <summary>The package's own defaults: elements with a condition in build/*.props and build/*.targets.</summary>
    private static Dictionary<string, string> PackageDefaults()
    {
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.Root, "build")))
        {
            foreach (var element in XDocument.Load(file).Descendants().Where(e => e.Parent?.Name.LocalName == "PropertyGroup" && e.Attribute("Condition") is not null))
            {
                var name = element.Name.LocalName;
                var condition = element.Attribute("Condition")!.Value;
                if (name.StartsWith("SecretGuard", StringComparison.Ordinal) && condition.Replace(" ", "") == $"'$({name})'==''")
                {
                    defaults[name] = element.Value;
                }
            }
        }

        return defaults;
    }

    private static string PackageMsBuildText() => string.Concat(
        new[] { "build", "buildTransitive" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(Repository.Root, d))).Select(File.ReadAllText));

    /// <summary>Rows "| `Name` | `default` | …" or "| [`Name`](#anchor) | (none) | …" of a page's property tables.</summary>
    private static List<Row> PropertyRows(string page) =>
        PropertyRow().Matches(Repository.Read(page)).Select(m => new Row(m.Groups["name"].Value, m.Groups["default"].Value.Trim())).ToList();

    [TestMethod]
    public void Every_documented_property_exists_with_its_documented_default()
    {
        var rows = PropertyRows("docs/configuration.md");
        Assert.IsGreaterThanOrEqualTo(16, rows.Count, "the configuration reference's property table was found");
        var msbuild = PackageMsBuildText();
        var defaults = PackageDefaults();
        var problems = new List<string>();
        foreach (var row in rows)
        {
            if (!msbuild.Contains($"$({row.Name})", StringComparison.Ordinal) && !msbuild.Contains($"@({row.Name})", StringComparison.Ordinal))
            {
                problems.Add($"{row.Name}: documented, but the package's MSBuild files never read it");
                continue;
            }

            var literal = LiteralDefault().Match(row.Default);
            if (literal.Success)
            {
                if (!defaults.TryGetValue(row.Name, out var actual))
                {
                    problems.Add($"{row.Name}: documented default {row.Default}, but the package sets none");
                }
                else if (actual != literal.Groups["value"].Value)
                {
                    problems.Add($"{row.Name}: documented default {row.Default}, the package's is '{actual}'");
                }
            }
            else if (defaults.TryGetValue(row.Name, out var actual))
            {
                problems.Add($"{row.Name}: documented as {row.Default}, but the package sets '{actual}'");
            }
        }

        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    [TestMethod]
    public void The_readmes_settings_agree_with_the_configuration_reference()
    {
        var reference = PropertyRows("docs/configuration.md").ToDictionary(r => r.Name, r => r.Default);
        foreach (var page in new[] { "README.md", "src/SecretGuard.Build/PACKAGE.md" })
        {
            var rows = PropertyRows(page);
            Assert.IsGreaterThanOrEqualTo(6, rows.Count, $"{page}'s settings table was found");
            foreach (var row in rows)
            {
                Assert.IsTrue(reference.TryGetValue(row.Name, out var documented), $"{page}: {row.Name} is not in docs/configuration.md's table");
                // A summary leaves a "no default" cell empty where the reference says "(none)".
                var expected = LiteralDefault().IsMatch(documented) ? documented : "";
                Assert.AreEqual(expected, row.Default, $"{page}: {row.Name}'s default differs from docs/configuration.md's ({documented})");
            }
        }
    }

    [GeneratedRegex(@"^\| \[?`(?<name>SecretGuard[A-Za-z]+)`(?:\]\([^)]*\))? \| (?<default>[^|]*)\|", RegexOptions.Multiline)]
    private static partial Regex PropertyRow();

    [GeneratedRegex(@"^`(?<value>[^`]+)`$")]
    private static partial Regex LiteralDefault();
}
