using SecretGuard.Detection;
using SecretGuard.Scanning;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Documentation;

/// <summary>
/// The documentation teaches the way to write a credential's place (placeholders, <c>_FILE</c> references),
/// and the rule pages ship inside the package: a page that tripped the rule it documents would fail the
/// build of anyone whose image holds a NuGet packages folder. Every page is scanned as such a folder's file
/// is, with the default rules, and must give nothing at all.
/// </summary>
[TestClass]
public sealed class DocumentationScanTests
{
    [TestMethod]
    public void No_documentation_page_trips_a_rule()
    {
        var scanner = new FileScanner(RuleSet.Default);
        var pages = Repository.MarkdownFiles();
        var found = new List<string>();
        foreach (var page in pages)
        {
            var bytes = File.ReadAllBytes(Path.Combine(Repository.Root, page));
            using var content = new MemoryStream(bytes);
            var imagePath = "/root/.nuget/packages/secretguard.build/0.0.0/" + page;
            foreach (var finding in scanner.Scan(imagePath, bytes.Length, content, 1, "sha256:docs").Findings)
            {
                var line = finding.Location is LayerFileLocation file ? file.Line : 0;
                found.Add($"{page}({line}): {finding.RuleId} {finding.Confidence} {finding.Label} [{finding.Redacted}]");
            }
        }

        Assert.IsGreaterThan(100, pages.Count, "the rule pages are among the pages scanned");
        Assert.IsEmpty(found, "write examples with placeholders (<your-key>, ${VAR}) or X_FILE references:\n" + string.Join("\n", found));
    }
}
