using SecretGuard.Detection;

namespace SecretGuard.Tests.Detection;

/// <summary>Credentials with no prefix, told apart from any hash by the service's name before them (SG1105–SG1109).</summary>
[TestClass]
public sealed class ServiceContextRulesTests
{
    public static readonly string[] Rules = ["SG1105", "SG1106", "SG1107", "SG1108", "SG1109"];

    private static string Hex(int length, int seed) => TestSecrets.Random(length, "0123456789abcdef", seed);

    private static void NotBy(string ruleId, string text)
    {
        var hits = RuleSet.Default.Scan(text);
        Assert.IsFalse(hits.Any(h => h.Rule.Id == ruleId), $"{ruleId} matched: {text}");
    }

    private static string LabelOf(string ruleId, string text) => RuleSet.Default.Scan(text).Single(h => h.Rule.Id == ruleId).Match.Label;

    [TestMethod]
    public void Twilio_auth_token_in_env_and_api_key_secret_in_an_appsettings_section()
    {
        var token = Hex(32, 1);
        RuleAssert.Finds("SG1105", "TWILIO_AUTH_TOKEN=" + token + "\n", token);
        Assert.AreEqual("Twilio auth token", LabelOf("SG1105", "TWILIO_AUTH_TOKEN=" + token));

        var secret = TestSecrets.Random(32, seed: 2);
        var json = "{\n  \"Twilio\": {\n    \"AccountSid\": \"AC" + Hex(32, 3) + "\",\n    \"ApiKeySecret\": \"" + secret + "\"\n  }\n}\n";
        RuleAssert.Finds("SG1105", json, secret);
        Assert.AreEqual("Twilio API key secret", LabelOf("SG1105", json));
    }

    [TestMethod]
    public void Twilio_sids_and_hashes_far_from_the_name_are_not_credentials()
    {
        NotBy("SG1105", "TWILIO_ACCOUNT_SID=AC" + Hex(32, 4) + "\nTWILIO_API_KEY_SID=" + Hex(32, 5) + "\n");
        NotBy("SG1105", "# twilio\n" + string.Concat(Enumerable.Repeat("padding line of the file\n", 30)) + "auth_token = " + Hex(32, 6) + "\n");
    }

    [TestMethod]
    public void Mailgun_private_key_and_signing_key()
    {
        var key = "key-" + Hex(32, 7);
        RuleAssert.Finds("SG1106", "MAILGUN_API_KEY=" + key + "\n", key);

        var signing = Hex(32, 8) + "-" + Hex(8, 9) + "-" + Hex(8, 10);
        var yaml = "mailgun:\n  webhook_signing_key: \"" + signing + "\"\n";
        RuleAssert.Finds("SG1106", yaml, signing);
        Assert.AreEqual("Mailgun webhook signing key", LabelOf("SG1106", yaml));
    }

    [TestMethod]
    public void Mailgun_public_validation_key_and_domain_are_not_credentials()
    {
        NotBy("SG1106", "MAILGUN_PUBLIC_KEY=pubkey-" + Hex(32, 11) + "\n");
        NotBy("SG1106", "\"Mailgun\": { \"Domain\": \"" + Hex(32, 12) + "-" + Hex(8, 13) + "-" + Hex(8, 14) + "\" }");
    }

    [TestMethod]
    public void Okta_token_in_config_and_in_an_ssws_header()
    {
        var token = "00" + TestSecrets.Random(40, TestSecrets.Alnum + "_-", 15);
        RuleAssert.Finds("SG1107", "okta:\n  client:\n    token: " + token + "\n", token);

        var header = "curl -H \"Authorization: SSWS " + token + "\" https://dev-1.example.com/api/v1/users";
        RuleAssert.Finds("SG1107", header, token);
    }

    [TestMethod]
    public void Okta_client_id_and_a_token_of_another_shape_are_not_okta_tokens()
    {
        NotBy("SG1107", "OKTA_CLIENT_ID=0oa" + TestSecrets.Random(17, seed: 16) + "\n");
        NotBy("SG1107", "OKTA_API_TOKEN=01" + TestSecrets.Random(40, seed: 17) + "\n"); // not 00…
    }

    [TestMethod]
    public void Algolia_admin_and_write_keys()
    {
        var admin = Hex(32, 18);
        RuleAssert.Finds("SG1108", "ALGOLIA_ADMIN_KEY=" + admin + "\n", admin);

        var write = Hex(32, 19);
        RuleAssert.Finds("SG1108", "{ \"Algolia\": { \"ApplicationId\": \"ABCD1234EF\", \"WriteApiKey\": \"" + write + "\" } }", write);
    }

    [TestMethod]
    public void Algolia_search_only_key_and_application_id_are_not_admin_keys()
    {
        NotBy("SG1108", "ALGOLIA_SEARCH_KEY=" + Hex(32, 20) + "\n");
        NotBy("SG1108", "{ \"Algolia\": { \"SearchApiKey\": \"" + Hex(32, 21) + "\" } }");
    }

    [TestMethod]
    public void Datadog_api_key_in_the_agents_variable_and_application_key_in_a_section()
    {
        var api = Hex(32, 22);
        RuleAssert.Finds("SG1109", "DD_API_KEY=" + api + "\n", api);
        Assert.AreEqual("Datadog API key", LabelOf("SG1109", "DD_API_KEY=" + api));

        var app = Hex(40, 23);
        var json = "{\n  \"Datadog\": {\n    \"Site\": \"datadoghq.eu\",\n    \"AppKey\": \"" + app + "\"\n  }\n}";
        RuleAssert.Finds("SG1109", json, app);
        Assert.AreEqual("Datadog application key", LabelOf("SG1109", json));
    }

    [TestMethod]
    public void Datadog_client_token_and_a_commit_hash_are_not_keys()
    {
        NotBy("SG1109", "DD_CLIENT_TOKEN=pub" + Hex(32, 24) + "\n");
        NotBy("SG1109", "datadog:\n  version_commit: " + Hex(40, 25) + "\n");
    }

    [TestMethod]
    public void Placeholders_and_low_entropy_values_are_not_credentials()
    {
        NotBy("SG1109", "DD_API_KEY=00000000000000000000000000000000\n");
        NotBy("SG1105", "TWILIO_AUTH_TOKEN=${TWILIO_AUTH_TOKEN}\n");
    }
}
