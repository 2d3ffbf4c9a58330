using System.Formats.Tar;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.Findings;
using SecretGuard.Scanning;

namespace SecretGuard.Tests.Scanning;

/// <summary>
/// Files that are a secret by their path (SG1293: the runtime secret mount, SG1294: Rails' master key,
/// SG1296: Jenkins' master key, SG1297: a Vault token file, SG1298: an Ansible Vault password file),
/// read as a layer's file is: a bare value no format rule knows is found by its path, a value a format rule
/// knows is left to that rule, and what cannot be a credential at those paths stays clean.
/// </summary>
[TestClass]
public sealed class SecretFilePathTests
{
    private static List<Finding> Scan(string path, byte[] content) =>
        new FileScanner(RuleSet.Default).Scan(path, content.Length, new MemoryStream(content), 0, "sha256:x").Findings.ToList();

    private static List<Finding> Scan(string path, string content) => Scan(path, Encoding.UTF8.GetBytes(content));

    private static string Describe(IEnumerable<Finding> findings) =>
        string.Join(", ", findings.Select(f => $"{f.RuleId}@{((LayerFileLocation)f.Location).Line} {f.Confidence}"));

    /// <summary>No finding for <paramref name="content"/> at <paramref name="path"/>, its {value} marker replaced by a random value drawn from <paramref name="seed"/>.</summary>
    private static void AssertClean(string path, string content, int seed = 0, string alphabet = TestSecrets.Alnum, int length = 18)
    {
        var findings = Scan(path, content.Replace("{value}", TestSecrets.Random(length, alphabet, seed), StringComparison.Ordinal));
        Assert.IsEmpty(findings, Describe(findings));
    }

    [TestMethod]
    [DataRow("/run/secrets/db_password")]
    [DataRow("/var/run/secrets/payments/api-key")]
    [DataRow("/run/secrets/SMTP_PASS")]
    public void A_bare_value_under_the_runtime_secret_mount_is_an_error_at_line_1(string path)
    {
        var password = TestSecrets.Random(18, seed: 1293);
        var findings = Scan(path, password + "\n");
        Assert.AreEqual("SG1293@1 High", Describe(findings));
        Assert.AreEqual(Redactor.Redact(password), findings[0].Redacted, "the whole value, trimmed, is the secret");
        Assert.IsFalse(findings[0].Redacted.Contains(password[4..], StringComparison.Ordinal));
    }

    [TestMethod]
    public void A_binary_key_under_the_runtime_secret_mount_is_an_error_at_the_file()
    {
        var key = new byte[32];
        new Random(1293).NextBytes(key);
        key[5] = 0; // binary content, not text
        Assert.AreEqual("SG1293@0 High", Describe(Scan("/run/secrets/signing.key", key)));
    }

    [TestMethod]
    public void A_settings_file_under_the_mount_is_read_by_the_text_rules_not_taken_whole()
    {
        var password = TestSecrets.Random(18, seed: 1299);
        Assert.AreEqual("SG1010@3 High", Describe(Scan("/run/secrets/appsettings.secrets.json", "{\n  \"Reporting\": { \"Schedule\": \"0 3 * * *\" },\n  \"Smtp\": { \"Password\": \"" + password + "\" }\n}\n")));
        Assert.IsEmpty(Scan("/run/secrets/appsettings.secrets.json", "{\n  \"Reporting\": { \"Schedule\": \"0 3 * * *\", \"Recipients\": \"ops@shopfloor.net\" }\n}\n"));
    }

    [TestMethod]
    public void A_value_whose_format_a_rule_knows_is_that_rules_finding_only()
    {
        var token = TestSecrets.GitHubToken(seed: 1294);
        Assert.AreEqual("SG1004@1 High", Describe(Scan("/run/secrets/github_token", token + "\n")));
        Assert.AreEqual("SG1001@1 High", Describe(Scan("/run/secrets/tls.key", TestSecrets.PemPrivateKey())).Split(", ")[0]);
    }

