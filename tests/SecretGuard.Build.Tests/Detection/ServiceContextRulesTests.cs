using SecretGuard.Detection;

namespace SecretGuard.Tests.Detection;

/// <summary>Credentials with no prefix, told apart from any hash by the service's name before them (SG1105–SG1113).</summary>
[TestClass]
public sealed class ServiceContextRulesTests
{
    public static readonly string[] Rules = ["SG1105", "SG1106", "SG1107", "SG1108", "SG1109", "SG1110", "SG1111", "SG1112", "SG1113"];

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

    private static string Uuid(int seed) => Hex(8, seed) + "-" + Hex(4, seed + 1) + "-" + Hex(4, seed + 2) + "-" + Hex(4, seed + 3) + "-" + Hex(12, seed + 4);

    [TestMethod]
    public void Ibm_cloud_api_key_in_the_cli_variable_and_in_service_credentials()
    {
        var key = TestSecrets.Random(44, TestSecrets.Alnum + "_-", 30);
        RuleAssert.Finds("SG1110", "IBMCLOUD_API_KEY=" + key + "\n", key);

        // Service credentials as the IBM Cloud console shows them: the CRNs that name the cloud come after the key.
        var credentials = TestSecrets.Random(44, TestSecrets.Alnum + "_-", 31);
        var json = "{\n  \"apikey\": \"" + credentials + "\",\n  \"iam_apikey_description\": \"Auto-generated for key\",\n  \"iam_role_crn\": \"crn:v1:bluemix:public:iam::::serviceRole:Manager\"\n}";
        RuleAssert.Finds("SG1110", json, credentials);
    }

    [TestMethod]
    public void Ibm_names_with_other_values_are_not_api_keys()
    {
        NotBy("SG1110", "IBM_CLOUD_REGION=us-south\nIBM_COS_BUCKET=" + TestSecrets.Random(44, "abcdefghijklmnopqrstuvwxyz", 32) + "\n");
        NotBy("SG1110", "bluemix:\n  apikey: " + TestSecrets.Random(43, TestSecrets.Alnum, 33) + "\n"); // 43, not 44
    }

    [TestMethod]
    public void Postmark_server_token_in_config_and_account_token_in_a_section()
    {
        var server = Uuid(40);
        RuleAssert.Finds("SG1111", "POSTMARK_SERVER_TOKEN=" + server + "\n", server);

        var account = Uuid(50);
        var json = "{ \"Postmark\": { \"AccountToken\": \"" + account + "\" } }";
        RuleAssert.Finds("SG1111", json, account);
        Assert.AreEqual("Postmark account token", LabelOf("SG1111", json));
    }

    [TestMethod]
    public void Postmark_message_and_template_ids_are_not_tokens()
    {
        NotBy("SG1111", "{ \"Postmark\": { \"TemplateId\": \"" + Uuid(60) + "\" } }");
        NotBy("SG1111", "postmark_message_stream: " + Uuid(70) + "\n");
    }

    [TestMethod]
    public void PayPal_client_secret_in_env_and_in_a_section()
    {
        var secret = TestSecrets.Random(80, TestSecrets.Alnum + "_-", 80);
        RuleAssert.Finds("SG1112", "PAYPAL_CLIENT_SECRET=" + secret + "\n", secret);

        var other = TestSecrets.Random(80, TestSecrets.Alnum + "_-", 81);
        RuleAssert.Finds("SG1112", "{ \"PayPal\": { \"ClientId\": \"" + TestSecrets.Random(80, TestSecrets.Alnum + "_-", 82) + "\", \"Secret\": \"" + other + "\" } }", other);
    }

    [TestMethod]
    public void PayPal_client_id_and_a_short_secret_are_not_client_secrets()
    {
        NotBy("SG1112", "PAYPAL_CLIENT_ID=" + TestSecrets.Random(80, TestSecrets.Alnum + "_-", 83) + "\n");
        NotBy("SG1112", "PAYPAL_CLIENT_SECRET=" + TestSecrets.Random(79, TestSecrets.Alnum, 84) + "\n");
    }

    private static string OciConfig(string passphraseLine) =>
        "[DEFAULT]\nuser=ocid1.user.oc1..aaaaaaaa" + TestSecrets.Random(52, "abcdefghijklmnopqrstuvwxyz0123456789", 90) + "\n"
        + "fingerprint=20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34\n"
        + "tenancy=ocid1.tenancy.oc1..aaaaaaaa" + TestSecrets.Random(52, "abcdefghijklmnopqrstuvwxyz0123456789", 91) + "\n"
        + "region=eu-frankfurt-1\nkey_file=~/.oci/oci_api_key.pem\n" + passphraseLine;

    [TestMethod]
    public void Oracle_cloud_key_passphrase_in_an_oci_config()
    {
        RuleAssert.Finds("SG1113", OciConfig("pass_phrase=Vq8#mZ2!pLx7\n"), "Vq8#mZ2!pLx7");
        RuleAssert.Finds("SG1113", OciConfig("pass_phrase = Tz4$wR9kLm2q\n"), "Tz4$wR9kLm2q");
    }

