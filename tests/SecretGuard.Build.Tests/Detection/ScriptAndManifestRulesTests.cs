using System.Text;
using SecretGuard.Detection;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Detection;

/// <summary>
/// Credentials that their surroundings identify: curl command lines in shell scripts (SG1254), Kubernetes
/// Secret manifests (SG1255), and registry auths in a GitLab runner's DOCKER_AUTH_CONFIG or Google's
/// _json_key form (SG1059).
/// </summary>
[TestClass]
public sealed class ScriptAndManifestRulesTests
{
    public static readonly string[] Rules = ["SG1254", "SG1255", "SG1291"];

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static void NotBy(string ruleId, string text)
    {
        var hits = RuleSet.Default.Scan(text);
        Assert.IsFalse(hits.Any(h => h.Rule.Id == ruleId), $"{ruleId} matched: {text}");
    }

    [TestMethod]
    public void Curl_user_password_is_found_in_a_script_also_over_continued_lines()
    {
        var password = TestSecrets.Random(16, seed: 301);
        RuleAssert.Finds("SG1254", "#!/bin/sh\ncurl -fsS -u deploy:" + password + " https://repo.internal/upload\n", password);
        RuleAssert.Finds("SG1254", "curl -X POST \\\n  --user 'ci:" + password + "' \\\n  https://repo.internal/upload\n", password);
        Assert.AreEqual(Confidence.High, RuleSet.Default.Scan("curl -u ci:" + password + " https://x\n").Single().Match.Confidence);
    }

    [TestMethod]
    public void Curl_bearer_basic_and_api_key_headers_are_found()
    {
        var token = TestSecrets.Random(40, seed: 302);
        RuleAssert.Finds("SG1254", "curl -H 'Authorization: Bearer " + token + "' https://api.internal/v1\n", token);
        var basic = Base64("svc:" + TestSecrets.Random(20, seed: 303));
        RuleAssert.Finds("SG1254", "curl --header \"Authorization: Basic " + basic + "\" https://api.internal\n", basic);
        RuleAssert.Finds("SG1254", "HEALTHCHECK CMD curl -f -H \"X-Api-Key: " + token + "\" http://localhost/health\n", token);
    }

    [TestMethod]
    public void Curl_with_variables_files_and_placeholders_is_not_a_finding()
    {
        NotBy("SG1254", "curl -u \"$REPO_USER:$REPO_PASSWORD\" https://repo.internal\n");
        NotBy("SG1254", "curl -u user:password https://example.org\n");
        NotBy("SG1254", "curl -H \"Authorization: Bearer ${TOKEN}\" https://api.internal\n");
        NotBy("SG1254", "curl -H @/run/secrets/auth-header https://api.internal\n");
        NotBy("SG1254", "curl -H 'Authorization: Bearer <your-token>' https://api.internal\n");
        NotBy("SG1254", "curl -H \"Authorization: Basic " + Base64("user:changeme") + "\" https://api.internal\n");
        NotBy("SG1254", "wget --user=ci --password=$P https://x\n-u deploy:" + TestSecrets.Random(16, seed: 304) + "\n"); // no curl on the line
    }

    private static string SecretManifest(string block, string entries) =>
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\n" + block + ":\n" + entries;

    [TestMethod]
    public void Secret_manifest_data_is_decoded_and_each_entry_found()
    {
        var password = Base64(TestSecrets.Random(24, seed: 305));
        var apiKey = Base64(TestSecrets.Random(32, seed: 306));
        var yaml = SecretManifest("data", "  username: " + Base64("orders") + "\n  password: " + password + "\n  api-key: \"" + apiKey + "\"\n");
        var hits = RuleSet.Default.Scan(yaml).Where(h => h.Rule.Id == "SG1255").ToList();
        CollectionAssert.AreEqual(new[] { password, apiKey }, hits.Select(h => yaml.Substring(h.Match.Index, h.Match.Length)).ToArray());
        Assert.AreEqual("value of password in a Kubernetes Secret", hits[0].Match.Label);
    }

    [TestMethod]
    public void Secret_manifest_string_data_is_found_in_a_multi_document_file()
    {
        var token = TestSecrets.Random(30, seed: 307);
        var yaml = "apiVersion: v1\nkind: ConfigMap\ndata:\n  mode: production-cluster-a\n---\n" + SecretManifest("stringData", "  TOKEN: " + token + "\n") + "---\nkind: Service\n";
        RuleAssert.Finds("SG1255", yaml, token);
    }

