using SecretGuard.Detection;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Detection;

/// <summary>
/// Values that cannot be credentials (masked, filled by hand, outside the service's alphabet, a host name,
/// shorter than the service's format, a public search key) never fail a build; the real-shaped value
/// beside each is still found. Values are assembled at run time.
/// </summary>
[TestClass]
public sealed class ValuesThatCannotBeCredentialsTests
{
    private const string Hex = "0123456789abcdef";
    private const string Digits = "0123456789";

    private static string Random(int length, string alphabet = TestSecrets.Alnum, int seed = 1) => TestSecrets.Random(length, alphabet, seed);

    /// <summary>The findings that would fail a build (high confidence).</summary>
    internal static List<RuleHit> Blocking(string text, TextOrigin origin = TextOrigin.File) =>
        RuleSet.Default.Scan(text, origin).Where(h => (h.Match.Confidence ?? h.Rule.Confidence) == Confidence.High).ToList();

    private static void DoesNotBlock(string text, TextOrigin origin = TextOrigin.File)
    {
        var blocking = Blocking(text, origin);
        Assert.IsEmpty(blocking, $"'{text.TrimEnd()}' fails a build: [{string.Join(", ", blocking.Select(h => h.Rule.Id))}]");
    }

    private static string SlackUserToken(int seed) =>
        "xo" + "xp-" + Random(10, Digits, seed) + "-" + Random(10, Digits, seed + 1) + "-" + Random(10, Digits, seed + 2) + "-" + Random(32, Hex, seed + 3);

    [TestMethod]
    public void A_masked_value_is_not_a_credential()
    {
        var token = SlackUserToken(1);
        var shown = token[..token.LastIndexOf('-')];
        RuleAssert.Clean("SLACK_TOKEN=" + shown + "-####\n");
        RuleAssert.Clean("SLACK_TOKEN=" + shown + "-" + token[^32..^28] + "####\n");
        RuleAssert.Clean("slack_token: \"" + shown + "-****\"\n");
        RuleAssert.Clean("SLACK_TOKEN=" + token[..^4] + "xxxx\n");
        RuleAssert.Clean("SLACK_TOKEN=" + shown + "-\u2026\n");
        RuleAssert.Clean("token: " + "sk_" + "live_" + Random(12, seed: 2) + "...\n");
        RuleAssert.Finds("SG1006", "SLACK_TOKEN=" + token + "\n", token);
    }

    [TestMethod]
    public void Markdown_bold_around_a_real_token_is_not_a_mask()
    {
        var token = SlackUserToken(3);
        RuleAssert.Finds("SG1006", "The token is **" + token + "**.\n", token);
    }

    [TestMethod]
    public void Runs_and_repeated_units_typed_to_fill_a_field_are_not_credentials()
    {
        RuleAssert.Clean("SRC_ACCESS_TOKEN=sg" + "p_5555555daaaaa7777777ccccc3333333bbbbb1111\n");
        RuleAssert.Clean("SRC_ACCESS_TOKEN=sg" + "p_5555555dAAAAA7777777ccccc3333333bbbbb1111\n");
        RuleAssert.Clean("CI_RUNNER_TOKEN=gl" + "rt-" + string.Concat(Enumerable.Repeat("123", 8)) + "\n");
        RuleAssert.Clean("REGISTRATION_TOKEN=GR" + "1348941" + string.Concat(Enumerable.Repeat("123", 7)) + "\n");
        RuleAssert.Clean("API_TOKEN=" + string.Concat(Enumerable.Repeat("ab12", 6)) + "\n");

        var sourcegraph = "sg" + "p_" + Random(40, Hex, 4);
        RuleAssert.Finds("SG1122", "SRC_ACCESS_TOKEN=" + sourcegraph + "\n", sourcegraph);
        var runner = "gl" + "rt-" + Random(24, seed: 5);
        RuleAssert.Finds("SG1020", "CI_RUNNER_TOKEN=" + runner + "\n", runner);
    }

    [TestMethod]
    public void Random_values_are_not_taken_for_runs_or_repeated_units()
    {
        for (var seed = 0; seed < 3000; seed++)
        {
            foreach (var value in new[] { Random(40, Hex, seed), Random(64, seed: seed), Random(24, Digits, seed) })
            {
                Assert.IsFalse(Placeholders.IsNotReal(value), value);
            }
        }

        Assert.IsFalse(Placeholders.IsNotReal(new string('A', 22) + "MLhe" + new string('A', 8) + "0%2B" + Random(70, seed: 6)), "runs of A alone are base64 of zero bytes");
    }