    [TestMethod]
    public void An_oci_config_without_a_passphrase_or_a_pass_phrase_elsewhere_is_not_one()
    {
        NotBy("SG1113", OciConfig(""));
        NotBy("SG1113", "[ssh]\npass_phrase=Vq8#mZ2!pLx7\n"); // no OCI profile above it (SG1010 still reports it)
        RuleAssert.Finds("SG1010", "[ssh]\npass_phrase=Vq8#mZ2!pLx7\n", "Vq8#mZ2!pLx7");
    }

    private static bool Blocks(string text) =>
        RuleSet.Default.Scan(text).Any(h => (h.Match.Confidence ?? h.Rule.Confidence) == SecretGuard.Findings.Confidence.High);

    /// <summary>
    /// A setting naming a payment, messaging or business service whose formats SecretGuard knows, holding a
    /// value of none of them (a truncated key, a key id, a value outside the alphabet): the generic
    /// credential-name rule reports it as a warning, not as a proven secret (issue 28).
    /// </summary>
    [TestMethod]
    [DataRow("STRIPE_SECRET_KEY={0}")]
    [DataRow("SQUARE_ACCESS_TOKEN={0}")]
    [DataRow("SHOPIFY_API_SECRET={0}")]
    [DataRow("TELEGRAM_BOT_TOKEN={0}")]
    [DataRow("BREVO_API_KEY={0}")]
    [DataRow("POSTHOG_PERSONAL_API_KEY={0}")]
    [DataRow("NOTION_API_TOKEN={0}")]
    [DataRow("DYNATRACE_API_TOKEN={0}")]
    [DataRow("IBM_CLOUD_API_KEY={0}")]
    [DataRow("AIRTABLE_API_KEY={0}")]
    [DataRow("\"MailerSendApiToken\": \"{0}\"")]
    public void A_known_service_setting_whose_value_fails_its_formats_is_a_warning(string form)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, form, TestSecrets.Random(30, seed: 2801)) + "\n";
        var hits = RuleSet.Default.Scan(text);
        Assert.IsTrue(hits.Any(h => h.Rule.Id == "SG1010"), "still reported: " + text);
        Assert.IsFalse(Blocks(text), string.Join(", ", hits.Select(h => h.Rule.Id + ":" + h.Match.Confidence)));
    }

    /// <summary>Masked, truncated and host-name values under the names of services of these areas block no build.</summary>
    [TestMethod]
    [DataRow("SLACK_USER_TOKEN=xoxp-1234567890-0987654321-5678901234-####")]
    [DataRow("STRIPE_SECRET_KEY=sk_live_51Hx****************************")]
    [DataRow("SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [DataRow("POSTHOG_PERSONAL_API_KEY=phx_AbC1xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [DataRow("MAILERSEND_API_TOKEN=mlsn.****")]
    [DataRow("ZENDESK_API_TOKEN=acme.zendesk.com")]
    [DataRow("SHOPIFY_ACCESS_TOKEN=acme-store.myshopify.com")]
    [DataRow("TRELLO_TOKEN=ATTA...")]
    public void Masked_truncated_and_host_values_do_not_block(string text) =>
        Assert.IsFalse(Blocks(text + "\n"), string.Join(", ", RuleSet.Default.Scan(text + "\n").Select(h => h.Rule.Id + ":" + h.Match.Confidence)));

    /// <summary>The context formats fixed against their vendors' shapes (issue 28).</summary>
    [TestMethod]
    public void Context_shapes_as_the_vendors_issue_them()
    {
        var confluent = TestSecrets.Random(30, seed: 2802) + "+/" + TestSecrets.Random(32, seed: 2803);
        RuleAssert.Finds("SG1175", "CONFLUENT_CLOUD_API_SECRET=" + confluent + "\n", confluent);
        var intercom = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("tok:" + Hex(8, 2804) + "_" + Hex(4, 2805) + "_" + Hex(4, 2806) + "_" + Hex(4, 2807) + "_" + Hex(12, 2808) + ":1:0"));
        RuleAssert.Finds("SG1187", "INTERCOM_ACCESS_TOKEN=" + intercom + "\n", intercom);
        NotBy("SG1187", "INTERCOM_ACCESS_TOKEN=" + Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("abc:" + Hex(41, 2809) + ":1:0")) + "\n");
        var mandrill = "md-" + TestSecrets.Random(22, TestSecrets.Alnum + "_-", 2810);
        RuleAssert.Finds("SG1239", "MANDRILL_API_KEY=" + mandrill + "\n", mandrill);
        var pagerDuty = "u+" + TestSecrets.Random(18, TestSecrets.Alnum + "_-", 2811);
        RuleAssert.Finds("SG1220", "PAGERDUTY_TOKEN=" + pagerDuty + "\n", pagerDuty);
        var honeycomb = TestSecrets.Random(32, "abcdefghijklmnopqrstuvwxyz0123456789", 2812);
        RuleAssert.Finds("SG1225", "HONEYCOMB_KEY_SECRET=" + honeycomb + "\n", honeycomb);
        var wandb = "local-" + Hex(40, 2813);
        RuleAssert.Finds("SG1237", "WANDB_API_KEY=" + wandb + "\n", wandb);
    }
}
