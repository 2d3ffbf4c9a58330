namespace SecretGuard.Tests.Detection;

/// <summary>
/// A service's credential is found whatever ordinary punctuation stands between its name and its value
/// (a dash, a bar, a comma, an arrow, blanks alone), as it is with =; an identifier of the same shape is not.
/// </summary>
[TestClass]
public sealed class ContextSeparatorTests
{
    private static readonly string Token = TestSecrets.Random(40, "0123456789abcdef", 21);

    public static IEnumerable<object[]> Forms =>
    [
        ["SENDBIRD_API_TOKEN = '{0}'"],
        ["SENDBIRD_API_TOKEN - '{0}'"],
        ["- SENDBIRD_API_TOKEN - \"{0}\""],
        ["ENV SENDBIRD_API_TOKEN {0}"],
        ["os.environ.setdefault(\"SENDBIRD_API_TOKEN\", \"{0}\")"],
        ["| sendbird_api_token | {0} |"],
        ["sendbird_api_token := \"{0}\""],
        [":sendbird_api_token -> '{0}'"],
        ["sendbird_api_token => '{0}'"],
    ];

    [TestMethod]
    [DynamicData(nameof(Forms))]
    public void The_pair_is_found_whatever_punctuation_separates_it(string form) =>
        RuleAssert.Finds("SG1200", string.Format(System.Globalization.CultureInfo.InvariantCulture, form, Token) + "\n", Token);

    [TestMethod]
    [DataRow("SENDBIRD_APP_ID - '{0}'")]
    [DataRow("| sendbird_user_id | {0} |")]
    [DataRow("sendbird commit {0}")]
    [DataRow("SENDBIRD_API_TOKEN - '{0}0'")]
    public void Identifiers_other_words_and_other_shapes_are_not(string form)
    {
        var hits = SecretGuard.Detection.RuleSet.Default.Scan(string.Format(System.Globalization.CultureInfo.InvariantCulture, form, Token) + "\n");
        Assert.IsFalse(hits.Any(h => h.Rule.Id == "SG1200"), string.Join(", ", hits.Select(h => h.Rule.Id)));
    }

    /// <summary>The same separators between other services' names and their credentials, in configuration and in lists.</summary>
    public static IEnumerable<object[]> OtherServices =>
    [
        ["SG1175", "CONFLUENT_API_SECRET - '{0}'", TestSecrets.Random(64, TestSecrets.Alnum + "+/", 22)],
        ["SG1222", "- ROLLBAR_ACCESS_TOKEN - \"{0}\"", TestSecrets.Random(32, "0123456789abcdef", 23)],
        ["SG1208", "| zendesk_api_token | {0} |", TestSecrets.Random(40, seed: 24)],
        ["SG1211", "razorpay_key_secret => '{0}'", TestSecrets.Random(24, seed: 25)],
        ["SG1239", "ENV MANDRILL_API_KEY {0}", "md-" + TestSecrets.Random(22, seed: 26)],
        ["SG1246", "trello_token -> '{0}'", TestSecrets.Random(64, "0123456789abcdef", 27)],
    ];

    [TestMethod]
    [DynamicData(nameof(OtherServices))]
    public void Other_services_pairs_are_found_whatever_punctuation_separates_them(string rule, string form, string secret) =>
        RuleAssert.Finds(rule, string.Format(System.Globalization.CultureInfo.InvariantCulture, form, secret) + "\n", secret);
}