    [TestMethod]
    public void Config_maps_certificates_placeholders_and_templates_are_not_secrets()
    {
        NotBy("SG1255", "apiVersion: v1\nkind: ConfigMap\ndata:\n  token: " + TestSecrets.Random(30, seed: 308) + "\n");
        NotBy("SG1255", SecretManifest("data", "  tls.crt: " + Base64(TestSecrets.PemCertificate()) + "\n"));
        NotBy("SG1255", SecretManifest("stringData", "  password: \"{{ .Values.password }}\"\n  token: <your-token>\n  key: changeme\n"));
        NotBy("SG1255", SecretManifest("data", "  password: " + Base64("changeme") + "\n  host: " + Base64("db.internal.example") + "\n"));
        NotBy("SG1255", "# the docs: kind: Secret manifests hold data: entries in base64\n");
    }

    [TestMethod]
    public void Docker_auth_config_as_escaped_json_in_a_gitlab_variable_is_found()
    {
        var auth = Base64("gitlab-ci-token:" + TestSecrets.Random(20, seed: 309));
        var yaml = "variables:\n  DOCKER_AUTH_CONFIG: \"{\\\"auths\\\": {\\\"registry.example.com:5000\\\": {\\\"auth\\\": \\\"" + auth + "\\\"}}}\"\n";
        RuleAssert.Finds("SG1059", yaml, auth);
    }

    [TestMethod]
    public void Google_json_key_auths_are_found_and_keyless_json_is_not()
    {
        var key = "{\n  \"type\": \"service_account\",\n  \"project_id\": \"p\",\n  \"private_key\": \"" + TestSecrets.PemPrivateKey().Replace("\n", "\\n") + "\"\n}";
        var auth = Base64("_json_key:" + key);
        RuleAssert.Finds("SG1059", "{ \"auths\": { \"europe-docker.pkg.dev\": { \"auth\": \"" + auth + "\" } } }", auth);
        var auth64 = Base64("_json_key_base64:" + Base64(key));
        RuleAssert.Finds("SG1059", "{ \"auths\": { \"gcr.io\": { \"auth\": \"" + auth64 + "\" } } }", auth64);
        NotBy("SG1059", "{ \"auths\": { \"gcr.io\": { \"auth\": \"" + Base64("_json_key:{\"type\": \"service_account\"}") + "\" } } }");
    }

    [TestMethod]
    public void Finds_a_password_on_a_database_clients_or_sshpass_command_line()
    {
        var password = "Zq8@vLm2" + "Np4";
        RuleAssert.Finds("SG1291", "/opt/mssql-tools/bin/sqlcmd -d master -i /scripts/setup.sql -U sa -P " + password + " ;\n", password);
        RuleAssert.Finds("SG1291", "HEALTHCHECK CMD /opt/mssql-tools18/bin/sqlcmd -S localhost -U sa -P \"" + password + "\" -C -Q \"SELECT 1\"\n", password);
        RuleAssert.Finds("SG1291", "mysql -uroot -p" + password + " shop < /docker-entrypoint-initdb.d/dump.sql\n", password);
        RuleAssert.Finds("SG1291", "mysqldump --password='" + password + "' -u app shop > /backup/shop.sql\n", password);
        RuleAssert.Finds("SG1291", "sshpass -p " + password + " scp /backup/shop.sql deploy@backup.internal:/srv\n", password);
        Assert.AreEqual(Confidence.High, RuleSet.Default.Scan("sqlcmd -U sa -P " + password + "\n").Single(h => h.Rule.Id == "SG1291").Match.Confidence);
    }

    [TestMethod]
    [DataRow("sqlcmd -S localhost -U sa -P \"$SA_PASSWORD\" -Q \"SELECT 1\"")]
    [DataRow("sqlcmd -S localhost -U sa -P ${MSSQL_SA_PASSWORD} -Q \"SELECT 1\"")]
    [DataRow("sqlcmd -S db -U sa -p -Q \"SELECT 1\"")]
    [DataRow("mysql -u root -p shop")]
    [DataRow("mysql -h db -P 3306 -u app --password shop")]
    [DataRow("mysql -uroot -p$MYSQL_ROOT_PASSWORD -e 'SELECT 1'")]
    [DataRow("Run mysql -u USER -p<password> to connect.")]
    [DataRow("sshpass -e ssh deploy@host\nsshpass -f /run/secrets/ssh_password ssh deploy@host")]
    [DataRow("mysqladmin ping -h localhost --password=\"%MYSQL_PWD%\"")]
    public void Command_lines_without_a_password_in_them_are_clean(string text) => NotBy("SG1291", text + "\n");
}
