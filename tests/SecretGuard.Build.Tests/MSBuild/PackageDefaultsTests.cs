using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace SecretGuard.Tests.MSBuild;

/// <summary>
/// The defaults the package sets (build/SecretGuard.Build.props) are the ones docs/configuration.md (and the
/// README, where it lists a setting) documents and the core assumes: a drift here changes what fails a user's build.
/// </summary>
[TestClass]
public sealed class PackageDefaultsTests
{
    [TestMethod]
    public void Every_default_in_the_props_is_the_one_the_docs_document()
    {
        var root = TestPaths.RepositoryRoot();
        var props = XDocument.Load(Path.Combine(root, "build", "SecretGuard.Build.props"));
        var reference = File.ReadAllText(Path.Combine(root, "docs", "configuration.md"));
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var defaults = props.Descendants().Where(e => e.Name.LocalName.StartsWith("SecretGuard", StringComparison.Ordinal) && e.Attribute("Condition") is not null).ToList();
        Assert.IsGreaterThanOrEqualTo(5, defaults.Count);
        foreach (var setting in defaults)
        {
            // A row "| `Name` | `default` |", the name possibly a link to its section.
            var row = new Regex($@"^\| \[?`{setting.Name.LocalName}`(?:\]\([^)]*\))? \| `(?<value>[^`]*)` \|", RegexOptions.Multiline);
            var documented = row.Match(reference);
            Assert.IsTrue(documented.Success, $"{setting.Name.LocalName} has no row with a default in docs/configuration.md's table");
            Assert.AreEqual(documented.Groups["value"].Value, setting.Value, $"{setting.Name.LocalName}: the props' default differs from docs/configuration.md's");
            if (row.Match(readme) is { Success: true } summary)
            {
                Assert.AreEqual(summary.Groups["value"].Value, setting.Value, $"{setting.Name.LocalName}: the props' default differs from the README's");
            }
        }
    }

    [TestMethod]
    public void The_package_default_confidence_is_the_core_policys()
    {
        var props = XDocument.Load(Path.Combine(TestPaths.RepositoryRoot(), "build", "SecretGuard.Build.props"));
        var value = props.Descendants().Single(e => e.Name.LocalName == "SecretGuardMinimumConfidence").Value;
        Assert.AreEqual(new SecretGuard.Reporting.SeverityPolicy().MinimumConfidence.ToString(), value, ignoreCase: true);
    }
}
