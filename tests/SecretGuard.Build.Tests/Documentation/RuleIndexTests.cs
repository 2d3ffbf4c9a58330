using System.Text;
using SecretGuard.Detection;
using SecretGuard.Detection.Catalogue;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Documentation;

/// <summary>
/// docs/rules/README.md, the index of every rule, is written from the rule catalogue, so it cannot fall
/// behind it. With SG_UPDATE_DOCS=1 the test rewrites the file; otherwise it fails when the file differs
/// from what the catalogue gives, saying how to regenerate it.
/// </summary>
[TestClass]
public sealed class RuleIndexTests
{
    private const string IndexPath = "docs/rules/README.md";

    public const string UpdateCommand = "SG_UPDATE_DOCS=1 dotnet test tests/SecretGuard.Build.Tests -c Release --filter \"FullyQualifiedName~RuleIndexTests|FullyQualifiedName~CataloguePages\"";

    [TestMethod]
    public void The_rule_index_is_the_catalogue()
    {
        var expected = Generate();
        var path = Path.Combine(Repository.Root, IndexPath);
        if (Environment.GetEnvironmentVariable("SG_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
            return;
        }

        var actual = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        if (actual != expected)
        {
            var expectedLines = expected.Split('\n');
            var actualLines = actual.Split('\n');
            var first = Enumerable.Range(0, Math.Max(expectedLines.Length, actualLines.Length))
                .First(i => i >= expectedLines.Length || i >= actualLines.Length || expectedLines[i] != actualLines[i]);
            Assert.Fail($"{IndexPath} is not what the rule catalogue gives (first difference at line {first + 1}). "
                + $"Regenerate it from the repository root with:\n  {UpdateCommand}\nand commit the file.");
        }
    }

    /// <summary>The index page: a short header, then one row per rule in the catalogue's order.</summary>
    internal static string Generate()
    {
        var rules = RuleCatalog.All;
        var confidence = RuleSet.Default.Rules.ToDictionary(r => r.Id, r => r.Confidence);
        var text = new StringBuilder();
        text.Append("# Rules\n\n");
        text.Append("<!-- Generated from the rule catalogue (src/SecretGuard.Core/Detection/Catalogue/RuleCatalog.cs) by\n");
        text.Append("     tests/SecretGuard.Build.Tests/Documentation/RuleIndexTests.cs: do not edit by hand. After adding or\n");
        text.Append("     changing a rule, run from the repository root:\n");
        text.Append("     " + UpdateCommand + " -->\n\n");
        text.Append($"SecretGuard has {rules.Count} rules, which know {rules.Sum(r => r.Formats.Count)} credential formats. A finding's code is its rule's id;\n");
        text.Append("each rule's page says what it finds, how to revoke and replace the credential, and what it never flags.\n");
        text.Append("SecretGuard's own diagnostics (SG0xxx) are listed in [the configuration reference](../configuration.md#diagnostic-codes).\n\n");
        text.Append("**Confidence** is the rule's own. A finding of high confidence fails the build; one of medium confidence\n");
        text.Append("is a warning unless `SecretGuardMinimumConfidence` is `medium`. Some rules set it per finding, as their\n");
        text.Append("pages say: SG1010 raises values that look generated (and most values in the image config) to high;\n");
        text.Append("SG1001 (an encrypted key), SG1011 (a key store that may hold a key), SG1020, SG1028 and SG1042 (a checksum\n");
        text.Append("that does not hold) lower some to medium.\n\n");
        text.Append("| Code | Finds | Confidence | Formats |\n");
        text.Append("| --- | --- | --- | --- |\n");
        foreach (var rule in rules)
        {
            // The key store rule and the rules of files that are secrets by their path sit outside the text rule set: high.
            var level = confidence.TryGetValue(rule.Id, out var c) ? c : Confidence.High;
            var formats = rule.Formats.Count == 1 ? "1" : $"{rule.Formats.Count}: {string.Join("; ", rule.Formats)}";
            text.Append($"| [{rule.Id}]({rule.Id}.md) | {Cell(rule.Title)} | {level.ToString().ToLowerInvariant()} | {Cell(formats)} |\n");
        }

        return text.ToString();
    }

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
