using SecretGuard.Detection;

namespace SecretGuard.Tests.Detection;

/// <summary>
/// Values that are obviously not real never fail a build, whichever rule's shape they have: one character
/// repeated, masked values, runs of the alphabet or of digits, EXAMPLE, vendors' samples and test-mode keys.
/// </summary>
[TestClass]
public sealed class ObviouslyFakeValuesTests
{
    public static IEnumerable<object[]> FakeValues =>
    [
        ["GITHUB_TOKEN=gh" + "p_" + new string('0', 36)],
        ["GITHUB_TOKEN=gh" + "p_" + new string('x', 36)],
        ["OPENAI_API_KEY=sk-" + "proj-" + new string('*', 20) + "T3BlbkFJ" + new string('*', 20)],
        ["SLACK_WEBHOOK=https://hooks.slack" + ".com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"],
        ["NPM_TOKEN=np" + "m_abcdefghijklmnopqrstuvwxyz0123456789"],
        ["DB_PASSWORD=Passw0rd123456"],
        ["API_SECRET=ABCDEFGHIJ1234567890abcdefghij"],
        ["api_key: \"98765432" + "10fedcba98765432" + "10fedcba\""],
        ["STRIPE_SECRET_KEY=sk" + "_test_" + TestSecrets.Random(24, seed: 9)],
        ["STRIPE_RESTRICTED_KEY=rk" + "_test_" + TestSecrets.Random(24, seed: 10)],
        ["AWS_ACCESS_KEY_ID=AKIA" + "IOSFODNN7EXAMPLE"],
        ["SECRET_TOKEN=" + new string('#', 32)],
        ["SENDGRID_API_KEY=SG" + "." + new string('x', 22) + "." + new string('x', 43)],
        ["CLOUDFLARE_API_TOKEN=" + new string('a', 40)],
        ["client_secret = \"xoxb-not-a-real-token-this-will-not-work\""],
        ["HF_TOKEN=hf_" + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefgh"],
    ];

    [TestMethod]
    [DynamicData(nameof(FakeValues))]
    public void Obviously_fake_values_are_not_reported(string text) => RuleAssert.Clean(text + "\n");

    [TestMethod]
    public void Real_shaped_random_values_next_to_them_still_are()
    {
        var token = TestSecrets.GitHubToken(seed: 11);
        RuleAssert.Finds("SG1004", "GITHUB_TOKEN=" + token + "\n", token);
        var live = TestSecrets.StripeLiveKey(12);
        Assert.IsTrue(RuleSet.Default.Scan("STRIPE_SECRET_KEY=" + live + "\n").Any());
    }

    [TestMethod]
    public void Runs_repeats_masks_and_test_prefixes_are_told_apart_from_random_values()
    {
        Assert.IsTrue(Placeholders.IsNotReal("abc_fedcba9"));
        Assert.IsTrue(Placeholders.IsNotReal("x-00000000-y"));
        Assert.IsTrue(Placeholders.IsNotReal("rk_test_" + TestSecrets.Random(24, seed: 13)));
        Assert.IsFalse(Placeholders.IsNotReal("abcde-12345-vwxyz")); // runs of five, in separate segments
        Assert.IsFalse(Placeholders.IsNotReal("AAAAAAAAAAAAAAAAAAAAAA" + TestSecrets.Random(40, seed: 14)), "a run of one letter inside a longer segment (Twitter bearer tokens start so)");
        for (var seed = 0; seed < 2000; seed++)
        {
            var random = TestSecrets.Random(40, seed: seed);
            Assert.IsFalse(Placeholders.IsNotReal(random), random);
        }
    }
}
