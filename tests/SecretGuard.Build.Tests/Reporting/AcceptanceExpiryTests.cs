using SecretGuard.Reporting;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Reporting;

[TestClass]
public sealed class AcceptanceExpiryTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "sg-baseline-expiry-" + Guid.NewGuid().ToString("N") + ".json");

    [TestCleanup]
    public void Cleanup() => File.Delete(_path);

    [TestMethod]
    public void Only_real_iso_dates_parse_and_empty_is_no_end()
    {
        Assert.IsTrue(AcceptanceExpiry.TryParse("2027-01-31", out var date));
        Assert.AreEqual(new DateOnly(2027, 1, 31), date);
        Assert.IsTrue(AcceptanceExpiry.TryParse(" ", out var none));
        Assert.IsNull(none);
        foreach (var bad in new[] { "2027-02-29", "2027-13-01", "31.01.2027", "01/31/2027", "2027-01-31T00:00", "20270131" })
        {
            Assert.IsFalse(AcceptanceExpiry.TryParse(bad, out _), bad);
        }
    }

    [TestMethod]
    public void An_acceptance_holds_through_its_last_day_only()
    {
        var s = new Suppression("SG1010", "ok", null, Expires: new DateOnly(2027, 1, 31));
        Assert.IsFalse(s.HasExpired(new DateOnly(2027, 1, 31)));
        Assert.IsTrue(s.HasExpired(new DateOnly(2027, 2, 1)));
        Assert.IsFalse(new Suppression("SG1010", "ok", null).HasExpired(DateOnly.MaxValue));
    }

    [TestMethod]
    public void Baseline_entries_keep_their_expires_when_written_anew()
    {
        var a = Fingerprints.Compute("SG1010", new EnvLocation("DB_PASSWORD"), Fingerprints.HashSecret("Sup3rS3cret!"));
        var b = Fingerprints.Compute("SG1010", new EnvLocation("API_PASSWORD"), Fingerprints.HashSecret("An0therS3cret!"));
        Baseline.Write(_path, [new BaselineEntry(a, "SG1010", "env:DB_PASSWORD", new DateOnly(2027, 1, 31)), new BaselineEntry(b, "SG1010", "env:API_PASSWORD")]);
        StringAssert.Contains(File.ReadAllText(_path), "\"expires\": \"2027-01-31\"");

        // -p:SecretGuardUpdateBaseline=true writes the entries found, which carry no date: the team's date stays.
        Baseline.Write(_path, [new BaselineEntry(a, "SG1010", "env:DB_PASSWORD"), new BaselineEntry(b, "SG1010", "env:API_PASSWORD")]);
        var loaded = Baseline.Load(_path).ToDictionary(s => s.Include, s => s.Expires);
        Assert.AreEqual(new DateOnly(2027, 1, 31), loaded[a]);
        Assert.IsNull(loaded[b]);
    }

    [TestMethod]
    public void A_baseline_expires_that_is_not_a_date_names_its_line()
    {
        File.WriteAllText(_path, "{\n  \"findings\": [\n    { \"fingerprint\": \"sg1:00000000000000000000\", \"expires\": 20270131 }\n  ]\n}\n");
        var ex = Assert.Throws<InvalidBaselineEntryException>(() => Baseline.Load(_path));
        Assert.AreEqual((_path, 3), (ex.At.File, ex.At.Line));
        StringAssert.Contains(ex.Message, "20270131");
    }
}
