using System.Text;
using SecretGuard.Detection;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Scanning;

/// <summary>
/// The credential files a .NET image picks up (issue 3's list "credential files by structure"), each as a
/// whole file at the path it has in an image, read the way a layer's file is: the credential is found at
/// its line, as an error, and the same file written as a template (placeholders, file references, empty
/// values) gives nothing. Values are assembled at run time, so no literal credential is in the repository.
/// </summary>
[TestClass]
public sealed class CredentialFileFormatsTests
{
    private const string Password = "Xk9#vL2q" + "W8zR4tYp";

    private static List<Finding> Scan(string path, string content) =>
        new FileScanner(RuleSet.Default).Scan(path, Encoding.UTF8.GetByteCount(content), new MemoryStream(Encoding.UTF8.GetBytes(content)), 0, "sha256:x").Findings.ToList();

    /// <summary>Exactly these (rule, line) findings, all errors.</summary>
    private static void AssertErrors(string path, string content, params (string Rule, int Line)[] expected)
    {
        var findings = Scan(path, content);
        var actual = findings.Select(f => (f.RuleId, ((LayerFileLocation)f.Location).Line)).OrderBy(f => f.Line).ToList();
        CollectionAssert.AreEqual(expected.OrderBy(e => e.Line).ToList(), actual, $"{path}: got [{string.Join(", ", findings.Select(f => $"{f.RuleId}@{((LayerFileLocation)f.Location).Line} {f.Confidence} {f.Label}"))}]");
        Assert.IsTrue(findings.All(f => f.Confidence == Confidence.High), $"{path}: every finding is an error");
    }

    private static void AssertClean(string path, string content)
    {
        var findings = Scan(path, content);
        Assert.IsEmpty(findings, $"{path}: [{string.Join(", ", findings.Select(f => $"{f.RuleId}@{((LayerFileLocation)f.Location).Line} {f.Label}"))}]");
    }

    [TestMethod]
    public void Pypirc_with_an_upload_token_or_a_password()
    {
        var token = "pypi-AgEIcHlwaS5vcmc" + TestSecrets.Random(70, TestSecrets.Alnum + "-_", 901);
        AssertErrors("/root/.pypirc", "[distutils]\nindex-servers =\n    pypi\n    internal\n\n[pypi]\nusername = __token__\npassword = " + token + "\n\n[internal]\nrepository = https://pypi.internal.example\nusername = deploy\npassword = " + Password + "\n",
            ("SG1022", 8), ("SG1010", 13));
        AssertClean("/root/.pypirc", "[pypi]\nusername = __token__\npassword = <your PyPI API token>\n\n[internal]\nusername = deploy\npassword = ${PYPI_PASSWORD}\n");
    }

