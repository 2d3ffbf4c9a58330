using System.Text.RegularExpressions;

namespace SecretGuard.Tests.Shipping;

/// <summary>
/// Every CI file of the repository, the project's own workflow and the recipes docs/ci.md shows, is linted
/// with the tools the ecosystem uses, installed offline by scripts/ensure-tools.sh: GitHub workflows with
/// actionlint and action-validator, the GitLab file against GitLab's published CI schema, the Azure
/// Pipelines file by its structure (no package here ships its schema). docs/ci.md shows each recipe as it
/// is in its file, so what a reader copies is what was linted.
/// </summary>
[TestClass]
public sealed partial class CiFilesTests
{
    private static readonly string Root = TestPaths.RepositoryRoot();

    private static readonly string Linters = Path.Combine(Root, "artifacts", "tools", "ci-linters");

    private static readonly string Checker = Path.Combine(Root, "tests", "SecretGuard.Build.Tests", "Shipping", "check_ci_yaml.py");

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static IEnumerable<string> GitHubWorkflows() =>
        Directory.EnumerateFiles(Path.Combine(Root, ".github", "workflows"), "*.y*ml").Append(Path.Combine(Root, "docs", "ci", "github-actions.yml"));

    private static string GitLabFile => Path.Combine(Root, "docs", "ci", "gitlab-ci.yml");

    private static string AzureFile => Path.Combine(Root, "docs", "ci", "azure-pipelines.yml");

    private static void RequireLinters()
    {
        if (!Directory.Exists(Path.Combine(Linters, "node_modules", "@tktco", "node-actionlint")) || !File.Exists(Path.Combine(Linters, "gitlab-ci.schema.json")))
        {
            Assert.Fail($"the CI linters are not installed in {Linters}: run bash scripts/ensure-tools.sh");
        }
    }

    private static ToolProcess.Result ActionLint(IEnumerable<string> files) =>
        ToolProcess.Run("node", [Path.Combine(Root, "tests", "SecretGuard.Build.Tests", "Shipping", "actionlint.mjs"), Linters, .. files], Root, Timeout);

    private static ToolProcess.Result ActionValidator(string file) =>
        ToolProcess.Run("node", [Path.Combine(Linters, "node_modules", "@action-validator", "cli", "cli.mjs"), file], Root, Timeout);

    private static ToolProcess.Result GitLabSchema(string file) =>
        ToolProcess.Run("python3", [Checker, "gitlab", Path.Combine(Linters, "gitlab-ci.schema.json"), file], Root, Timeout);

    private static ToolProcess.Result AzureStructure(string file) =>
        ToolProcess.Run("python3", [Checker, "azure", file], Root, Timeout);

