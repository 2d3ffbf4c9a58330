using System.Diagnostics;
using SecretGuard.Detection;
using SecretGuard.Scanning;

// Usage: SecretGuard.Build.Benchmark [--assemblies] DIR [DIR...]
//        SecretGuard.Build.Benchmark --layer-content DIR [DIR...]
//        SecretGuard.Build.Benchmark --layers LAYER.tar.gz [LAYER.tar.gz...]
//        SecretGuard.Build.Benchmark --layers-once LAYER.tar.gz [LAYER.tar.gz...]
//        SecretGuard.Build.Benchmark --base-image REGISTRY/NAME:TAG
//        SecretGuard.Build.Benchmark --hostile [CASE...]
//        SecretGuard.Build.Benchmark --keywords
//        SecretGuard.Build.Benchmark --hostile-inputs CASE DIR   (for scripts/hostile-publish.sh)
// Reads every file under the folders into memory first (so disk speed is not measured), then scans
// them all on one thread, twelve times, and reports the first pass and the best of the others. Text mode runs the text scanner on
// every file; --assemblies runs the assembly metadata scanner on every *.dll.
// --layer-content runs the file scanner, as a layer's files meet it (assemblies, other binaries, key
// stores, archives, text), on every file under the folders: the core's throughput on real layer content.
// --layers scans layer blobs as the gate reads them and compares that with plain gzip decompression.
// --layers-once runs that check once and nothing else, as a build does (for `perf record` of the first pass).
// --hostile runs the gate's check on hostile and unusual inputs, each case in a process of its own,
// and reports the outcome, the time and the peak memory (docs/robustness.md).
// --base-image runs the gate's base image check against a registry: cold (empty layer cache: download,
// decompress, scan every layer), then warm (results from the cache), three times each.
if (args.Length == 1 && args[0] == "--keywords")
{
    // Every rule's keywords, one a line (rule, keyword, exact case or not): for counting which keyword
    // prefixes real text is dense in (each occurrence of a filed three-character prefix is a candidate).
    foreach (var rule in RuleSet.Default.Rules)
    {
        foreach (var keyword in rule.Keywords)
        {
            Console.WriteLine($"{rule.Id}\t{keyword}\t{(rule.KeywordMatching == StringComparison.Ordinal ? "exact" : "any-case")}");
        }
    }

    return;
}

if (args.Length >= 1 && args[0] == "--hostile")
{
    HostileInputBenchmark.Run(args[1..]);
    return;
}

if (args.Length == 3 && args[0] == "--hostile-build")
{
    HostileInputBenchmark.BuildCase(args[1], args[2]);
    return;
}

if (args.Length == 3 && args[0] == "--hostile-inputs")
{
    HostileInputBenchmark.PrintCaseInputs(args[1], args[2]);
    return;
}

if (args.Length == 3 && args[0] == "--hostile-case")
{
    HostileInputBenchmark.RunCase(args[1], args[2]);
    return;
}

if (args.Length == 2 && args[0] == "--base-image")
{
    BaseImageBenchmark.Run(args[1]);
    return;
}

if (args.Length > 1 && args[0] == "--layers")
{
    LayerBlobBenchmark.Run(args[1..]);
    return;
}

if (args.Length > 1 && args[0] == "--layers-once")
{
    LayerBlobBenchmark.RunOnce(args[1..]);
    return;
}

if (args.Length > 1 && args[0] == "--layer-content")
{
    LayerContentBenchmark.Run(args[1..]);
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

// The first pass runs the code as a build first meets it (the JIT still optimising); the best of the
// eleven after it is the code's own speed.
const int Passes = 12;
var best = double.MaxValue;
var first = 0.0;
var scanned = 0;
var findings = 0;
for (var pass = 0; pass < Passes; pass++)
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

    if (pass == 0)
    {
        first = sw.Elapsed.TotalSeconds;
    }
    else
    {
        best = Math.Min(best, sw.Elapsed.TotalSeconds);
    }
}

var kind = assemblies ? "managed assemblies" : "text";
Console.WriteLine($"files: {files.Count} ({scanned} {kind}), bytes: {total / 1e6:F1} MB, findings: {findings}");
Console.WriteLine($"best of {Passes - 1} after the first: {best * 1000:F0} ms, throughput: {total / 1e6 / best:F0} MB/s (one core)");
Console.WriteLine($"first pass: {first * 1000:F0} ms, {total / 1e6 / first:F0} MB/s");

