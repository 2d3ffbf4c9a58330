using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecretGuard.Detection;
using SecretGuard.Detection.KeyStores;
using SecretGuard.Scanning;

namespace SecretGuard.Tests.Detection.KeyStores;

/// <summary>Key stores written to break the reader or to make password tries expensive: bounded outcomes, within seconds.</summary>
[TestClass]
public sealed class HostileKeyStoreTests
{
    private static T Bounded<T>(Func<T> work)
    {
        var task = Task.Run(work);
        Assert.AreEqual(0, Task.WaitAny([task], TimeSpan.FromSeconds(20)), "the key store was not read to an end");
        return task.GetAwaiter().GetResult();
    }

    /// <summary>A DER header for <paramref name="length"/> bytes of content (long form up to three length bytes).</summary>
    private static byte[] Header(byte tag, int length) => length switch
    {
        < 0x80 => [tag, (byte)length],
        < 0x100 => [tag, 0x81, (byte)length],
        < 0x10000 => [tag, 0x82, (byte)(length >> 8), (byte)length],
        _ => [tag, 0x83, (byte)(length >> 16), (byte)(length >> 8), (byte)length],
    };

    private static byte[] Tlv(byte tag, byte[] content) => [.. Header(tag, content.Length), .. content];

    /// <summary>A PFX whose authenticated safe's data is a constructed OCTET STRING nested <paramref name="depth"/> deep.</summary>
    private static byte[] DeeplySegmentedPfx(int depth)
    {
        // Built from the inside out, back to front in one buffer: concatenating level by level would be quadratic.
        var buffer = new byte[(depth * 5) + 16];
        var start = buffer.Length;
        byte[] innermost = [0x04, 0x01, 0x00];
        start -= innermost.Length;
        innermost.CopyTo(buffer, start);
        for (var level = 0; level < depth; level++)
        {
            var header = Header(Der.ConstructedOctetString, buffer.Length - start);
            start -= header.Length;
            header.CopyTo(buffer, start);
        }

        var nested = buffer[start..];
        byte[] pkcs7Data = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01];
        var authSafe = Tlv(Der.Sequence, [.. pkcs7Data, .. Tlv(Der.ContextZero, nested)]);
        return Tlv(Der.Sequence, [0x02, 0x01, 0x03, .. authSafe]);
    }

    [TestMethod]
    public void A_pkcs12_whose_content_is_an_octet_string_nested_three_hundred_thousand_deep_is_unreadable_not_a_crash()
    {
        var pfx = DeeplySegmentedPfx(300_000);
        Assert.IsTrue(KeyStoreFileRule.LooksLikeKeyStore(pfx));
        var inspection = Bounded(() => KeyStoreFileRule.Inspect(pfx));
        StringAssert.Contains(inspection.Problem, "segmented more than");

        var finding = Bounded(() => new FileScanner(RuleSet.Default).Scan("/app/certs/api.pfx", pfx.Length, new MemoryStream(pfx), 0, "sha256:x").Findings.ToList()).Single();
        Assert.AreEqual("SG1011", finding.RuleId);
        StringAssert.Contains(finding.Label, "could not be read");
    }

    [TestMethod]
    public void An_octet_string_segmented_once_is_still_joined()
    {
        byte[] segmented = [.. Tlv(Der.OctetString, [1, 2]), .. Tlv(Der.ConstructedOctetString, Tlv(Der.OctetString, [3])), .. Tlv(Der.OctetString, [4])];
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 4 }, Der.OctetStringValue(Der.ConstructedOctetString, segmented).ToArray());
    }

    private static byte[] Pfx(int iterations, string password)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=app", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        return certificate.ExportPkcs12(new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, iterations), password);
    }

    [TestMethod]
    public void Hundreds_of_pkcs12_stores_with_100000_iterations_are_reported_without_trying_passwords()
    {
        var store = Pfx(100_000, "x9-Strong!pass");
        Assert.AreEqual(100_000, Pkcs12Inspector.IterationsToTry(store));
        var scanner = new FileScanner(RuleSet.Default);
        var watch = Stopwatch.StartNew();
        var findings = Bounded(() => Enumerable.Range(0, 300).SelectMany(i => scanner.Scan($"/app/certs/{i}.p12", store.Length, new MemoryStream(store), 0, "sha256:x").Findings).ToList());
        Assert.IsLessThan(TimeSpan.FromSeconds(5), watch.Elapsed);
        Assert.HasCount(300, findings);
        Assert.IsTrue(findings.All(f => f.RuleId == "SG1011" && f.Label.Contains("not opened with well-known passwords", StringComparison.Ordinal)), findings[0].Label);
    }

    [TestMethod]
    public void Password_tries_share_one_budget_across_stores_and_stores_past_it_say_they_were_not_opened()
    {
        var weak = Pfx(10_000, "changeit");
        var budget = new KeyDerivationBudget(Pkcs12Inspector.MaxIterationsPerStore * 2L);
        var first = KeyStoreFileRule.Inspect(weak, budget);
        Assert.AreEqual("a common default", first.WeakPassword, "changeit is the second password tried");

        var strong = Pfx(10_000, "x9-Strong!pass");
        var watch = Stopwatch.StartNew();
        var later = Enumerable.Range(0, 100).Select(_ => KeyStoreFileRule.Inspect(strong, budget)).ToList();
        Assert.IsLessThan(TimeSpan.FromSeconds(10), watch.Elapsed);
        var last = later[^1];
        Assert.IsTrue(last.HoldsKey && last.IsFinding);
        StringAssert.Contains(last.Describe(), "the check's budget for trying passwords on key stores was spent");
        Assert.AreEqual(0, budget.Left);
    }

    [TestMethod]
    public void A_store_with_a_costlier_derivation_gets_fewer_tries_and_says_so()
    {
        var inspection = KeyStoreFileRule.Inspect(Pfx(19_000, "x9-Strong!pass"), new KeyDerivationBudget(long.MaxValue));
        StringAssert.Contains(inspection.Describe(), "most common of 20 well-known passwords were tried");
    }

    /// <summary>A JKS with one private key entry whose encrypted key is <paramref name="keyBytes"/> long, and a digest that matches no password.</summary>
    private static byte[] Jks(int keyBytes, uint count = 1)
    {
        var data = new byte[4 + 4 + 4 + 4 + 2 + 3 + 8 + 4 + keyBytes + 4 + 20];
        var span = data.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, 0xFEEDFEED);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], 2);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], count);
        BinaryPrimitives.WriteUInt32BigEndian(span[12..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(span[16..], 3);
        "app"u8.CopyTo(span[18..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[29..], (uint)keyBytes);
        return data;
    }

    [TestMethod]
    public void A_jks_claiming_four_billion_entries_ends_at_its_data()
    {
        var inspection = Bounded(() => KeyStoreFileRule.Inspect(Jks(16, uint.MaxValue)));
        StringAssert.Contains(inspection.Problem, "ends inside an entry");
    }

    [TestMethod]
    public void Hundreds_of_large_jks_stores_are_hashed_within_the_budget()
    {
        var large = Jks((4 << 20) - 64);
        Assert.AreEqual(1, KeyStoreFileRule.Inspect(large).Keys);
        var budget = KeyDerivationBudget.ForOneCheck();
        var watch = Stopwatch.StartNew();
        var inspections = Bounded(() => Enumerable.Range(0, 200).Select(_ => KeyStoreFileRule.Inspect(large, budget)).ToList());
        Assert.IsLessThan(TimeSpan.FromSeconds(10), watch.Elapsed);
        Assert.IsTrue(inspections.All(i => i.HoldsKey && i.PasswordsNotTried is not null));
        StringAssert.Contains(inspections[^1].Describe(), "was spent");
    }
}
