using System.Text;

namespace SecretGuard.Tests.Detection;

/// <summary>Credentials recognised by the structure of the file around them, not by a prefix.</summary>
[TestClass]
public sealed class StructuredCredentialRulesTests
{
    /// <summary>The rules tested here rather than in <see cref="PrefixedTokenRulesTests"/>.</summary>
    public static readonly string[] Rules = ["SG1057", "SG1058", "SG1059", "SG1060", "SG1061", "SG1100", "SG1101", "SG1102", "SG1103", "SG1104", "SG1117", "SG1118", "SG1285", "SG1286", "SG1287", "SG1290", "SG1292", "SG1299"];

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

    private static string AzureKey(string service, int seed) =>
        TestSecrets.Random(52, seed: seed) + "JQQ" + "J99" + "BBAC" + TestSecrets.Random(5, seed: seed + 1) + "XJ3w3" + "AAAY" + service + TestSecrets.Random(4, seed: seed + 2);

    [TestMethod]
    public void Finds_Azure_identifiable_keys_and_names_the_service()
    {
        var ai = AzureKey("ACOG", 501);
        RuleAssert.Finds("SG1061", "AZURE_OPENAI_KEY=" + ai + "\n", ai);
        Assert.AreEqual("Azure AI services key", SecretGuard.Detection.RuleSet.Default.Scan("k = \"" + ai + "\"").Single().Match.Label);
        var devops = AzureKey("AZDO", 505);
        RuleAssert.Finds("SG1061", "{ \"pat\": \"" + devops + "\" }", devops);
        Assert.AreEqual("Azure DevOps personal access token", SecretGuard.Detection.RuleSet.Default.Scan(devops).Single().Match.Label);
    }

    [TestMethod]
    public void Near_misses_of_Azure_identifiable_keys_are_not_findings()
    {
        Assert.IsFalse(SecretGuard.Detection.RuleSet.Default.Scan("x " + AzureKey("ACOG", 510)[..83] + " y").Any(h => h.Rule.Id == "SG1061"), "one character short");
        Assert.IsFalse(SecretGuard.Detection.RuleSet.Default.Scan("x " + AzureKey("ACOG", 511).Replace("JQQJ99", "JQQJ98", StringComparison.Ordinal) + " y").Any(h => h.Rule.Id == "SG1061"), "no signature");
    }