    [TestMethod]
    public void A_value_outside_the_services_alphabet_is_at_most_a_warning()
    {
        var key = Random(32, Hex, 7);
        var upper = char.ToUpperInvariant(key.First(char.IsAsciiLetter));
        var mixed = upper + key[1..];
        if (!char.IsAsciiLetter(key[0]))
        {
            mixed = key[..^1] + "F";
        }

        DoesNotBlock("DATADOG_API_KEY=" + mixed + "\n");
        DoesNotBlock("DATADOG_API_KEY=" + mixed, TextOrigin.ConfigEntry);
        DoesNotBlock("SENDBIRD_API_TOKEN=" + Random(40, Hex, 8).ToUpperInvariant() + "\n");
        RuleAssert.Finds("SG1109", "DATADOG_API_KEY=" + key + "\n", key);
        var sendbird = Random(40, Hex, 9);
        RuleAssert.Finds("SG1200", "SENDBIRD_API_TOKEN=" + sendbird + "\n", sendbird);
    }

    [TestMethod]
    public void Query_template_and_fragment_characters_under_a_token_name_are_not_a_generated_token()
    {
        var body = Random(12, seed: 10);
        var rest = Random(12, seed: 11);
        foreach (var value in new[] { body + "?" + rest, body + "&" + rest, "$" + body + rest, body + rest + "#" })
        {
            DoesNotBlock("\"apiToken\": \"" + value + "\"\n");
            DoesNotBlock("ACCESS_TOKEN=" + value, TextOrigin.ConfigEntry);
            Assert.IsTrue(RuleSet.Default.Scan("\"apiToken\": \"" + value + "\"\n").Any(h => h.Rule.Id == "SG1010"), "still a warning");
        }

        Assert.HasCount(1, Blocking("\"apiToken\": \"" + body + rest + "\"\n"), "without them, a generated token");
        Assert.HasCount(1, Blocking("\"clientSecret\": \"" + body + "#" + rest + "\"\n"), "a secret may hold any character");
        Assert.HasCount(1, Blocking("DB_PASSWORD=" + body + "&" + rest + "\n"), "so may a password");
    }

    [TestMethod]
    public void A_host_name_is_not_a_credential()
    {
        RuleAssert.Clean("INVOICEOCEAN_API_TOKEN=x.invoiceocean.net\n");
        RuleAssert.Clean("invoiceocean_api_token: \"acme-2024.invoiceocean.net\"\n");
        Assert.IsEmpty(RuleSet.Default.Scan("INVOICEOCEAN_API_TOKEN=acme12.invoiceocean.net", TextOrigin.ConfigEntry));
        Assert.HasCount(1, Blocking("INVOICEOCEAN_API_TOKEN=" + Random(20, seed: 12) + "\n"));
        Assert.HasCount(1, Blocking("DB_PASSWORD=hunter2.Kq9\n"), "a password with a dot is still a password");
    }

    [TestMethod]
    public void A_value_shorter_than_the_services_format_is_at_most_a_warning()
    {
        var reference = "cmVm" + "dGtu" + Random(56, seed: 13);
        DoesNotBlock("JFROG_ACCESS_TOKEN=" + reference[..^8] + "\n");
        DoesNotBlock("ARTIFACTORY_API_KEY=" + reference[..^20], TextOrigin.ConfigEntry);
        RuleAssert.Finds("SG1039", "JFROG_ACCESS_TOKEN=" + reference + "\n", reference);

        DoesNotBlock("NEW_RELIC_MOBILE_TOKEN=AA" + Random(38, Hex, 14) + "-NRMA\n");
        DoesNotBlock("NEW_RELIC_LICENSE_KEY=" + Random(30, Hex, 15) + "NRAL\n");
    }

    [TestMethod]
    public void A_public_search_only_key_is_not_a_credential()
    {
        var key = Random(32, Hex, 16);
        RuleAssert.Clean("ALGOLIA_SEARCH_API_KEY=" + key + "\n");
        RuleAssert.Clean("TYPESENSE_SEARCH_ONLY_API_KEY=" + Random(32, seed: 17) + "\n");
        RuleAssert.Clean("  searchOnlyApiKey: '" + key + "',\n");
        RuleAssert.Clean("docsearch({ appId: 'R2IYF7ETH7', apiKey: '" + key + "', indexName: 'docs' });\n");
        RuleAssert.Finds("SG1108", "ALGOLIA_ADMIN_KEY=" + key + "\n", key);
        Assert.HasCount(1, Blocking("AZURE_SEARCH_API_KEY=" + Random(52, seed: 18) + "\n"), "a search service's own key is a secret");
    }
}
