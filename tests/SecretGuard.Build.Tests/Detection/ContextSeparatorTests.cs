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
}
