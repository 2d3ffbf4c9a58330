using System.Text;
using SecretGuard.Detection;
using SecretGuard.Detection.Catalogue;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Detection;

/// <summary>
/// The docs/rules pages of the catalogue's formats are generated from the table (<see cref="TokenFormats"/>,
/// <see cref="ContextFormats"/>) and checked against it: a changed row fails here until its page is
/// written again with <c>SG_UPDATE_DOCS=1</c> (or <c>SECRETGUARD_WRITE_RULE_PAGES=1</c>; then commit the pages).
/// </summary>
[TestClass]
public sealed class CataloguePagesTests
{
    /// <summary>Where a rule of high confidence runs: also over NativeAOT executables' and other binaries' strings.</summary>
    internal const string AppliesHigh = """
        It applies wherever SecretGuard looks: the image config (ENV, labels, Entrypoint/Cmd arguments, build
        history), every file of the app layer and of the base image's layers (archives included), and the string
        literals, constants, attribute arguments and resources of .NET assemblies (NativeAOT executables
        included). The error is placed at the line to edit: the container item, the published project file,
        the line of C#, or `ContainerBaseImage`.
        """;

    /// <summary>
    /// Where a rule of medium confidence (as a rule: its findings may still be high) runs: FileScanner reads
    /// the strings of NativeAOT executables and other binaries with the high-confidence rules only.
    /// </summary>
    internal const string AppliesMedium = """
        It applies to the text SecretGuard reads: the image config (ENV, labels, Entrypoint/Cmd arguments, build
        history), the text files of the app layer and of the base image's layers (archives included), and the
        string literals, constants, attribute arguments and resources of .NET assemblies. It is not run over the
        strings of NativeAOT executables and other binaries, which only the rules whose format proves a
        credential read. The error is placed at the line to edit: the container item, the published project
        file, the line of C#, or `ContainerBaseImage`.
        """;

    /// <summary>The sentence of where a rule runs, chosen by the rule's own confidence (the one FileScanner goes by).</summary>
    internal static string AppliesFor(string id) =>
        RuleSet.Default.Rules.Single(r => r.Id == id).Confidence == Confidence.High ? AppliesHigh : AppliesMedium;

    private static string Page(string id, string title, string confidence, string source, string summary, IReadOnlyList<string>? formats, string extra, string rotation, string notFlagged)
    {
        var page = new StringBuilder();
        page.Append($"# {id}: {title}\n\n| | |\n| --- | --- |\n| Code | `{id}` |\n| Confidence | {confidence} |\n");
        page.Append($"| Source | [`{source}`](../../src/SecretGuard.Core/Detection/Catalogue/{source}) (entry `{id}`) |\n\n");
        page.Append($"## What it finds\n\n{summary}\n\n");
        if (formats is { Count: > 1 })
        {
            // The closing period is left out where it would make the last format's example a value its rule
            // reports (SG1114's "redis-cli -a password." is a password of nine characters).
            var line = $"Formats: {string.Join("; ", formats)}";
            page.Append(RuleSet.Default.Scan(line + ".").Count > RuleSet.Default.Scan(line).Count ? line : line + ".").Append("\n\n");
        }

        if (extra.Length > 0)
        {
            page.Append(extra).Append("\n\n");
        }

        page.Append(AppliesFor(id).ReplaceLineEndings("\n")).Append("\n\n");
        page.Append("## How to fix it\n\n");
        page.Append($"1. Revoke and rotate it ({rotation}): it is compromised once it is built into an image, whoever can pull the image can read it.\n");
        page.Append("""
            2. Remove it from what the image is built from, and deliver it at run time instead: a mounted secret file
               (`X_FILE=/run/secrets/x`), or a secret store (Azure Key Vault, AWS Secrets Manager, Kubernetes secrets).
               In development, use user-secrets.
            3. If it came with the base image, rebuild that image without it (build-time secrets with
               `RUN --mount=type=secret`, never ARG, ENV or a deleted file) or choose another base image.

            """.ReplaceLineEndings("\n"));
        page.Append("\n## Not flagged\n\n");
        page.Append("Placeholders (`${VAR}`, `$(Var)`, `%VAR%`, `{{var}}`, `<your-key>`, `changeme`), empty values, `X_FILE`\n");
        page.Append($"references to mounted secrets, obviously fake values (one character repeated, `****`, `xxxx`, `abcdef…`, `123456…`, `EXAMPLE`), {notFlagged}.\n\n");
        page.Append("## Accepting a finding\n\nIf it is not a real credential (a test fixture), accept it with a reason:\n\n```xml\n");
        page.Append("<SecretGuardSuppress Include=\"sg1:…fingerprint from the message…\" Justification=\"why this is not a secret\" />\n```\n\n");
        page.Append($"or switch the rule off with `<NoWarn>$(NoWarn);{id}</NoWarn>`. See the README's \"Accepting a finding\".\n");
        return page.ToString();
    }

