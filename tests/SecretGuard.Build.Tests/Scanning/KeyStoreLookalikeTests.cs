using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.Findings;
using SecretGuard.Scanning;

namespace SecretGuard.Tests.Scanning;

/// <summary>
/// Files that begin like a key store: read as one when they are one, as any other file when they are not,
/// and never passed over (a key store nobody could read is an error; a look-alike is still read whole).
/// </summary>
[TestClass]
public sealed class KeyStoreLookalikeTests
{
    /// <summary>The first bytes of a PKCS#12 store (a DER SEQUENCE, then version 3), then text holding a token past the 4 MB a key store is read to.</summary>
    private static byte[] LookalikeWithTokenAfter(string token, int size = 5 << 20)
    {
        var content = new byte[size];
        byte[] head = [0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x03];
        head.CopyTo(content, 0);
        Array.Fill(content, (byte)'x', head.Length, size - head.Length);
        var line = Encoding.ASCII.GetBytes($"\nGITHUB_TOKEN={token}\n");
        line.CopyTo(content, size - line.Length - 1024);
        return content;
    }

    private static List<Finding> Scan(string path, byte[] content, bool sizeKnown) =>
        [.. new FileScanner(RuleSet.Default).Scan(path, sizeKnown ? content.Length : -1, new MemoryStream(content), 0, "sha256:x").Findings];

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void A_large_file_that_only_begins_like_a_key_store_is_read_from_its_start(bool sizeKnown)
    {
        var token = TestSecrets.GitHubToken(seed: 11);
        var content = LookalikeWithTokenAfter(token);
        Assert.IsTrue(KeyStoreFileRule.LooksLikeKeyStore(content));

        var findings = Scan("/app/data/blob.bin", content, sizeKnown);

        Assert.AreEqual("SG1004", findings.Single().RuleId, "the token after the key-store-like head is found, and nothing else is reported");
    }

    [TestMethod]
    public void A_small_file_that_only_begins_like_a_key_store_is_read_as_any_other_file()
    {
        var content = LookalikeWithTokenAfter(TestSecrets.GitHubToken(seed: 12), size: 64 * 1024);
        Assert.AreEqual("SG1004", Scan("/app/data/blob.bin", content, sizeKnown: true).Single().RuleId);
    }

    [TestMethod]
    [DataRow("/app/config.env")]
    [DataRow("/app/certs/store.jks")]
    public void Text_behind_an_empty_key_store_header_is_still_read(string path)
    {
        // A JKS header (magic, version 2) claiming no entries, then text, then a 20-byte digest.
        byte[] header = [0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2, 0, 0, 0, 0];
        var content = header.Concat(Encoding.ASCII.GetBytes($"\nGITHUB_TOKEN={TestSecrets.GitHubToken(seed: 15)}\n")).Concat(new byte[20]).ToArray();
        Assert.IsTrue(KeyStoreFileRule.LooksLikeKeyStore(content));

        Assert.AreEqual("SG1004", Scan(path, content, sizeKnown: true).Single().RuleId);
    }

    [TestMethod]
    public void Bytes_after_a_key_store_that_holds_no_key_are_still_read()
    {
        // A PKCS#12 outline holding no bag (version 3, a data safe of an empty SEQUENCE), then a token line.
        byte[] pfx = [0x30, 0x16, 0x02, 0x01, 0x03, 0x30, 0x11, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01, 0xA0, 0x04, 0x04, 0x02, 0x30, 0x00];
        var content = pfx.Concat(Encoding.ASCII.GetBytes($"\nGITHUB_TOKEN={TestSecrets.GitHubToken(seed: 16)}\n")).ToArray();
        Assert.IsTrue(KeyStoreFileRule.LooksLikeKeyStore(content));

        Assert.IsNull(KeyStoreFileRule.Inspect(pfx).Problem, "the outline itself reads as a store without keys");
        Assert.AreEqual("SG1004", Scan("/app/appsettings.json", content, sizeKnown: true).Single().RuleId);
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void A_key_store_too_large_to_read_is_an_error_not_a_warning(bool sizeKnown)
    {
        var finding = Scan("/app/certs/api.pfx", LookalikeWithTokenAfter(TestSecrets.GitHubToken(seed: 13)), sizeKnown).Single();
        Assert.AreEqual(("SG1011", Confidence.High), (finding.RuleId, finding.Confidence));
        StringAssert.Contains(finding.Label, "could not be read");
    }

    [TestMethod]
    public void A_truncated_key_store_is_an_error_not_a_warning()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=app", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        var pfx = certificate.Export(X509ContentType.Pfx, "a-password-nobody-guesses-" + TestSecrets.Random(12, seed: 14));
        var truncated = pfx[..(pfx.Length / 2)];

        var finding = Scan("/app/certs/api.pfx", truncated, sizeKnown: true).Single();

        Assert.AreEqual(("SG1011", Confidence.High), (finding.RuleId, finding.Confidence));
        StringAssert.Contains(finding.Label, "could not be read");
    }
}