    [TestMethod]
    public void Npmrc_with_a_token_and_legacy_basic_auth()
    {
        var token = TestSecrets.NpmToken(seed: 914);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("deploy:" + Password));
        AssertErrors("/src/ClientApp/.npmrc", "@shop:registry=https://npm.shopfloor-internal.net/\n//npm.mirror.shopfloor.net/:_authToken=" + token + "\n//npm.shopfloor-internal.net/:_auth=" + basic + "\nalways-auth=true\n",
            ("SG1012", 2), ("SG1118", 3));
        AssertClean("/src/ClientApp/.npmrc", "@shop:registry=https://npm.shopfloor-internal.net/\n//npm.mirror.shopfloor.net/:_authToken=${NPM_TOKEN}\n//npm.shopfloor-internal.net/:_auth=${NPM_AUTH}\n");
    }

    [TestMethod]
    public void Git_credentials_store()
    {
        var token = TestSecrets.GitHubToken(seed: 902);
        AssertErrors("/home/app/.git-credentials", "https://ci-bot:" + token + "@github.com\nhttps://deploy:" + Password.Replace("#", "%23", StringComparison.Ordinal) + "@git.shopfloor-internal.net\n",
            ("SG1004", 1), ("SG1009", 2));
        AssertClean("/home/app/.git-credentials", "https://github.com\nhttps://deploy@git.internal.example\n");
    }

    [TestMethod]
    public void Netrc()
    {
        AssertErrors("/root/.netrc", "machine api.heroku.com\n  login ci@example.com\n  password " + Password + "\nmachine ftp.example.com login deploy password " + Password + "Z\n",
            ("SG1060", 3), ("SG1060", 4));
        AssertClean("/root/.netrc", "machine ftp.example.com login anonymous password\nmachine api.example.com login ci password ${NETRC_PASSWORD}\n");
    }

    [TestMethod]
    public void Aws_credentials_with_a_session_token()
    {
        var id = "AS" + "IA" + TestSecrets.Random(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 903);
        var secret = TestSecrets.AwsSecret(seed: 904);
        var session = "IQoJb3JpZ2luX2Vj" + TestSecrets.Random(300, TestSecrets.Alnum + "/+", 905) + "==";
        AssertErrors("/root/.aws/credentials", "[default]\naws_access_key_id = " + id + "\naws_secret_access_key = " + secret + "\naws_session_token = " + session + "\nregion = eu-west-1\n",
            ("SG1002", 2), ("SG1003", 3), ("SG1010", 4));
        AssertClean("/root/.aws/credentials", "[default]\naws_access_key_id = AKIAIOSFODNN7" + "EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY\nregion = eu-west-1\n");
    }

    [TestMethod]
    public void Docker_config_json_auths()
    {
        var auth = Convert.ToBase64String(Encoding.ASCII.GetBytes("ci:" + Password));
        AssertErrors("/root/.docker/config.json", "{\n  \"auths\": {\n    \"registry.example.com\": {\n      \"auth\": \"" + auth + "\"\n    }\n  }\n}\n", ("SG1059", 4));
        AssertClean("/root/.docker/config.json", "{\n  \"auths\": {\n    \"registry.example.com\": {}\n  },\n  \"credsStore\": \"desktop\"\n}\n");
    }

    [TestMethod]
    public void Kubeconfig_with_a_client_key_and_a_bearer_token()
    {
        var key = Convert.ToBase64String(Encoding.ASCII.GetBytes(TestSecrets.PemPrivateKey()));
        var token = TestSecrets.Random(40, "abcdefghijklmnopqrstuvwxyz0123456789", 906);
        AssertErrors("/root/.kube/config", "apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    client-key-data: " + key + "\n- name: ci\n  user:\n    token: " + token + "\n",
            ("SG1100", 6), ("SG1010", 9));
        AssertClean("/root/.kube/config", "apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    exec:\n      command: kubelogin\n      args: [get-token]\n");
    }

    [TestMethod]
    public void Dotenv_file()
    {
        var stripe = TestSecrets.StripeLiveKey(seed: 907);
        AssertErrors("/app/.env", "ASPNETCORE_ENVIRONMENT=Production\nSTRIPE_SECRET_KEY=" + stripe + "\nDB_PASSWORD='" + Password + "'\n", ("SG1005", 2), ("SG1010", 3));
        AssertClean("/app/.env", "ASPNETCORE_ENVIRONMENT=Production\nSTRIPE_SECRET_KEY=\nDB_PASSWORD_FILE=/run/secrets/db_password\nAPI_KEY=${API_KEY}\n");
    }

    [TestMethod]
    public void User_secrets_json_copied_into_the_image()
    {
        var stripe = TestSecrets.StripeLiveKey(seed: 908);
        AssertErrors("/root/.microsoft/usersecrets/6f1c0b7e-2a4d-4c1e-9b3f-0d2a1c4e5f60/secrets.json",
            "{\n  \"ConnectionStrings:Default\": \"Server=db;Database=shop;User Id=shop;Password=" + Password + ";\",\n  \"Stripe:SecretKey\": \"" + stripe + "\"\n}\n",
            ("SG1008", 2), ("SG1005", 3));
        AssertClean("/root/.microsoft/usersecrets/6f1c0b7e-2a4d-4c1e-9b3f-0d2a1c4e5f60/secrets.json", "{\n  \"ConnectionStrings:Default\": \"Server=db;Database=shop;Integrated Security=true\",\n  \"Stripe:SecretKey\": \"\"\n}\n");
    }

    [TestMethod]
    public void User_secrets_with_the_key_dotnet_user_jwts_signs_with()
    {
        var key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 37 + 11)).ToArray());
        AssertErrors("/root/.microsoft/usersecrets/6f1c0b7e-2a4d-4c1e-9b3f-0d2a1c4e5f60/secrets.json",
            "{\n  \"Authentication:Schemes:Bearer:SigningKeys\": [\n    {\n      \"Id\": \"3a5c6b4e\",\n      \"Issuer\": \"dotnet-user-jwts\",\n      \"Value\": \"" + key + "\",\n      \"Length\": 32\n    }\n  ]\n}\n",
            ("SG1104", 6));
        AssertClean("/root/.microsoft/usersecrets/6f1c0b7e-2a4d-4c1e-9b3f-0d2a1c4e5f60/secrets.json", "{\n  \"Authentication:Schemes:Bearer:SigningKeys\": []\n}\n");
    }

    [TestMethod]
    public void Appsettings_production_json()
    {
        AssertErrors("/app/appsettings.Production.json",
            "{\n  \"ConnectionStrings\": {\n    \"Orders\": \"Host=pg;Database=orders;Username=app;Password=" + Password + "\"\n  },\n  \"Payments\": {\n    \"ApiKey\": \"" + TestSecrets.Random(32, seed: 909) + "\"\n  }\n}\n",
            ("SG1008", 3), ("SG1010", 6));
        AssertClean("/app/appsettings.Production.json", "{\n  \"ConnectionStrings\": {\n    \"Orders\": \"Host=pg;Database=orders;Username=app;Password=${ORDERS_DB_PASSWORD}\"\n  },\n  \"Payments\": {\n    \"ApiKey\": \"<set in Key Vault>\",\n    \"ApiKeyFile\": \"/run/secrets/payments\"\n  }\n}\n");
    }

    [TestMethod]
    public void Web_config_connection_strings_and_app_settings()
    {
        AssertErrors("/app/web.config",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <connectionStrings>\n    <add name=\"Shop\" connectionString=\"Data Source=sql;Initial Catalog=shop;User ID=shop;Password=" + Password + "\" providerName=\"System.Data.SqlClient\" />\n  </connectionStrings>\n  <appSettings>\n    <add key=\"SmtpPassword\" value=\"" + Password + "Q\" />\n  </appSettings>\n</configuration>\n",
            ("SG1008", 4), ("SG1010", 7));
        AssertClean("/app/web.config", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <connectionStrings>\n    <add name=\"Shop\" connectionString=\"Data Source=sql;Initial Catalog=shop;Integrated Security=SSPI\" />\n  </connectionStrings>\n  <appSettings>\n    <add key=\"SmtpPassword\" value=\"\" />\n    <add key=\"PasswordMinLength\" value=\"12\" />\n  </appSettings>\n</configuration>\n");
    }

    [TestMethod]
    public void Htpasswd()
    {
        AssertErrors("/etc/nginx/.htpasswd", "admin:$apr1$" + TestSecrets.Random(8, seed: 910) + "$" + TestSecrets.Random(22, TestSecrets.Alnum + "./", 911) + "\nci:$2y$10$" + TestSecrets.Random(53, TestSecrets.Alnum + "./", 912) + "\n",
            ("SG1101", 1), ("SG1101", 2));
        AssertClean("/etc/nginx/.htpasswd", "# generated at deploy time from the secret store\n");
    }

    [TestMethod]
    public void Wp_config_php()
    {
        AssertErrors("/var/www/html/wp-config.php", "<?php\ndefine( 'DB_NAME', 'wordpress' );\ndefine( 'DB_USER', 'wp' );\ndefine( 'DB_PASSWORD', '" + Password + "' );\ndefine( 'AUTH_KEY', '" + TestSecrets.Random(64, TestSecrets.Alnum + "!@#%^&*()-_[]{}<>~+=,.;:/?|", 913) + "' );\n",
            ("SG1102", 4), ("SG1102", 5));
        AssertClean("/var/www/html/wp-config.php", "<?php\ndefine( 'DB_NAME', 'wordpress' );\ndefine( 'DB_PASSWORD', getenv('WORDPRESS_DB_PASSWORD') );\ndefine( 'AUTH_KEY', 'put your unique phrase here' );\n");
    }

    [TestMethod]
    public void Terraform_state()
    {
        AssertErrors("/infra/terraform.tfstate",
            "{\n  \"version\": 4,\n  \"resources\": [\n    {\n      \"type\": \"azurerm_postgresql_flexible_server\",\n      \"instances\": [\n        {\n          \"attributes\": {\n            \"administrator_login\": \"pgadmin\",\n            \"administrator_password\": \"" + Password + "\",\n            \"fqdn\": \"pg.example.com\"\n          }\n        }\n      ]\n    }\n  ]\n}\n",
            ("SG1010", 10));
        AssertClean("/infra/terraform.tfstate", "{\n  \"version\": 4,\n  \"resources\": [\n    {\n      \"instances\": [ { \"attributes\": { \"administrator_login\": \"pgadmin\", \"administrator_password\": null, \"fqdn\": \"pg.example.com\" } } ]\n    }\n  ]\n}\n");
    }

    [TestMethod]
    public void Database_and_broker_urls()
    {
        AssertErrors("/app/config/services.yaml",
            "mongo: mongodb+srv://shop:" + Password.Replace("#", "", StringComparison.Ordinal) + "@cluster0.ab1cd.mongodb.net/shop?retryWrites=true\nrabbit: amqps://orders:" + Password.Replace("#", "", StringComparison.Ordinal) + "Q@mq.shopfloor-internal.net:5671/vhost\n",
            ("SG1009", 1), ("SG1009", 2));
        AssertClean("/app/config/services.yaml", "mongo: mongodb+srv://cluster0.ab1cd.mongodb.net/shop\nrabbit: amqps://${MQ_USER}:${MQ_PASSWORD}@mq.internal.example:5671/vhost\n");
    }
}
