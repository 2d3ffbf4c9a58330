using System.Diagnostics;
using SecretGuard.Detection;
using SecretGuard.Scanning;

// Usage: SecretGuard.Build.Benchmark DIR [DIR...]
// Reads every text file under the folders into memory first (so disk speed is not measured), then
// scans them all with the default rules on one thread, three times, and reports the best pass.
var files = args.SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
    .Where(f => new FileInfo(f).Length is > 0 and < 64 << 20)
    .Select(File.ReadAllBytes)
    .ToList();
var total = files.Sum(f => (long)f.Length);
var scanner = new TextStreamScanner(RuleSet.Default);

var best = double.MaxValue;
var textFiles = 0;
var findings = 0;
for (var pass = 0; pass < 3; pass++)
{
    textFiles = 0;
    findings = 0;
    var sw = Stopwatch.StartNew();
    foreach (var bytes in files)
    {
        var hits = scanner.Scan(new MemoryStream(bytes, writable: false));
        if (hits is not null)
        {
            textFiles++;
            findings += hits.Count;
        }
    }

    best = Math.Min(best, sw.Elapsed.TotalSeconds);
}

Console.WriteLine($"files: {files.Count} ({textFiles} text), bytes: {total / 1e6:F1} MB, findings: {findings}");
Console.WriteLine($"best of 3: {best * 1000:F0} ms, throughput: {total / 1e6 / best:F0} MB/s (one core)");

// Where the time goes: each rule alone over the same text (decoding included in every figure).
if (Environment.GetEnvironmentVariable("SECRETGUARD_BENCH_RULES") == "1")
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
