using System.Diagnostics;
using SecretGuard.Detection;
using SecretGuard.ImageReading.Registry;
using SecretGuard.Scanning;

/// <summary>Cold and warm (cached) cost of the gate's check of a base image in a registry.</summary>
internal static class BaseImageBenchmark
{
    public static void Run(string image)
    {
        var reference = ImageReference.Parse(image);
        var cacheDir = Path.Combine(Path.GetTempPath(), "sg-bench-cache-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var cold = new List<long>();
            var warm = new List<long>();
            ScanCoverage? stats = null;
            var findings = 0;
            for (var i = 0; i < 3; i++)
            {
                if (Directory.Exists(cacheDir))
                {
                    Directory.Delete(cacheDir, recursive: true);
                }

                (stats, findings, var ms) = Once(reference, cacheDir);
                cold.Add(ms);
                warm.Add(Once(reference, cacheDir).Milliseconds);
            }

            Console.WriteLine($"base image: {image}: {stats!.Layers} layers, {stats.Files} files, {stats.Bytes / 1e6:F1} MB uncompressed, findings: {findings}");
            Console.WriteLine($"cold (download from loopback registry, decompress, scan): median {Median(cold)} ms ({string.Join(", ", cold)})");
            Console.WriteLine($"warm (layer results from the cache):                     median {Median(warm)} ms ({string.Join(", ", warm)})");
        }
        finally
        {
            if (Directory.Exists(cacheDir))
            {
                Directory.Delete(cacheDir, recursive: true);
            }
        }
    }

    private static (ScanCoverage Stats, int Findings, long Milliseconds) Once(ImageReference reference, string cacheDir)
    {
        var sw = Stopwatch.StartNew();
        using var client = new RegistryClient(reference.Registry, RegistryCredentials.FromMachine());
        var images = new RegistryImageSource(client, []).Resolve(reference, [Platform.FromRuntimeIdentifier("linux-x64")]);
        var (findings, stats) = new BaseImageScanner(RuleSet.Default, new FileScanner(RuleSet.Default), new LayerResultCache(cacheDir)).Scan(reference.ToString(), images, [], []);
        return (stats, findings.Count, sw.ElapsedMilliseconds);
    }

    private static long Median(List<long> values) => values.Order().ElementAt(values.Count / 2);
}