    [TestMethod]
    public void Every_CI_file_is_one_the_tests_lint()
    {
        var linted = GitHubWorkflows().Append(GitLabFile).Append(AzureFile).Select(Path.GetFullPath).ToHashSet();
        var yamlFiles = new[] { ".github", Path.Combine("docs", "ci") }
            .Where(d => Directory.Exists(Path.Combine(Root, d)))
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Root, d), "*.y*ml", SearchOption.AllDirectories))
            .Select(Path.GetFullPath).ToList();
        Assert.IsGreaterThanOrEqualTo(4, yamlFiles.Count);
        var unlinted = yamlFiles.Where(f => !linted.Contains(f)).ToList();
        Assert.IsEmpty(unlinted, "a CI file no linter here checks: " + string.Join(", ", unlinted));
        Assert.IsTrue(linted.All(File.Exists), string.Join(", ", linted.Where(f => !File.Exists(f))));
    }

    [TestMethod]
    public void GitHub_workflows_pass_actionlint()
    {
        RequireLinters();
        var result = ActionLint(GitHubWorkflows());
        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "0 problems", result.ToString());
    }

    [TestMethod]
    public void GitHub_workflows_pass_action_validator()
    {
        RequireLinters();
        foreach (var file in GitHubWorkflows())
        {
            var result = ActionValidator(file);
            Assert.AreEqual(0, result.ExitCode, $"{file}: {result}");
        }
    }

    [TestMethod]
    public void The_GitLab_recipe_passes_GitLabs_published_schema()
    {
        RequireLinters();
        var result = GitLabSchema(GitLabFile);
        Assert.AreEqual(0, result.ExitCode, result.ToString());
    }

    [TestMethod]
    public void The_Azure_Pipelines_recipe_has_a_pipelines_structure()
    {
        var result = AzureStructure(AzureFile);
        Assert.AreEqual(0, result.ExitCode, result.ToString());
    }

    [TestMethod]
    public void Each_linter_rejects_a_broken_file()
    {
        RequireLinters();
        var folder = Path.Combine(Path.GetTempPath(), "sg-ci-broken-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            // A misspelt key in each kind of file: each tool must say so, or the tests above prove nothing.
            var workflow = Path.Combine(folder, "workflow.yml");
            File.WriteAllText(workflow, "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    stepz:\n      - run: echo hi\n");
            var gitlab = Path.Combine(folder, "gitlab-ci.yml");
            File.WriteAllText(gitlab, "build:\n  image: alpine\n  scriptz: [echo hi]\n");
            var azure = Path.Combine(folder, "azure-pipelines.yml");
            File.WriteAllText(azure, "trigger: [main]\nsteps:\n  - task: UseDotNet\n    inputz: {}\n");

            var actionLint = ActionLint([workflow]);
            Assert.AreEqual(1, actionLint.ExitCode, actionLint.ToString());
            StringAssert.Contains(actionLint.Output, "stepz", actionLint.ToString());
            var validator = ActionValidator(workflow);
            Assert.AreNotEqual(0, validator.ExitCode, validator.ToString());
            StringAssert.Contains(validator.Output, "stepz", validator.ToString());
            var schema = GitLabSchema(gitlab);
            Assert.AreEqual(1, schema.ExitCode, schema.ToString());
            StringAssert.Contains(schema.Output, "scriptz", schema.ToString());
            var structure = AzureStructure(azure);
            Assert.AreEqual(1, structure.ExitCode, structure.ToString());
            StringAssert.Contains(structure.Output, "inputz", structure.ToString());
            StringAssert.Contains(structure.Output, "not Name@Major", structure.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void The_CI_page_shows_each_recipe_as_it_is_in_its_file()
    {
        var page = File.ReadAllText(Path.Combine(Root, "docs", "ci.md")).ReplaceLineEndings("\n");
        var blocks = FencedBlock().Matches(page).Select(m => m.Groups["body"].Value).ToList();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "docs", "ci")))
        {
            var name = Path.GetFileName(file);
            var content = File.ReadAllText(file).ReplaceLineEndings("\n");
            StringAssert.Contains(page, $"](ci/{name})", $"docs/ci.md does not link docs/ci/{name}");
            Assert.IsTrue(blocks.Any(b => b == content || b == Indented(content)),
                $"docs/ci.md does not show docs/ci/{name} as it is: copy the file into its code block");
        }
    }

    /// <summary>
    /// docs/cli.md's recipes for the secretguard tool, linted as the CI files are: a block that starts with
    /// "# GitHub Actions" is a workflow (or, when it is a list of steps, the steps of one job, linted inside
    /// a minimal workflow), one that starts with "# GitLab CI" a .gitlab-ci.yml.
    /// </summary>
    [TestMethod]
    public void The_tool_pages_CI_recipes_pass_the_linters()
    {
        RequireLinters();
        var page = File.ReadAllText(Path.Combine(Root, "docs", "cli.md")).ReplaceLineEndings("\n");
        var blocks = YamlBlock().Matches(page).Select(m => m.Groups["body"].Value).ToList();
        Assert.IsGreaterThanOrEqualTo(3, blocks.Count, "docs/cli.md's YAML blocks were found");
        var folder = Path.Combine(Path.GetTempPath(), "sg-cli-recipes-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            var n = 0;
            foreach (var block in blocks)
            {
                var file = Path.Combine(folder, $"recipe-{++n}.yml");
                if (block.StartsWith("# GitHub Actions\n", StringComparison.Ordinal))
                {
                    var body = block["# GitHub Actions\n".Length..];
                    File.WriteAllText(file, body.StartsWith("- ", StringComparison.Ordinal)
                        ? "on: push\njobs:\n  recipe:\n    runs-on: ubuntu-latest\n    steps:\n" + string.Concat(body.Split('\n').Select(l => l.Length == 0 ? "\n" : "      " + l + "\n"))
                        : body);
                    var lint = ActionLint([file]);
                    Assert.AreEqual(0, lint.ExitCode, $"docs/cli.md block {n}:\n{block}\n{lint}");
                    var validator = ActionValidator(file);
                    Assert.AreEqual(0, validator.ExitCode, $"docs/cli.md block {n}:\n{block}\n{validator}");
                }
                else if (block.StartsWith("# GitLab CI\n", StringComparison.Ordinal))
                {
                    File.WriteAllText(file, block);
                    var schema = GitLabSchema(file);
                    Assert.AreEqual(0, schema.ExitCode, $"docs/cli.md block {n}:\n{block}\n{schema}");
                }
                else
                {
                    Assert.Fail($"docs/cli.md block {n} does not say which CI it is for (a first line '# GitHub Actions' or '# GitLab CI'):\n{block}");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex(@"^```yaml\n(?<body>.*?)^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    /// <summary>A file shown inside a list item is indented by two spaces.</summary>
    private static string Indented(string content) =>
        string.Join("\n", content.TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? l : "  " + l)) + "\n";

    [GeneratedRegex(@"^ *```[a-z]*\n(?<body>.*?)^ *```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();
}
