using System.Diagnostics;
using SecretGuard.Detection;
using SecretGuard.Scanning;

// Usage: SecretGuard.Build.Benchmark [--assemblies] DIR [DIR...]
//        SecretGuard.Build.Benchmark --base-image REGISTRY/NAME:TAG
// Reads every file under the folders into memory first (so disk speed is not measured), then scans
// them all on one thread, three times, and reports the best pass. Text mode runs the text scanner on
// every file; --assemblies runs the assembly metadata scanner on every *.dll.
// --base-image runs the gate's base image check against a registry: cold (empty layer cache: download,
// decompress, scan every layer), then warm (results from the cache), three times each.
if (args.Length == 2 && args[0] == "--base-image")
{
    BaseImageBenchmark.Run(args[1]);
    return;
}

var assemblies = args.Length > 0 && args[0] == "--assemblies";
var dirs = assemblies ? args[1..] : args;
var files = dirs.SelectMany(d => Directory.EnumerateFiles(d, assemblies ? "*.dll" : "*", SearchOption.AllDirectories))
    .Where(f => new FileInfo(f).Length is > 0 and < 64 << 20)
    .Select(File.ReadAllBytes)
    .ToList();
var total = files.Sum(f => (long)f.Length);
var text = new TextStreamScanner(RuleSet.Default);
var metadata = new AssemblyScanner(RuleSet.Default);

var best = double.MaxValue;
var scanned = 0;
var findings = 0;
for (var pass = 0; pass < 3; pass++)
{
    scanned = 0;
    findings = 0;
    var sw = Stopwatch.StartNew();
    foreach (var bytes in files)
    {
        var hits = assemblies
            ? (AssemblyScanner.LooksLikePe(bytes) ? metadata.Scan(bytes)?.Count : null)
            : text.Scan(new MemoryStream(bytes, writable: false))?.Count;
        if (hits is { } n)
        {
            scanned++;
            findings += n;
        }
    }

    best = Math.Min(best, sw.Elapsed.TotalSeconds);
}

var kind = assemblies ? "managed assemblies" : "text";
Console.WriteLine($"files: {files.Count} ({scanned} {kind}), bytes: {total / 1e6:F1} MB, findings: {findings}");
Console.WriteLine($"best of 3: {best * 1000:F0} ms, throughput: {total / 1e6 / best:F0} MB/s (one core)");

// Where the time goes: each rule alone over the same text (decoding included in every figure).
if (!assemblies && Environment.GetEnvironmentVariable("SECRETGUARD_BENCH_RULES") == "1")
{
    foreach (var rule in RuleSet.Default.Rules.Prepend(null))
    {
        var single = new TextStreamScanner(new RuleSet(rule is null ? [] : [rule]));
        var sw = Stopwatch.StartNew();
        foreach (var bytes in files)
        {
            single.Scan(new MemoryStream(bytes, writable: false));
        }

        Console.WriteLine($"  {(rule is null ? "(decode only)" : rule.Id + " " + rule.Title),-50} {sw.ElapsedMilliseconds,6} ms");
    }
}
