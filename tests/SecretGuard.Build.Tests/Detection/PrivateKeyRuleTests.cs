using SecretGuard.Findings;

namespace SecretGuard.Tests.Detection;

[TestClass]
public sealed class PrivateKeyRuleTests
{
    [TestMethod]
    public void Finds_rsa_key_in_a_key_file()
    {
        var key = TestSecrets.PemPrivateKey();
        RuleAssert.Finds("SG1001", "# deploy key\n" + key + "\n", key);
    }

    [TestMethod]
    public void Finds_pkcs8_key_escaped_inside_json()
    {
        var key = TestSecrets.PemPkcs8PrivateKey().Replace("\n", "\\n");
        RuleAssert.Finds("SG1001", "{\"type\": \"service_account\", \"private_key\": \"" + key + "\\n\"}", key);
    }

    [TestMethod]
    public void Public_certificate_is_not_a_finding() => RuleAssert.Clean(TestSecrets.PemCertificate());

    [TestMethod]
    public void Header_without_a_body_in_documentation_is_not_a_finding() =>
        RuleAssert.Clean("Paste your key here:\n-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n");

    [TestMethod]
    public void Public_key_is_not_a_finding()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        RuleAssert.Clean(rsa.ExportSubjectPublicKeyInfoPem());
    }

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Detection", "Fixtures", name));

    private static SecretGuard.Detection.SecretMatch FindKey(string text) =>
        SecretGuard.Detection.RuleSet.Default.Scan(text).Single(h => h.Rule.Id == "SG1001").Match;

    [TestMethod]
    [DataRow("openssl-pkcs8-encrypted.pem")]
    [DataRow("openssl-legacy-encrypted.pem")]
    [DataRow("openssh-encrypted")]
    public void Encrypted_keys_are_found_with_medium_confidence(string fixture)
    {
        var match = FindKey(Fixture(fixture));

        Assert.AreEqual(Confidence.Medium, match.Confidence);
        StringAssert.StartsWith(match.Label, "encrypted PEM private key");
    }

    [TestMethod]
    public void Encrypted_openssh_key_inside_a_json_string_is_still_seen_as_encrypted()
    {
        var json = "{\"deployKey\": \"" + Fixture("openssh-encrypted").TrimEnd().Replace("\n", "\\n") + "\"}";

        Assert.AreEqual(Confidence.Medium, FindKey(json).Confidence);
    }

    [TestMethod]
    public void Unencrypted_openssh_key_keeps_the_rules_high_confidence()
    {
        var match = FindKey(Fixture("openssh-plain"));

        Assert.IsNull(match.Confidence);
        Assert.AreEqual("PEM private key", match.Label);
    }
}
