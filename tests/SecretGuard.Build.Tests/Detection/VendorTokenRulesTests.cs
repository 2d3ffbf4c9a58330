namespace SecretGuard.Tests.Detection;

[TestClass]
public sealed class VendorTokenRulesTests
{
    [TestMethod]
    public void Finds_stripe_live_secret_key()
    {
        var key = TestSecrets.StripeLiveKey();
        RuleAssert.Finds("SG1005", "\"Stripe\": { \"SecretKey\": \"" + key + "\" }", key);
    }

    [TestMethod]
    public void Finds_stripe_restricted_key_in_args()
    {
        var key = "rk" + "_live_" + TestSecrets.Random(40, seed: 8);
        RuleAssert.Finds("SG1005", "--stripe " + key, key);
    }

    [TestMethod]
    public void Stripe_publishable_and_test_keys_are_not_findings()
    {
        RuleAssert.Clean("pk" + "_live_" + TestSecrets.Random(32));
        RuleAssert.Clean("sk" + "_test_" + TestSecrets.Random(32));
    }

    [TestMethod]
    public void Finds_slack_bot_token()
    {
        var token = TestSecrets.SlackBotToken();
        RuleAssert.Finds("SG1006", "SLACK=" + token, token);
    }

    [TestMethod]
    public void Finds_slack_webhook()
    {
        var hook = "https://hooks.slack" + ".com/services/T" + TestSecrets.Random(8, "ABCDEFGHJK0123456789") + "/B" + TestSecrets.Random(8, "ABCDEFGHJK0123456789", 2) + "/" + TestSecrets.Random(24, seed: 3);
        RuleAssert.Finds("SG1006", "webhook: " + hook, hook);
    }

    [TestMethod]
    public void Slack_words_are_not_findings() => RuleAssert.Clean("Set xoxb-tokens in the SLACK_BOT_TOKEN_FILE; see https://api.slack.com/authentication/token-types");

    [TestMethod]
    public void Finds_sendgrid_key()
    {
        var key = TestSecrets.SendGridKey();
        RuleAssert.Finds("SG1007", "SENDGRID_API_KEY=" + key, key);
    }

    [TestMethod]
    public void Finds_sendgrid_key_in_json()
    {
        var key = TestSecrets.SendGridKey(seed: 21);
        RuleAssert.Finds("SG1007", "{\"SendGrid\":{\"Key\":\"" + key + "\"}}", key);
    }

    [TestMethod]
    public void Sendgrid_like_version_strings_are_not_findings() => RuleAssert.Clean("SG.1.2 released; SG.config.json");
}