    [TestMethod]
    [DataRow("/run/secrets/db_password", "")]
    [DataRow("/run/secrets/db_password", "\n")]
    [DataRow("/run/secrets/db_password", "${DB_PASSWORD}\n")]
    [DataRow("/run/secrets/db_password", "<your-password>\n")]
    [DataRow("/run/secrets/db_password", "changeme\n")]
    [DataRow("/run/secrets/db_password", "short1!\n")]
    [DataRow("/run/secrets/environment", "Production\n")]
    [DataRow("/run/secrets/db_user", "orders_app\n")]
    [DataRow("/run/secrets/postgres_host", "db.internal:5432\n")]
    [DataRow("/var/run/secrets/kubernetes.io/serviceaccount/namespace", "payments-prod\n")]
    [DataRow("/etc/app/db_password", "{value}\n")]
    [DataRow("/app/run/secrets/db_password", "{value}\n")]
    public void What_cannot_be_a_credential_at_the_mount_or_is_not_at_it_is_clean(string path, string content) => AssertClean(path, content, seed: 1297);

    [TestMethod]
    public void A_public_certificate_under_the_mount_is_clean() =>
        Assert.IsEmpty(Scan("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt", TestSecrets.PemCertificate() + "\n"));

    [TestMethod]
    [DataRow("/app/config/master.key")]
    [DataRow("/rails/config/credentials/production.key")]
    public void A_rails_master_key_is_an_error_at_line_1(string path)
    {
        var key = TestSecrets.Random(32, "0123456789abcdef", 1295);
        var findings = Scan(path, key);
        Assert.AreEqual("SG1294@1 High", Describe(findings));
        Assert.AreEqual(Redactor.Redact(key), findings[0].Redacted);
    }

    [TestMethod]
    [DataRow("/app/config/master.key", "<paste the key here>\n")]
    [DataRow("/app/config/master.key", "")]
    [DataRow("/app/config/master.key", "00000000000000000000000000000000\n")]
    [DataRow("/app/config/credentials/production.key", "not-a-key\n")]
    [DataRow("/app/config/master.key", "{value}{value}\n")]
    [DataRow("/app/keys/master.key", "{value}\n")]
    [DataRow("/app/config/credentials/old/production.key", "{value}\n")]
    public void Other_content_or_other_paths_are_not_a_rails_key(string path, string content) => AssertClean(path, content, seed: 1298, alphabet: "0123456789abcdef", length: 32);

    [TestMethod]
    public void A_jenkins_master_key_is_an_error_and_other_content_there_is_clean()
    {
        var key = TestSecrets.Random(256, "0123456789abcdef", 1300);
        Assert.AreEqual("SG1296@1 High", Describe(Scan("/var/jenkins_home/secrets/master.key", key)));
        Assert.IsEmpty(Scan("/var/jenkins_home/secrets/master.key", key[..200]), "not what Jenkins writes");
        Assert.IsEmpty(Scan("/var/jenkins_home/master.key", key), "not at Jenkins' path");
    }

    [TestMethod]
    public void A_vault_token_file_is_an_error_unless_its_format_rule_finds_it()
    {
        var legacy = "s." + TestSecrets.Random(24, seed: 1301);
        Assert.AreEqual("SG1297@1 High", Describe(Scan("/root/.vault-token", legacy + "\n")));
        Assert.IsEmpty(Scan("/root/.vault-token", ""));
        Assert.IsEmpty(Scan("/root/.vault-token", "${VAULT_TOKEN}\n"));
    }

    [TestMethod]
    [DataRow("/home/deploy/.vault_pass.txt")]
    [DataRow("/ansible/.vault_pass")]
    [DataRow("/etc/ansible/vault-password")]
    [DataRow("/srv/ansible_vault_pass.txt")]
    public void An_ansible_vault_password_file_is_an_error(string path)
    {
        var password = TestSecrets.Random(20, seed: 1302);
        Assert.AreEqual("SG1298@1 High", Describe(Scan(path, password + "\n")));
    }

    [TestMethod]
    [DataRow("/home/deploy/.vault_pass.txt", "#!/bin/sh\nvault kv get -field=password secret/ansible\n")]
    [DataRow("/home/deploy/.vault_pass.txt", "changeme\n")]
    [DataRow("/home/deploy/vault.yml", "{value}\n")]
    public void A_vault_password_script_a_placeholder_or_another_file_is_clean(string path, string content) => AssertClean(path, content, seed: 1303);

    [TestMethod]
    public void An_archive_entry_is_known_by_its_own_path()
    {
        var password = TestSecrets.Random(18, seed: 1296);
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "run/secrets/db_password") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(password)) };
            writer.WriteEntry(entry);
        }

        var findings = Scan("/backup/state.tar", tar.ToArray());
        Assert.AreEqual("SG1293@1 High", Describe(findings));
        Assert.AreEqual("/backup/state.tar!/run/secrets/db_password", ((LayerFileLocation)findings[0].Location).Path);
    }
}