// Where the time goes: decoding, then each rule's own work (its Find on the texts holding one of its
// keywords) over text decoded beforehand, then the full rule set over that text.
if (!assemblies && Environment.GetEnvironmentVariable("SECRETGUARD_BENCH_RULES") == "1")
{
    var sw = Stopwatch.StartNew();
    var texts = new List<string>();
    foreach (var bytes in files)
    {
        var encoding = TextStreamScanner.DetectEncoding(bytes.AsSpan(0, Math.Min(bytes.Length, 8000)), out var preamble);
        if (encoding is not null)
        {
            texts.Add(encoding.GetString(bytes, preamble, bytes.Length - preamble));
        }
    }

    Console.WriteLine($"  {"(decode)",-50} {sw.ElapsedMilliseconds,6} ms");
    var index = new KeywordIndex(RuleSet.Default.Rules);
    sw.Restart();
    foreach (var t in texts)
    {
        index.RulesPresent(t, RuleSet.Default.Rules);
    }

    Console.WriteLine($"  {"(keyword index, all rules)",-50} {sw.ElapsedMilliseconds,6} ms");
    var empty = new TextStreamScanner(new RuleSet([]));
    var emptyBest = long.MaxValue;
    for (var pass = 0; pass < 3; pass++)
    {
        sw.Restart();
        foreach (var bytes in files)
        {
            empty.Scan(new MemoryStream(bytes, writable: false));
        }

        emptyBest = Math.Min(emptyBest, sw.ElapsedMilliseconds);
    }

    Console.WriteLine($"  {"(text scanner with no rules: decode, windows)",-50} {emptyBest,6} ms");
    for (var step = 0; step < 3; step++)
    {
        var best2 = long.MaxValue;
        for (var pass = 0; pass < 3; pass++)
        {
            sw.Restart();
            var buf = new char[70000];
            var win = new char[1 << 20];
            foreach (var bytes in files)
            {
                var enc = TextStreamScanner.DetectEncoding(bytes.AsSpan(0, Math.Min(8000, bytes.Length)), out var pre);
                if (enc is null)
                {
                    continue;
                }

                var dec = enc.GetDecoder();
                var len = 0;
                for (var off = pre; off < bytes.Length; off += 65536)
                {
                    var n = dec.GetChars(bytes, off, Math.Min(65536, bytes.Length - off), buf, 0, false);
                    if (step >= 1 && len + n <= win.Length)
                    {
                        Array.Copy(buf, 0, win, len, n);
                        len += n;
                    }
                }

                if (step >= 2)
                {
                    _ = new string(win, 0, len);
                }
            }

            best2 = Math.Min(best2, sw.ElapsedMilliseconds);
        }

        Console.WriteLine($"  step {step}: {best2} ms");
    }
    var timings = new List<(string Rule, long Ms)>();
    foreach (var rule in RuleSet.Default.Rules)
    {
        sw.Restart();
        foreach (var t in texts)
        {
            if (rule.MayMatch(t))
            {
                rule.Find(t).Count();
            }
        }

        timings.Add((rule.Id + " " + rule.Title, sw.ElapsedMilliseconds));
    }

    foreach (var (rule, ms) in timings.OrderByDescending(t => t.Ms).Take(12))
    {
        Console.WriteLine($"  {rule,-50} {ms,6} ms (keyword search included)");
    }

    // Each rule's own work as the rule set runs it: only on texts holding its keywords, from the starts
    // the one keyword pass found (what a rule adds to a scan; best of five passes).
    var rules = RuleSet.Default.Rules;
    var own = new long[rules.Count];
    for (var pass = 0; pass < 5; pass++)
    {
        var ticks = new long[rules.Count];
        foreach (var t in texts)
        {
            if (RuleSet.Default.FindKeywords(t) is not { } starts)
            {
                continue;
            }

            for (var r = 0; r < rules.Count; r++)
            {
                if (starts[r] is { } found)
                {
                    var start = Stopwatch.GetTimestamp();
                    rules[r].Find(t, TextOrigin.File, found).Count();
                    ticks[r] += Stopwatch.GetTimestamp() - start;
                }
            }
        }

        for (var r = 0; r < rules.Count; r++)
        {
            own[r] = pass == 0 ? ticks[r] : Math.Min(own[r], ticks[r]);
        }
    }

    foreach (var r in Enumerable.Range(0, rules.Count).OrderByDescending(r => own[r]).Take(15))
    {
        Console.WriteLine($"  {rules[r].Id + " " + rules[r].Title,-50} {own[r] * 1000.0 / Stopwatch.Frequency,6:F1} ms (own work, from the keyword pass)");
    }

    sw.Restart();
    foreach (var t in texts)
    {
        RuleSet.Default.Scan(t);
    }

    Console.WriteLine($"  {"(whole rule set, decoded text)",-50} {sw.ElapsedMilliseconds,6} ms");
}
