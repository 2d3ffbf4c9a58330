using SecretGuard.Reporting;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Reporting;

[TestClass]
public sealed class BaselineTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "sg-baseline-" + Guid.NewGuid().ToString("N") + ".json");

    [TestCleanup]
    public void Cleanup() => File.Delete(_path);

    [TestMethod]
    public void Written_entries_load_as_suppressions_at_their_lines()
    {
        var a = Fingerprints.Compute("SG1010", new EnvLocation("DB_PASSWORD"), Fingerprints.HashSecret("Sup3rS3cret!"));
        var b = Fingerprints.Compute("SG1008", new LayerFileLocation(1, "", "/app/a.json", 1, 1), Fingerprints.HashSecret("k8Ds93jdQ"));
        Baseline.Write(_path, [new BaselineEntry(b, "SG1008", "file:/app/a.json"), new BaselineEntry(a, "SG1010", "env:DB_PASSWORD"), new BaselineEntry(a, "SG1010", "env:DB_PASSWORD")]);

        var text = File.ReadAllText(_path);
        Assert.IsFalse(text.Contains("Sup3rS3cret", StringComparison.Ordinal) || text.Contains("k8Ds", StringComparison.Ordinal));
        var loaded = Baseline.Load(_path);
        CollectionAssert.AreEqual(new[] { b, a }, loaded.Select(s => s.Include).ToList(), "sorted by rule, one entry per fingerprint");
        Assert.AreEqual((_path, 4), (loaded[0].DefinedAt!.File, loaded[0].DefinedAt!.Line));
    }

    [TestMethod]
    public void A_corrupt_baseline_is_an_error_naming_the_file()
    {
        File.WriteAllText(_path, "{ \"findings\": [ ");
        var ex = Assert.Throws<InvalidDataException>(() => Baseline.Load(_path));
        StringAssert.Contains(ex.Message, _path);
    }

    [TestMethod]
    public void Entries_joined_on_one_line_or_in_upper_case_are_all_read()
    {
        var a = Fingerprints.Compute("SG1010", new EnvLocation("DB_PASSWORD"), Fingerprints.HashSecret("Sup3rS3cret!"));
        var b = Fingerprints.Compute("SG1008", new LayerFileLocation(1, "", "/app/a.json", 1, 1), Fingerprints.HashSecret("k8Ds93jdQ"));
        File.WriteAllText(_path, "{\"version\":1,\"findings\":[{\"fingerprint\":\"" + a.ToUpperInvariant() + "\",\"rule\":\"SG1010\",\"expires\":\"2030-01-31\"},{\"fingerprint\":\"" + b + "\",\"rule\":\"SG1008\"}]}\n");

        var loaded = Baseline.Load(_path);

        CollectionAssert.AreEquivalent(new[] { a, b }, loaded.Select(s => s.Include).ToList());
        Assert.AreEqual(new DateOnly(2030, 1, 31), loaded.Single(s => s.Include == a).Expires, "the expiry of an upper-case entry is read too");
        Assert.IsTrue(loaded.All(s => s.DefinedAt!.Line == 1));
    }
}
