using System.Text;

namespace SecretGuard.Tests.Detection;

/// <summary>Credentials recognised by the structure of the file around them, not by a prefix.</summary>
[TestClass]
public sealed class StructuredCredentialRulesTests
{
    /// <summary>The rules tested here rather than in <see cref="PrefixedTokenRulesTests"/>.</summary>
    public static readonly string[] Rules = ["SG1057", "SG1058", "SG1059", "SG1060"];

    private static string Ppk(string encryption) =>
        "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: " + encryption + "\nComment: deploy@ci\nPublic-Lines: 2\n"
        + TestSecrets.Random(64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 301) + "\n" + TestSecrets.Random(4, seed: 302) + "\n"
        + "Private-Lines: 1\n" + TestSecrets.Random(44, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 303) + "\n"
        + "Private-MAC: " + TestSecrets.Random(64, "0123456789abcdef", 304) + "\n";

    [TestMethod]
    public void Finds_a_PuTTY_private_key_plain_or_encrypted()
    {
        foreach (var encryption in new[] { "none", "aes256-cbc" })
        {
            var hits = SecretGuard.Detection.RuleSet.Default.Scan(Ppk(encryption));
            Assert.AreEqual("SG1057", hits.Single().Rule.Id, encryption);
        }
    }

    [TestMethod]
    public void A_PuTTY_public_key_or_a_mention_is_not_a_finding()
    {
        RuleAssert.Clean("---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"deploy\"\n" + TestSecrets.Random(64) + "\n---- END SSH2 PUBLIC KEY ----\n");
        RuleAssert.Clean("Convert PuTTY-User-Key-File-3: files with puttygen; see Private-Lines: in the docs.");
    }

    private static string DockerConfig(string auth) => "{\n  \"auths\": {\n    \"registry.example.test\": {\n      \"auth\": \"" + auth + "\"\n    }\n  }\n}\n";

    private static string Base64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    [TestMethod]
    public void Finds_registry_credentials_in_a_docker_config()
    {
        var auth = Base64("deploy:" + TestSecrets.Random(20, seed: 305));
        RuleAssert.Finds("SG1059", DockerConfig(auth), auth);
        var token = Base64("oauth2accesstoken:" + TestSecrets.Random(40, seed: 306));
        RuleAssert.Finds("SG1059", DockerConfig(token), token);
    }

    [TestMethod]
    public void Near_misses_base64_without_a_password_and_an_auth_field_outside_a_docker_config()
    {
        Assert.IsFalse(SecretGuard.Detection.RuleSet.Default.Scan(DockerConfig(Base64("no-colon-here"))).Any(h => h.Rule.Id == "SG1059"));
        Assert.IsFalse(SecretGuard.Detection.RuleSet.Default.Scan(DockerConfig(Base64("user:"))).Any(h => h.Rule.Id == "SG1059"));
        Assert.IsFalse(SecretGuard.Detection.RuleSet.Default.Scan("{ \"auth\": \"" + Base64("user:" + TestSecrets.Random(12)) + "\" }").Any(h => h.Rule.Id == "SG1059"), "no auths section: not a docker config");
    }

    [TestMethod]
    public void Finds_the_password_of_a_netrc_entry_on_one_line_or_several()
    {
        var password = TestSecrets.Random(16, seed: 307);
        RuleAssert.Finds("SG1060", "machine api.example.test\n  login deploy\n  password " + password + "\n", password);
        RuleAssert.Finds("SG1060", "default\nmachine git.example.test login ci password " + password, password);
    }

    [TestMethod]
    public void A_netrc_with_a_placeholder_or_prose_is_not_a_finding()
    {
        RuleAssert.Clean("machine api.example.test login deploy password ${NETRC_PASSWORD}\n");
        RuleAssert.Clean("machine example.com\nlogin daniel\npassword qwerty\n");
        RuleAssert.Clean("machine imap2 login bob password bobwillknow\n");
        RuleAssert.Clean("The machine learning login page asks for a password each time.");
    }

    [TestMethod]
    public void Finds_the_signature_of_an_Azure_SAS_url()
    {
        var sig = TestSecrets.Random(43, seed: 308) + "%3D";
        var url = "https://contoso.blob.core" + ".windows.net/backups?sp=r&st=2024-01-01T00:00:00Z&se=2030-01-01T00:00:00Z&spr=https&sv=2022-11-02&sr=c&sig=" + sig;
        RuleAssert.Finds("SG1058", "\"BackupUrl\": \"" + url + "\"", sig);
        RuleAssert.Finds("SG1058", "BACKUP_SAS=?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01&sig=" + sig + "\n", sig);
    }

    [TestMethod]
    public void A_SAS_placeholder_or_a_sig_without_a_version_is_not_a_finding()
    {
        RuleAssert.Clean("https://contoso.blob.core.windows.net/backups?sv=2022-11-02&sig=<signature>");
        Assert.IsFalse(SecretGuard.Detection.RuleSet.Default.Scan("https://cdn.example.test/file?sig=" + TestSecrets.Random(43)).Any(h => h.Rule.Id == "SG1058"), "sig= alone is any signed URL");
    }
}