    private static string UserColonPassword(string user, string password) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(user + ":" + password));

    [TestMethod]
    public void Finds_legacy_npmrc_registry_credentials()
    {
        var global = UserColonPassword("ci", "Zq8v!Lm2" + "Np4Rt6");
        RuleAssert.Finds("SG1118", "registry=https://npm.shop-internal.net/\n_auth=" + global + "\nalways-auth=true\n", global);
        var scoped = UserColonPassword("deploy@shop", "Vy1Bc3" + "Xk9WsQe7");
        RuleAssert.Finds("SG1118", "@shop:registry=https://npm.pkg.github.com/\n//npm.pkg.github.com/:_auth = \"" + scoped + "\"\n", scoped);
    }

    [TestMethod]
    public void Npmrc_auth_that_is_a_reference_or_not_a_password_is_not_a_finding()
    {
        RuleAssert.Clean("//npm.mirror.shopfloor.net/:_auth=${NPM_AUTH}\n");
        Assert.IsFalse(SecretGuard.Detection.RuleSet.Default.Scan("_auth=" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("no colon in it at all")) + "\n").Any(h => h.Rule.Id == "SG1118"), "not user:password");
        Assert.IsFalse(SecretGuard.Detection.RuleSet.Default.Scan("_auth=" + UserColonPassword("ci", "<password>") + "\n").Any(h => h.Rule.Id == "SG1118"), "a placeholder password");
        Assert.IsFalse(SecretGuard.Detection.RuleSet.Default.Scan("my_auth=" + UserColonPassword("ci", "Zq8v!Lm2Np4Rt6") + "\n").Any(h => h.Rule.Id == "SG1118"), "another name");
    }

    /// <summary>A key file of an ASP.NET Core Data Protection key ring as XmlKeyManager writes it; <paramref name="masterKey"/> is what the masterKey element holds.</summary>
    private static string DataProtectionKey(string masterKey) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<key id=\"" + Guid.NewGuid() + "\" version=\"1\">\n  <creationDate>2026-11-02T09:14:03.1234567Z</creationDate>\n  <activationDate>2026-11-02T09:14:03Z</activationDate>\n  <expirationDate>2027-01-31T09:14:03Z</expirationDate>\n"
        + "  <descriptor deserializerType=\"Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel.AuthenticatedEncryptorDescriptorDeserializer, Microsoft.AspNetCore.DataProtection, Version=10.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60\">\n    <descriptor>\n      <encryption algorithm=\"AES_256_CBC\" />\n      <validation algorithm=\"HMACSHA256\" />\n"
        + masterKey + "\n    </descriptor>\n  </descriptor>\n</key>\n";

    private static string KeyValue(int seed)
    {
        var bytes = new byte[64];
        new Random(seed).NextBytes(bytes);
        return Convert.ToBase64String(bytes);
    }

    [TestMethod]
    public void Finds_a_Data_Protection_key_stored_in_clear()
    {
        var value = KeyValue(601);
        var file = DataProtectionKey("      <masterKey p4:requiresEncryption=\"true\" xmlns:p4=\"http://schemas.asp.net/2015/03/dataProtection\">\n        <!-- Warning: the key below is in an unencrypted form. -->\n        <value>" + value + "</value>\n      </masterKey>");
        RuleAssert.Finds("SG1117", file, value);

        // Written on one line, without the warning comment (an older writer, or a hand-made key ring).
        var other = KeyValue(602);
        RuleAssert.Finds("SG1117", DataProtectionKey("<masterKey><value>" + other + "</value></masterKey>"), other);
    }

    [TestMethod]
    public void A_Data_Protection_key_protected_at_rest_or_without_a_value_is_not_a_finding()
    {
        // ProtectKeysWithCertificate/AzureKeyVault/DPAPI: the master key is inside an encryptedSecret.
        var encrypted = DataProtectionKey("      <encryptedSecret decryptorType=\"Microsoft.AspNetCore.DataProtection.XmlEncryption.EncryptedXmlDecryptor, Microsoft.AspNetCore.DataProtection\" xmlns=\"http://schemas.asp.net/2015/03/dataProtection\">\n        <EncryptedData Type=\"http://www.w3.org/2001/04/xmlenc#Element\" xmlns=\"http://www.w3.org/2001/04/xmlenc#\"><CipherData><CipherValue>" + KeyValue(603) + "</CipherValue></CipherData></EncryptedData>\n      </encryptedSecret>");
        Assert.IsFalse(SecretGuard.Detection.RuleSet.Default.Scan(encrypted).Any(h => h.Rule.Id == "SG1117"), "encrypted at rest");
        RuleAssert.Clean(DataProtectionKey("<masterKey><value>${DATA_PROTECTION_KEY}</value></masterKey>"));
        RuleAssert.Clean("<!-- docs: a key file has <masterKey> with a <value> inside --><value>short</value>");
    }

    private static string Kubeconfig(string dataKey, string pem) =>
        "apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    " + dataKey + ": " + Base64(pem) + "\n";

    [TestMethod]
    public void Finds_a_kubeconfig_client_key_rsa_or_pkcs8()
    {
        foreach (var pem in new[] { TestSecrets.PemPrivateKey(), TestSecrets.PemPkcs8PrivateKey() })
        {
            var text = Kubeconfig("client-key-data", pem);
            RuleAssert.Finds("SG1100", text, Base64(pem));
        }
    }

    [TestMethod]
    public void Client_certificate_data_and_undecodable_key_data_are_not_findings()
    {
        RuleAssert.Clean(Kubeconfig("client-certificate-data", TestSecrets.PemCertificate()));
        RuleAssert.Clean("    client-key-data: LS0tLS1CRUdJTi" + TestSecrets.Random(80) + "%%%\n");
    }

    [TestMethod]
    public void Finds_htpasswd_hashes_of_each_kind()
    {
        var apr = "$apr1$" + TestSecrets.Random(8, seed: 520) + "$" + TestSecrets.Random(22, seed: 521);
        RuleAssert.Finds("SG1101", "admin:" + apr + "\n", apr);
        var sha = "{SHA}" + TestSecrets.Random(27, seed: 522) + "=";
        RuleAssert.Finds("SG1101", "# users\nops:" + sha + "\n", sha);
        var bcrypt = "$2y$10$" + TestSecrets.Random(53, seed: 523);
        RuleAssert.Finds("SG1101", "deploy:" + bcrypt + "\n", bcrypt);
    }

    [TestMethod]
    public void Finds_password_hashes_in_a_shadow_file()
    {
        var crypt = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var sha512 = "$6$" + TestSecrets.Random(16, crypt, 1304) + "$" + TestSecrets.Random(86, crypt, 1305);
        var yescrypt = "$y$j9T$" + TestSecrets.Random(22, crypt, 1306) + "$" + TestSecrets.Random(43, crypt, 1307);
        var shadow = "root:*:19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\napp:" + sha512 + ":19701:0:99999:7:::\nops:" + yescrypt + ":19702::::::\n";
        var hits = SecretGuard.Detection.RuleSet.Default.Scan(shadow).Where(h => h.Rule.Id == "SG1299").Select(h => shadow.Substring(h.Match.Index, h.Match.Length)).ToList();
        CollectionAssert.AreEqual(new[] { sha512, yescrypt }, hits);
    }

    [TestMethod]
    [DataRow("root:*:19700:0:99999:7:::\nnobody:!:19700::::::\n")]
    [DataRow("app:!$6$abcdefgh$ijklmnopqrstuvwxyz0123456789:19701:0:99999:7:::\n")]
    [DataRow("The $6$ prefix marks SHA-512 crypt; see crypt(5).\n")]
    [DataRow("root:x:0:0:root:/root:/bin/bash\n")]
    public void Locked_accounts_and_mentions_are_not_shadow_findings(string text) =>
        Assert.IsFalse(SecretGuard.Detection.RuleSet.Default.Scan(text).Any(h => h.Rule.Id == "SG1299"), text);

    [TestMethod]
    public void Hashes_that_are_not_htpasswd_lines_are_not_findings()
    {
        RuleAssert.Clean("The $apr1$ prefix marks Apache MD5; see htpasswd(1).");
        RuleAssert.Clean("hash = \"$2y$10$" + TestSecrets.Random(53, seed: 524) + "\"");
    }

    [TestMethod]
    public void Finds_credentials_in_wp_config_defines()
    {
        var salt = TestSecrets.Random(64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!@#%^&*()-_[]{}<>~+=,.;:/?|", 530);
        RuleAssert.Finds("SG1102", "define( 'NONCE_SALT', '" + salt + "' );\n", salt);
        RuleAssert.Finds("SG1102", "define('DB_PASSWORD', \"Wq9vX2mZ7pLr!\");\n", "Wq9vX2mZ7pLr!");
    }

    [TestMethod]
    public void WordPress_sample_values_and_non_secret_defines_are_not_findings()
    {
        RuleAssert.Clean("define( 'AUTH_KEY',         'put your unique phrase here' );\ndefine( 'DB_PASSWORD', 'password_here' );");
        RuleAssert.Clean("define('DB_HOST', 'db.internal:3306'); define('WP_DEBUG_LOG', '/var/log/wp.log');");
    }

    private static string Jwt(string header, string payload) =>
        Base64Url(header) + "." + Base64Url(payload) + "." + TestSecrets.Random(43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 540);

    private static string Base64Url(string s) => Base64(s).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [TestMethod]
    public void Finds_signed_json_web_tokens_without_expiry_or_not_yet_expired()
    {
        var forever = Jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"sub\":\"svc-billing\",\"role\":\"admin\"}");
        RuleAssert.Finds("SG1103", "Authorization: Bearer " + forever + "\n", forever);
        var later = Jwt("{\"alg\":\"RS256\",\"kid\":\"k1\"}", "{\"sub\":\"ci\",\"exp\":" + DateTimeOffset.UtcNow.AddYears(5).ToUnixTimeSeconds() + "}");
        RuleAssert.Finds("SG1103", "{ \"token\": \"" + later + "\" }", later);
    }

    [TestMethod]
    [DataRow("\"2031-01-01\"")]
    [DataRow("\"1500000000\"")]
    [DataRow("null")]
    [DataRow("true")]
    [DataRow("{\"at\":1}")]
    [DataRow("[1500000000]")]
    public void A_jwt_whose_exp_is_not_a_number_is_read_as_having_no_expiry(string exp)
    {
        var token = Jwt("{\"alg\":\"HS256\"}", "{\"sub\":\"svc-orders\",\"exp\":" + exp + "}");
        RuleAssert.Finds("SG1103", "Authorization: Bearer " + token + "\n", token);
    }

    [TestMethod]
    public void A_jwt_with_a_fractional_or_huge_exp_is_judged_by_its_value()
    {
        RuleAssert.Clean("token: " + Jwt("{\"alg\":\"HS256\"}", "{\"sub\":\"ci\",\"exp\":1500000000.5}"));
        var far = Jwt("{\"alg\":\"HS256\"}", "{\"sub\":\"ci\",\"exp\":1e300}");
        RuleAssert.Finds("SG1103", "token: " + far + "\n", far);
    }

    [TestMethod]
    public void Expired_unsigned_example_and_malformed_tokens_are_not_findings()
    {
        RuleAssert.Clean("token: " + Jwt("{\"alg\":\"HS256\"}", "{\"sub\":\"ci\",\"exp\":1500000000}"));
        RuleAssert.Clean("token: " + Jwt("{\"alg\":\"none\"}", "{\"sub\":\"ci\"}"));
        RuleAssert.Clean("token: " + Jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"iat\":1516239022}"));
        RuleAssert.Clean("token: eyJ" + TestSecrets.Random(30) + ".eyJ" + TestSecrets.Random(30) + "." + TestSecrets.Random(30));
    }

    [TestMethod]
    public void Finds_a_jwt_signing_key_in_appsettings_and_in_env()
    {
        var key = TestSecrets.Random(48, seed: 550);
        RuleAssert.Finds("SG1104", "{\n  \"Jwt\": {\n    \"Issuer\": \"https://id.example.test\",\n    \"Key\": \"" + key + "\"\n  }\n}", key);
        RuleAssert.Finds("SG1104", "Jwt__SigningKey=" + key + "\n", key);
    }

    private static string SigningKeyValue(int seed)
    {
        var bytes = new byte[32];
        new Random(seed).NextBytes(bytes);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>ASP.NET Core's JWT bearer configuration: what dotnet user-jwts writes into secrets.json, the same nested, and in ENV.</summary>
    [TestMethod]
    public void Finds_the_signing_keys_of_the_JWT_bearer_configuration()
    {
        var first = SigningKeyValue(560);
        var second = SigningKeyValue(561);
        var userJwts = "{\n  \"Authentication:Schemes:Bearer:SigningKeys\": [\n    {\n      \"Id\": \"3a5c6b4e\",\n      \"Issuer\": \"dotnet-user-jwts\",\n      \"Value\": \"" + first + "\",\n      \"Length\": 32\n    },\n    {\n      \"Issuer\": \"shop\",\n      \"Value\": \"" + second + "\"\n    }\n  ]\n}\n";
        var found = SecretGuard.Detection.RuleSet.Default.Scan(userJwts).Where(h => h.Rule.Id == "SG1104").Select(h => userJwts.Substring(h.Match.Index, h.Match.Length)).ToList();
        CollectionAssert.AreEqual(new[] { first, second }, found, "both keys of the list");

        RuleAssert.Finds("SG1104", "{ \"Authentication\": { \"Schemes\": { \"Bearer\": { \"SigningKeys\": [ { \"Issuer\": \"shop\", \"Value\": \"" + first + "\" } ] } } } }", first);
        RuleAssert.Finds("SG1104", "Authentication__Schemes__Bearer__SigningKeys__0__Value=" + second + "\n", second);
    }

    [TestMethod]
    public void Signing_key_settings_without_a_key_are_not_findings()
    {
        RuleAssert.Clean("{ \"Authentication:Schemes:Bearer:SigningKeys\": [ { \"Issuer\": \"shop\", \"Value\": \"${JWT_SIGNING_KEY}\" } ] }");
        RuleAssert.Clean("{ \"Authentication:Schemes:Bearer:SigningKeys\": [], \"Cache\": { \"Value\": \"" + SigningKeyValue(562) + "\" } }");
        RuleAssert.Clean("Authentication__Schemes__Bearer__SigningKeys__0__Issuer=shop\n");
    }

    [TestMethod]
    public void A_jwt_key_deep_in_a_large_file_is_found_near_its_section_and_only_there()
    {
        // The regexes run only near "jwt": a section far down a file, and a key far from any section.
        var key = TestSecrets.Random(48, seed: 551);
        var filler = string.Concat(Enumerable.Range(0, 4000).Select(i => $"/usr/lib/python3/dist-packages/pkg{i}/module.py\n"));
        var section = "{\n  \"AuthJwtOptions\": {\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"    \"Setting{i}\": \"value {i}\",\n")) + "    \"SigningKey\": \"" + key + "\"\n  }\n}\n";

        RuleAssert.Finds("SG1104", filler + "/usr/lib/python3/dist-packages/jwt/api_jwt.py\n" + filler + section + filler, key);
        RuleAssert.Clean("{ \"Jwt\": { \"Issuer\": \"me\" } }\n" + filler + "{ \"Other\": { \"Key\": \"" + key + "\" } }\n");
    }

    [TestMethod]
    public void Jwt_settings_without_a_real_key_are_not_findings()
    {
        RuleAssert.Clean("{ \"Jwt\": { \"Key\": \"${JWT_KEY}\", \"Issuer\": \"me\" } }");
        RuleAssert.Clean("{ \"Jwt\": { \"Key\": \"short\" } }\nJwt__Key=/run/secrets/jwt");
    }

    [TestMethod]
    public void Finds_a_key_under_a_section_named_for_encryption()
    {
        var key = TestSecrets.Random(43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 610) + "=";
        RuleAssert.Finds("SG1285", "{\n  \"Encryption\": {\n    \"Key\": \"" + key + "\",\n    \"IV\": \"AAAAAAAAAAAAAAAAAAAAAA==\"\n  }\n}", key);
        RuleAssert.Finds("SG1285", "{ \"DataCrypto\": { \"Algorithm\": \"AES-256-GCM\", \"SymmetricKey\": \"" + key + "\" } }", key);
        RuleAssert.Finds("SG1285", "Encryption__Key=" + key + "\n", key);
        RuleAssert.Finds("SG1285", "HMAC_KEY=" + key + "\n", key);
        RuleAssert.Finds("SG1285", "Aes:Key: \"" + key + "\"\n", key);
    }

    [TestMethod]
    [DataRow("{ \"Encryption\": { \"Key\": \"${ENCRYPTION_KEY}\" } }")]
    [DataRow("{ \"Encryption\": { \"Key\": \"short\" } }")]
    [DataRow("Encryption__Key=/run/secrets/encryption-key")]
    [DataRow("{ \"Cache\": { \"Key\": \"products-by-category-and-page\" } }")]
    [DataRow("Encryption: aes256-cbc\nComment: the key is encrypted")]
    [DataRow("The phrases below describe AES keys; System.Security.Cryptography.Aes.Key gets or sets the secret key.")]
    [DataRow("{ \"Encryption\": { \"KeyVaultUri\": \"https://acme.vault.azure.net/keys/data-key\" } }")]
    [DataRow("const ENCRYPTION_KEY = \"msal.cache.encryption\";")]
    [DataRow("        encrypted_key: b64u(encryptedKey)")]
    [DataRow("jwe.encrypted_key = \"lP9tRmx2ZQ7vK3bNc8WdYh5aJfG1sE4u\"")]
    [DataRow("        :type crypto_key: ``cryptography.x509.Certificate``")]
    [DataRow("{ \"Crypto\": { \"Key\": \"ThisIsTheNameOfOurDataProtectionKeyRing\" } }")]
    public void Encryption_sections_without_a_key_value_are_clean(string text) => RuleAssert.Clean(text);

    [TestMethod]
    public void Finds_an_LDAP_clients_bind_password()
    {
        var password = TestSecrets.Random(16, seed: 620);
        RuleAssert.Finds("SG1286", "uid nslcd\ngid nslcd\nuri ldaps://ldap.corp.example\nbinddn cn=proxy,dc=corp,dc=example\nbindpw " + password + "\n", password);
        RuleAssert.Finds("SG1286", "[domain/corp]\nid_provider = ldap\nldap_default_bind_dn = cn=proxy,dc=corp,dc=example\nldap_default_authtok_type = password\nldap_default_authtok = " + password + "\n", password);
        RuleAssert.Finds("SG1286", "BINDPW\t" + password + "\r\n", password);
    }

    [TestMethod]
    [DataRow("#bindpw secret\n")]
    [DataRow("# bindpw " + "Zq8vLm2Np4Rt6\n")]
    [DataRow("ldap_default_authtok_type = obfuscated_password\n")]
    [DataRow("bindpw ${LDAP_BIND_PASSWORD}\n")]
    [DataRow("bindpw secret\n")]
    [DataRow("The bindpw option sets the password; see nslcd.conf(5).\n")]
    [DataRow("ldapsearch -D cn=proxy -w \"$BINDPW\" -b dc=corp\n")]
    public void LDAP_settings_without_a_password_are_clean(string text) => RuleAssert.Clean(text);

    [TestMethod]
    public void Finds_the_password_of_a_pgpass_line()
    {
        var password = TestSecrets.Random(20, seed: 630);
        RuleAssert.Finds("SG1287", "db.internal:5432:orders:backup:" + password + "\n", password);
        RuleAssert.Finds("SG1287", "# the backup job's entries\n*:*:*:replicator:" + password + "\r\n", password);
        var escaped = "Vx3" + "\\:" + TestSecrets.Random(12, seed: 631);
        RuleAssert.Finds("SG1287", "fd00\\:1\\:\\:5:5432:app:app_user:" + escaped, escaped);
    }

    [TestMethod]
    [DataRow("5433")]
    [DataRow("6432")]
    [DataRow("25060")]
    [DataRow("26257")]
    public void Finds_a_pgpass_line_for_a_common_second_server(string port)
    {
        var password = TestSecrets.Random(20, seed: 632);
        RuleAssert.Finds("SG1287", "pgbouncer.internal:" + port + ":orders:backup:" + password + "\n", password);
    }

    [TestMethod]
    [DataRow("localhost:5432:postgres:postgres:postgres\n")]
    [DataRow("hostname:port:database:username:password\n")]
    [DataRow("localhost:5432:mydb:myuser:mypassword\n")]
    [DataRow("#db.internal:5432:orders:backup:Zq8vLm2Np4Rt6\n")]
    [DataRow("daemon:*:19000:0:99999:7:::\nbin:*:19000:0:99999:7:::\n")]
    [DataRow("db.internal:5432:orders:backup:${PGPASSWORD}\n")]
    [DataRow("db.internal:5433:orders:backup\n")]
    [DataRow("2001:6432:0:0:0:0:a1b2:c3d4\n")]
    [DataRow("db.internal:8080:orders:backup:Zq8vLm2Np4Rt6\n")]
    public void Pgpass_like_lines_without_a_password_are_clean(string text) => RuleAssert.Clean(text);

    private static string B64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A fresh RSA key as a private JWK, its members in the order <paramref name="quote"/>-quoted, and its "d".</summary>
    private static (string Jwk, string D) RsaJwk(string quote = "\"", string before = "")
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var p = rsa.ExportParameters(includePrivateParameters: true);
        string M(string name, byte[] value) => quote + name + quote + ":" + quote + B64Url(value) + quote;
        var jwk = "{" + before + M("d", p.D!) + "," + M("dp", p.DP!) + "," + M("dq", p.DQ!) + "," + quote + "e" + quote + ":" + quote + "AQAB" + quote + ","
            + quote + "kid" + quote + ":" + quote + "7D1F0A" + quote + "," + quote + "kty" + quote + ":" + quote + "RSA" + quote + ","
            + M("n", p.Modulus!) + "," + M("p", p.P!) + "," + M("q", p.Q!) + "," + M("qi", p.InverseQ!) + "}";
        return (jwk, B64Url(p.D!));
    }

    [TestMethod]
    public void Finds_a_private_key_written_as_a_JWK()
    {
        // A file of its own, as IdentityServer's developer signing key (tempkey.jwk) is written: an empty object before kty.
        var (file, d) = RsaJwk(before: "\"additionalData\":{},\"alg\":\"RS256\",");
        RuleAssert.Finds("SG1290", file, d);

        // Pasted into appsettings.json as a string, quoted with ' (as in IdentityServer's samples) or escaped.
        var (single, d1) = RsaJwk("'");
        RuleAssert.Finds("SG1290", "{\n  \"Secrets\": {\n    \"key\": \"" + single + "\"\n  }\n}\n", d1);
        var (escaped, d2) = RsaJwk("\\\"");
        RuleAssert.Finds("SG1290", "{ \"SigningKey\": \"" + escaped + "\" }", d2);

        // An EC key, an OKP key and a symmetric key in a JWKS.
        using var ec = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var ecp = ec.ExportParameters(includePrivateParameters: true);
        var okp = B64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var oct = B64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var jwks = "{ \"keys\": [\n  { \"kty\": \"EC\", \"crv\": \"P-256\", \"x\": \"" + B64Url(ecp.Q.X!) + "\", \"y\": \"" + B64Url(ecp.Q.Y!) + "\", \"d\": \"" + B64Url(ecp.D!) + "\" },\n"
            + "  { \"kty\": \"OKP\", \"crv\": \"Ed25519\", \"x\": \"" + B64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) + "\", \"d\": \"" + okp + "\" },\n"
            + "  { \"kty\": \"oct\", \"alg\": \"HS256\", \"k\": \"" + oct + "\" }\n] }";
        var hits = SecretGuard.Detection.RuleSet.Default.Scan(jwks).Where(h => h.Rule.Id == "SG1290").Select(h => jwks.Substring(h.Match.Index, h.Match.Length)).ToList();
        CollectionAssert.AreEqual(new[] { B64Url(ecp.D!), okp, oct }, hits);
    }

    [TestMethod]
    public void Public_JWKs_and_JWK_like_text_are_clean()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var p = rsa.ExportParameters(includePrivateParameters: false);
        // A JWKS as an identity provider publishes it (jwks_uri): public members only.
        RuleAssert.Clean("{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"k1\",\"n\":\"" + B64Url(p.Modulus!) + "\",\"e\":\"AQAB\",\"x5c\":[]}]}");
        // A "d" outside the JWK's object, code that builds a JWK, an unknown key type.
        RuleAssert.Clean("{ \"kty\": \"RSA\", \"n\": \"" + B64Url(p.Modulus!) + "\", \"e\": \"AQAB\" }\n{ \"d\": \"" + B64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64)) + "\" }");
        RuleAssert.Clean("const jwk = { kty: 'RSA', d: base64url(key.d), n: base64url(key.n) };");
        RuleAssert.Clean("{ \"kty\": \"PQC\", \"d\": \"" + B64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64)) + "\" }");
        RuleAssert.Clean("{ \"kty\": \"oct\", \"k\": \"${SIGNING_KEY}\" }");
    }

    /// <summary>RSAParameters as JSON serializers write it (tempkey.rsa): every part in base64, null when absent.</summary>
    private static string RsaParametersJson(System.Security.Cryptography.RSAParameters p, string quote = "\"")
    {
        string M(string name, byte[]? value) => quote + name + quote + ":" + (value is null ? "null" : quote + Convert.ToBase64String(value) + quote);
        return "{" + M("D", p.D) + "," + M("DP", p.DP) + "," + M("DQ", p.DQ) + "," + M("Exponent", p.Exponent) + "," + M("InverseQ", p.InverseQ) + "," + M("Modulus", p.Modulus) + "," + M("P", p.P) + "," + M("Q", p.Q) + "}";
    }

    [TestMethod]
    public void Finds_an_RSA_private_key_in_dotnets_xml_or_json_form()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var d = Convert.ToBase64String(rsa.ExportParameters(includePrivateParameters: true).D!);

        // RSA.ToXmlString(true), kept in appsettings.json and read back with FromXmlString.
        RuleAssert.Finds("SG1292", "{\n  \"Licensing\": {\n    \"PrivateKey\": \"" + rsa.ToXmlString(includePrivateParameters: true) + "\"\n  }\n}\n", d);
        // The same, indented in a key file, D wrapped over lines.
        var wrapped = "<RSAKeyValue>\n  <Modulus>" + Convert.ToBase64String(rsa.ExportParameters(false).Modulus!) + "</Modulus>\n  <Exponent>AQAB</Exponent>\n  <D>\n    " + d[..64] + "\n    " + d[64..] + "\n  </D>\n</RSAKeyValue>\n";
        var hit = SecretGuard.Detection.RuleSet.Default.Scan(wrapped).Single(h => h.Rule.Id == "SG1292");
        Assert.AreEqual(d, wrapped.Substring(hit.Match.Index, hit.Match.Length).Replace("\n", "").Replace(" ", ""));

        // IdentityServer's tempkey.rsa: RSAParameters as JSON; and the same inside a JSON string.
        var parameters = RsaParametersJson(rsa.ExportParameters(includePrivateParameters: true));
        RuleAssert.Finds("SG1292", "{\"KeyId\":\"8c1f0e\",\"Parameters\":" + parameters + "}", d);
        RuleAssert.Finds("SG1292", "{ \"SigningKey\": \"" + RsaParametersJson(rsa.ExportParameters(includePrivateParameters: true), "\\\"") + "\" }", d);
    }

    [TestMethod]
    public void Public_RSA_keys_in_dotnets_forms_and_documentation_are_clean()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        RuleAssert.Clean(rsa.ToXmlString(includePrivateParameters: false));
        RuleAssert.Clean("{\"KeyId\":\"8c1f0e\",\"Parameters\":" + RsaParametersJson(rsa.ExportParameters(includePrivateParameters: false)) + "}");
        RuleAssert.Clean("<RSAKeyValue><Modulus>…</Modulus><Exponent>…</Exponent><P>…</P><Q>…</Q><DP>…</DP><DQ>…</DQ><InverseQ>…</InverseQ><D>…</D></RSAKeyValue>");
        RuleAssert.Clean("var xml = \"<RSAKeyValue><D>\" + Convert.ToBase64String(parameters.D) + \"</D></RSAKeyValue>\";");
    }
}
