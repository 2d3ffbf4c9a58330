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
}
