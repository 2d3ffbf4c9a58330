using SecretGuard.Detection;
using SecretGuard.Detection.Catalogue;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Detection;

/// <summary>Every rule has its page in docs/rules (shipped in the package), so the docs cannot fall behind the catalogue.</summary>
[TestClass]
public sealed class RuleDocumentationTests
{
    [TestMethod]
    public void Every_rule_has_a_page_with_its_id_title_and_fix()
    {
        var docs = Path.Combine(TestPaths.RepositoryRoot(), "docs", "rules");
        foreach (var rule in RuleCatalog.All)
        {
            var page = Path.Combine(docs, rule.Id + ".md");
            Assert.IsTrue(File.Exists(page), $"{rule.Id} has no page at {page}");
            var text = File.ReadAllText(page);
            StringAssert.StartsWith(text, $"# {rule.Id}: {rule.Title}\n");
            StringAssert.Contains(text, "## How to fix it");
            if (rule.Formats.Count > 1)
            {
                // The closing period may be left out where it would turn the last format's example into a value
                // its rule reports (SG1114's "redis-cli -a password." is a password of nine characters).
                var formats = "Formats: " + string.Join("; ", rule.Formats);
                Assert.IsTrue(text.Contains(formats + ".", StringComparison.Ordinal) || text.Contains(formats + "\n", StringComparison.Ordinal), $"{rule.Id}'s page lists its formats: {formats}.");
            }

            if (rule.RotationHint.Length > 0)
            {
                StringAssert.Contains(text, rule.RotationHint);
            }
        }

        var pages = Directory.EnumerateFiles(docs, "SG*.md").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        CollectionAssert.AreEquivalent(RuleCatalog.All.Select(r => r.Id).ToList(), pages.ToList(), "a page for a rule that does not exist");
    }

    [TestMethod]
    public void Only_pages_of_high_confidence_rules_say_they_run_on_NativeAOT_executables()
    {
        // FileScanner runs only the rules of high confidence over the strings of NativeAOT executables and
        // other binaries; a page, generated or written by hand, must not promise more.
        var docs = Path.Combine(TestPaths.RepositoryRoot(), "docs", "rules");
        foreach (var rule in RuleSet.Default.Rules)
        {
            var text = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(Path.Combine(docs, rule.Id + ".md")), @"\s+", " ");
            if (rule.Confidence != Confidence.High)
            {
                Assert.IsFalse(text.Contains("NativeAOT executables included", StringComparison.Ordinal), $"{rule.Id} is of medium confidence, so it does not run on NativeAOT executables, but its page says it does");
            }
        }
    }

    [TestMethod]
    public void The_catalogue_knows_at_least_250_credential_formats()
    {
        // Each rule counts the formats it knows (GitHub's six token kinds, the key stores' three, ...).
        var formats = RuleCatalog.All.SelectMany(r => r.Formats.Select(f => $"{r.Id}: {f}")).ToList();
        CollectionAssert.AllItemsAreUnique(formats);
        Assert.IsGreaterThanOrEqualTo(250, formats.Count, $"{formats.Count} formats");
    }
}
