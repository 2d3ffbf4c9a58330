using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecretGuard.Detection;
using SecretGuard.Detection.KeyStores;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Detection.KeyStores;

/// <summary>SG1011 on real key stores (see Fixtures/README.md): stores with keys found, trust stores not.</summary>
[TestClass]
public sealed class KeyStoreInspectorTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Detection", "Fixtures", name));

    private static KeyStoreInspection Inspect(byte[] data)
    {
        Assert.IsTrue(KeyStoreFileRule.LooksLikeKeyStore(data), "recognised by its first bytes");
        return KeyStoreFileRule.Inspect(data);
    }

    private static List<Finding> Scan(string path, byte[] content) =>
        new FileScanner(RuleSet.Default).Scan(path, content.Length, new MemoryStream(content), 0, "sha256:x").Findings.ToList();

    private static byte[] DotNetPfx(string password)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=app", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        return certificate.Export(X509ContentType.Pfx, password);
    }

    [TestMethod]
    [DataRow("keytool-strong.p12")]
    [DataRow("openssl-strong.p12")]
    public void Pkcs12_with_a_strong_password_shows_its_shrouded_key_bag_without_it(string fixture)
    {
        var inspection = Inspect(Fixture(fixture));

        Assert.AreEqual(1, inspection.Keys);
        Assert.IsNull(inspection.WeakPassword);
        Assert.AreEqual(Confidence.High, inspection.Confidence);
        Assert.AreEqual("PKCS#12 key store holding 1 key", inspection.Describe());
    }

    [TestMethod]
    public void Pkcs12_exported_by_dotnet_holds_its_key()
    {
        var inspection = Inspect(DotNetPfx("Tq4!rWz9#kLm"));

        Assert.IsTrue(inspection.HoldsKey);
        Assert.AreEqual(Confidence.High, inspection.Confidence);
        Assert.IsNull(inspection.WeakPassword);
    }

    [TestMethod]
    [DataRow("openssl-empty.p12", "empty")]
    public void Pkcs12_with_an_empty_password_says_so(string fixture, string weakness)
    {
        var inspection = Inspect(Fixture(fixture));

        Assert.IsTrue(inspection.HoldsKey);
        Assert.AreEqual(weakness, inspection.WeakPassword);
        StringAssert.Contains(inspection.Describe(), "its password is empty, so anyone can use the key");
    }

    [TestMethod]
    public void Pkcs12_with_a_default_password_says_so_without_naming_it()
    {
        var inspection = Inspect(DotNetPfx("changeit"));

        Assert.AreEqual("a common default", inspection.WeakPassword);
        Assert.DoesNotContain("changeit", inspection.Describe());
    }

    [TestMethod]
    public void Pkcs12_with_an_unencrypted_key_bag_is_found()
    {
        var inspection = Inspect(Fixture("openssl-plain-keybag.p12"));

        Assert.AreEqual(1, inspection.Keys);
        Assert.AreEqual(Confidence.High, inspection.Confidence);
    }

    [TestMethod]
    public void Pkcs12_trust_store_that_opens_with_a_default_password_is_not_a_finding()
    {
        var inspection = Inspect(Fixture("keytool-trust.p12"));

        Assert.IsFalse(inspection.IsFinding, inspection.Describe());
    }

    [TestMethod]
    public void Pkcs12_whose_every_part_is_encrypted_with_an_unknown_password_may_hold_a_key_a_warning()
    {
        var inspection = Inspect(Fixture("openssl-certs-only.p12"));

        Assert.IsFalse(inspection.HoldsKey);
        Assert.IsTrue(inspection.IsFinding);
        Assert.AreEqual(Confidence.Medium, inspection.Confidence);
        Assert.AreEqual("PKCS#12 key store whose encrypted contents may hold a private key", inspection.Describe());
    }

    [TestMethod]
    public void Truncated_pkcs12_is_reported_as_unreadable_not_passed()
    {
        var data = Fixture("openssl-strong.p12")[..600];

        var inspection = Inspect(data);

        Assert.IsNotNull(inspection.Problem);
        Assert.IsTrue(inspection.IsFinding);
        Assert.AreEqual(Confidence.High, inspection.Confidence, "a store nobody could read fails the build");
        StringAssert.Contains(inspection.Describe(), "could not be read");
    }

    [TestMethod]
    [DataRow("keytool-changeit.jks", "Java KeyStore (JKS)", "a common default")]
    [DataRow("keytool-strong.jks", "Java KeyStore (JKS)", null)]
    [DataRow("keytool-secret.jceks", "JCEKS key store", null)]
    public void Java_key_stores_with_a_private_or_secret_key_are_found(string fixture, string format, string? weakness)
    {
        var inspection = Inspect(Fixture(fixture));

        Assert.AreEqual(format, inspection.Format);
        Assert.AreEqual(1, inspection.Keys);
        Assert.AreEqual(weakness, inspection.WeakPassword);
        Assert.AreEqual(Confidence.High, inspection.Confidence);
    }

    [TestMethod]
    [DataRow("keytool-trust.jks")]
    [DataRow("keytool-trust.jceks")]
    public void Java_trust_stores_are_not_findings(string fixture)
    {
        Assert.IsFalse(Inspect(Fixture(fixture)).IsFinding);
    }

    [TestMethod]
    public void The_jdk_cacerts_on_this_machine_is_a_trust_store_not_a_finding()
    {
        var cacerts = new[] { "/etc/ssl/certs/java/cacerts" }.Concat(Directory.Exists("/usr/lib/jvm") ? Directory.GetDirectories("/usr/lib/jvm").Select(d => Path.Combine(d, "lib/security/cacerts")) : [])
            .Where(File.Exists).ToList();
        if (cacerts.Count == 0)
        {
            Assert.Inconclusive("no JDK on this machine");
        }

        foreach (var path in cacerts)
        {
            var inspection = Inspect(File.ReadAllBytes(path));
            Assert.IsNull(inspection.Problem, path);
            Assert.IsFalse(inspection.IsFinding, path);
        }
    }

    [TestMethod]
    public void Truncated_jks_is_reported_as_unreadable()
    {
        var inspection = Inspect(Fixture("keytool-strong.jks")[..100]);

        Assert.AreEqual("the store ends inside an entry", inspection.Problem);
        Assert.AreEqual(Confidence.High, inspection.Confidence, "a store nobody could read fails the build");
    }

    [TestMethod]
    public void A_public_der_certificate_does_not_look_like_a_key_store()
    {
        Assert.IsFalse(KeyStoreFileRule.LooksLikeKeyStore(Fixture("certificate.der")));
        Assert.IsEmpty(Scan("/app/certs/ca.p12", Fixture("certificate.der")));
    }

    [TestMethod]
    public void A_key_store_is_found_by_its_content_whatever_its_name()
    {
        var finding = Scan("/app/config/signing", Fixture("keytool-strong.jks")).Single();

        Assert.AreEqual("SG1011", finding.RuleId);
        Assert.AreEqual("Java KeyStore (JKS) holding 1 key", finding.Label);
        Assert.AreEqual(Confidence.High, finding.Confidence);
        Assert.AreEqual("(506 bytes)", finding.Redacted);
    }

    [TestMethod]
    public void Copies_of_one_store_share_a_secret_key_and_different_stores_do_not()
    {
        var a = Scan("/app/a.p12", Fixture("keytool-strong.p12")).Single();
        var b = Scan("/app/b/a.p12", Fixture("keytool-strong.p12")).Single();
        var c = Scan("/app/c.p12", Fixture("openssl-strong.p12")).Single();

        Assert.AreEqual(a.SecretKey, b.SecretKey);
        Assert.AreNotEqual(a.SecretKey, c.SecretKey);
        Assert.AreNotEqual(a.Fingerprint, b.Fingerprint);
    }

    [TestMethod]
    public void A_file_that_only_starts_like_a_key_store_and_is_not_named_like_one_is_scanned_as_any_file()
    {
        // SEQUENCE { INTEGER 3 } and then text with a credential: not a store, but still a file to read.
        var content = new byte[] { 0x30, 0x03, 0x02, 0x01, 0x03 }.Concat(System.Text.Encoding.ASCII.GetBytes("\npassword = \"Xk9#vL2$qW8!zR4\"\n")).ToArray();

        Assert.IsEmpty(Scan("/app/data.bin", content).Where(f => f.RuleId == "SG1011").ToList());
        Assert.IsNotEmpty(Scan("/app/data.bin", content).Where(f => f.RuleId == "SG1010").ToList());
        Assert.AreEqual("SG1011", Scan("/app/data.p12", content).Single().RuleId);
    }

    [TestMethod]
    public void A_store_asking_for_millions_of_iterations_is_not_tried_with_passwords()
    {
        // The same store with its MAC's iteration count raised from 2,048 to 5,000,000 (re-encoded).
        var original = Fixture("openssl-empty.p12");
        var pfx = new System.Formats.Asn1.AsnReader(original, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        var version = pfx.ReadEncodedValue();
        var authSafe = pfx.ReadEncodedValue();
        var mac = pfx.ReadSequence();
        var digest = mac.ReadEncodedValue();
        var salt = mac.ReadEncodedValue();
        Assert.AreEqual(2048, (int)mac.ReadInteger());
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(version.Span);
            writer.WriteEncodedValue(authSafe.Span);
            using (writer.PushSequence())
            {
                writer.WriteEncodedValue(digest.Span);
                writer.WriteEncodedValue(salt.Span);
                writer.WriteInteger(5_000_000);
            }
        }

        var crafted = writer.Encode();

        Assert.AreEqual(2048, Pkcs12Inspector.IterationsToTry(original));
        Assert.AreEqual(5_000_000, Pkcs12Inspector.IterationsToTry(crafted));
        var inspection = Inspect(crafted);
        Assert.AreEqual(1, inspection.Keys, "the key bag is still seen");
        Assert.IsNull(inspection.WeakPassword, "no password is tried at that cost");
    }

    [TestMethod]
    public void Damaged_key_stores_never_throw_out_of_the_scanner()
    {
        // Bytes flipped, cut and appended in every fixture: a finding or nothing, never an exception.
        var random = new Random(3);
        foreach (var name in new[] { "keytool-strong.p12", "openssl-strong.p12", "openssl-empty.p12", "openssl-plain-keybag.p12", "keytool-strong.jks", "keytool-secret.jceks", "keytool-trust.jks" })
        {
            var original = Fixture(name);
            for (var round = 0; round < 24; round++)
            {
                var damaged = (byte[])original.Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    damaged[random.Next(8, damaged.Length)] ^= (byte)random.Next(1, 256);
                }

                if (round % 3 == 1)
                {
                    damaged = damaged[..random.Next(16, damaged.Length)];
                }
                else if (round % 3 == 2)
                {
                    damaged = [.. damaged, .. new byte[random.Next(1, 64)]];
                }

                var findings = Scan("/app/" + name, damaged);
                Assert.IsTrue(findings.All(f => f.RuleId == "SG1011"), $"{name} round {round}");
            }
        }
    }
}