    private static IEnumerable<(string Id, string Text)> Pages()
    {
        foreach (var f in TokenFormats.All)
        {
            var confidence = f.Confidence == Confidence.High
                ? "high: " + (f.ConfidenceReason ?? "the format itself proves it (a unique prefix and shape" + (f.Validate is null ? ")" : ", checked beyond the pattern)"))
                : "medium: a warning by default, an error with `SecretGuardMinimumConfidence=medium`";
            yield return (f.Id, Page(f.Id, f.Title, confidence, RowFile(f.Id), f.Summary, f.Formats, f.Details ?? "", f.RotationHint,
                f.NotFlagged ?? "and a prefix without a value of the right length and alphabet"));
        }

        foreach (var f in ContextFormats.All)
        {
            var names = string.Join(", ", f.ServiceNames.Select(n => $"`{n}`"));
            var extra = $"{f.Service} credentials have no prefix of their own: only the service's name ({names}, any case) before the value tells\n"
                + "them from any other string of that shape, in its key (`" + KeyExample(f) + "=…`) or in the section above it\n"
                + $"(`\"{CatalogueTests.SectionOf(f)}\": {{ \"ApiKey\": … }}`, within a few lines), and the value must have the service's exact shape.";
            yield return (f.Id, Page(f.Id, f.Title, "high when the key itself names the service and the value has its exact shape; medium (a warning by default) when only the section above names it", "ContextFormats.cs",
                $"{f.Title}: {f.Shape.Description}, in a setting that names {f.Service}.", f.Formats, extra, f.RotationHint,
                "values of another shape, keys that identify rather than authenticate (`…_ID`, `…_URL`, `…_USER`, public keys), and values more than a few lines after the name"));
        }
    }

    /// <summary>The file of the catalogue that holds a row, for its page's Source link: the one that writes <c>new("SG1nnn",</c>.</summary>
    private static string RowFile(string id)
    {
        var catalogue = Path.Combine(TestPaths.RepositoryRoot(), "src", "SecretGuard.Core", "Detection", "Catalogue");
        var files = Directory.EnumerateFiles(catalogue, "*.cs").Where(f => File.ReadAllText(f).Contains($"new(\"{id}\",", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, files, $"{id}'s row is written in exactly one file of {catalogue}");
        return Path.GetFileName(files[0]);
    }

    private static string KeyExample(ContextFormat f) =>
        new string(f.ServiceNames[0].ToUpperInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '_').ToArray()).TrimEnd('_') + "_API_KEY";

    [TestMethod]
    public void Catalogue_pages_are_generated_from_the_table()
    {
        var docs = Path.Combine(TestPaths.RepositoryRoot(), "docs", "rules");
        var write = Environment.GetEnvironmentVariable("SG_UPDATE_DOCS") == "1" || Environment.GetEnvironmentVariable("SECRETGUARD_WRITE_RULE_PAGES") == "1";
        foreach (var (id, text) in Pages())
        {
            var path = Path.Combine(docs, id + ".md");
            if (write)
            {
                File.WriteAllText(path, text);
            }

            Assert.IsTrue(File.Exists(path), $"{id} has no page: run the tests with SG_UPDATE_DOCS=1");
            Assert.AreEqual(text, File.ReadAllText(path).ReplaceLineEndings("\n"), $"{id}'s page is not the table's: run the tests with SG_UPDATE_DOCS=1");
        }
    }
}
