using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace SecretGuard.Tests.Shipping;

/// <summary>
/// Every mode of the benchmark that docs/performance.md and docs/robustness.md tell a reader to run, run
/// as they say, on small inputs: each ends with exit code 0 and prints the lines its figures are read from.
/// (The scan-alone part of --layers once threw on every input after the layer reader began to require a
/// digest, and nothing ran it.) --base-image needs a registry; scripts/bench.sh runs it against one.
/// </summary>
[TestClass]
public sealed class BenchmarkModesTests
{
    private static string _inputs = "";

    [ClassInitialize]
    public static void Inputs(TestContext _)
    {
        _inputs = Directory.CreateTempSubdirectory("sg-bench-modes-").FullName;
        var text = Directory.CreateDirectory(Path.Combine(_inputs, "text")).FullName;
        File.WriteAllText(Path.Combine(text, "README.md"), "Set the password in the secret store; the api_key setting names it.\n");
        File.WriteAllText(Path.Combine(text, "appsettings.json"), "{ \"Logging\": { \"LogLevel\": \"Information\" }, \"ApiKey\": \"${API_KEY}\" }\n");
        var assemblies = Directory.CreateDirectory(Path.Combine(_inputs, "assemblies")).FullName;
        File.Copy(typeof(SecretGuard.Detection.RuleSet).Assembly.Location, Path.Combine(assemblies, "SecretGuard.Core.dll"));
        Layer("one.tar.gz", ("etc/os-release", "ID=bench\n"), ("app/appsettings.json", "{ \"ConnectionStrings\": { \"Db\": \"Server=db;Password=${DB_PASSWORD}\" } }\n"));
        Layer("two.tar.gz", ("usr/share/doc/x/README", "Keep the token out of the image.\n"));
    }

    [ClassCleanup]
    public static void Cleanup() => Directory.Delete(_inputs, recursive: true);

    [TestMethod]
    public void Text_mode_reports_its_first_and_best_pass()
    {
        var output = Run(Path.Combine(_inputs, "text"));
        StringAssert.Contains(output, "files: 2 (2 text)");
        StringAssert.Contains(output, "first pass:");
    }

    [TestMethod]
    public void Assemblies_mode_reads_the_managed_assemblies()
    {
        StringAssert.Contains(Run("--assemblies", Path.Combine(_inputs, "assemblies")), "(1 managed assemblies)");
    }

    [TestMethod]
    public void Layer_content_mode_runs_the_file_scanner()
    {
        var output = Run("--layer-content", Path.Combine(_inputs, "text"), Path.Combine(_inputs, "assemblies"));
        Assert.IsFalse(string.IsNullOrWhiteSpace(output), output);
    }

    [TestMethod]
    public void Layers_mode_prints_every_figure_the_docs_quote()
    {
        var output = Run("--layers", Path.Combine(_inputs, "one.tar.gz"), Path.Combine(_inputs, "two.tar.gz"));
        StringAssert.Contains(output, "layers: 2,");
        StringAssert.Contains(output, "3 files, findings: 0");
        StringAssert.Contains(output, "plain gzip decompression (one thread):");
        StringAssert.Contains(output, "base image check, first pass");
        StringAssert.Contains(output, "the same layers one at a time");
        StringAssert.Contains(output, "scan alone (layers decompressed beforehand):");
        StringAssert.Contains(output, "two-core speed-up");
    }

    [TestMethod]
    public void Layers_once_mode_prints_the_check_its_cpu_and_memory()
    {
        var output = Run("--layers-once", Path.Combine(_inputs, "one.tar.gz"), Path.Combine(_inputs, "two.tar.gz"));
        StringAssert.Contains(output, "one check, set-up included:");
        StringAssert.Contains(output, "3 files, findings: 0");
        StringAssert.Contains(output, "page faults");
    }

    [TestMethod]
    public void Keywords_mode_lists_every_rule_keyword()
    {
        var lines = Run("--keywords").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.IsGreaterThan(100, lines.Length);
        Assert.IsTrue(lines.All(l => l.Split('\t').Length == 3), "each line is rule, keyword, case");
    }

    [TestMethod]
    public void Hostile_mode_runs_a_case_in_a_process_of_its_own()
    {
        var output = Run("--hostile", "baseline", "digest-mismatch");
        StringAssert.Contains(output, "| baseline: ");
        StringAssert.Contains(output, "| digest-mismatch: ");
        Assert.DoesNotContain("ended without a result", output);
    }

    private static string Run(params string[] args)
    {
        var bench = Path.Combine(AppContext.BaseDirectory, "SecretGuard.Build.Benchmark.dll");
        var result = ToolProcess.Run("dotnet", [bench, .. args], _inputs, TimeSpan.FromMinutes(3));
        Assert.AreEqual(0, result.ExitCode, result.ToString());
        return result.Output;
    }

    private static void Layer(string name, params (string Path, string Text)[] files)
    {
        using var file = File.Create(Path.Combine(_inputs, name));
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (path, text) in files)
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
        }
    }
}
