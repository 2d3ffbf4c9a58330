using System.Text;
using System.Text.RegularExpressions;
using SecretGuard.Detection;
using SecretGuard.Detection.Rules;

namespace SecretGuard.Tests.Detection;

/// <summary>
/// Rules that check a token's fixed shape where their keyword occurs, instead of running a regex along
/// each keyword line (SG1036 Mailchimp, SG1047 Airtable): on random text built from the tokens' own
/// pieces, they find exactly what the regex of the format finds.
/// </summary>
[TestClass]
public sealed class ShapeCheckedTokenRulesTests
{
    private static readonly Regex Mailchimp = new(@"(?<![A-Za-z0-9_])(?<secret>[0-9a-f]{32}-us[0-9]{1,2})(?![A-Za-z0-9_])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    private static readonly Regex Airtable = new(@"(?<![A-Za-z0-9_])(?<secret>pat[A-Za-z0-9]{14}\.[a-f0-9]{64})(?![A-Za-z0-9_])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    private static List<(int, int)> ByRegex(Regex regex, string text) =>
        regex.Matches(text).Select(m => (m.Groups["secret"].Index, m.Groups["secret"].Length)).ToList();

    private static List<(int, int)> ByRule(SecretRule rule, string text) =>
        rule.Find(text).Select(m => (m.Index, m.Length)).ToList();

    /// <summary>Text made of the format's pieces, near misses of each (a digit too many or too few, upper case, a glued word) and separators.</summary>
    private static string RandomText(Random random, string[] pieces)
    {
        var text = new StringBuilder();
        var count = random.Next(1, 12);
        for (var i = 0; i < count; i++)
        {
            text.Append(pieces[random.Next(pieces.Length)]);
        }

        return text.ToString();
    }

    private static string Hex(Random random, int length, string alphabet = "0123456789abcdef") =>
        new(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

    [TestMethod]
    public void Mailchimp_keys_are_found_exactly_where_the_format_regex_finds_them()
    {
        var random = new Random(1036);
        var rule = new MailchimpKeyRule();
        var found = 0;
        for (var round = 0; round < 3000; round++)
        {
            string[] pieces =
            [
                Hex(random, 32) + "-us" + random.Next(100), Hex(random, 32), Hex(random, 31), Hex(random, 33), Hex(random, 32, "0123456789abcdefABCDEF"),
                "-us", "-us1", "-us12", "-us123", "-US1", "-usx", "-user", "en-us", random.Next(10).ToString(),
                " ", "\n", "\"", "_", "x", "=", "-",
            ];
            var text = RandomText(random, pieces);
            var expected = ByRegex(Mailchimp, text);
            CollectionAssert.AreEqual(expected, ByRule(rule, text), text);
            found += expected.Count;
        }

        Assert.IsGreaterThan(20, found, "the random text holds real-shaped tokens too");
    }

    [TestMethod]
    public void Airtable_tokens_are_found_exactly_where_the_format_regex_finds_them()
    {
        var random = new Random(1047);
        var rule = new AirtableTokenRule();
        var found = 0;
        for (var round = 0; round < 3000; round++)
        {
            var id = TestSecrets.Random(14, seed: round);
            string[] pieces =
            [
                "pat" + id + "." + Hex(random, 64), "pat", "pat" + id, "pat" + id + ".", "pat" + id[..13] + ".", "pat" + id + "_", "path", "pattern",
                Hex(random, 64), Hex(random, 63), Hex(random, 64, "0123456789abcdefABCDEF"), ".", random.Next(10).ToString(),
                " ", "\n", "\"", "_", "x", "/",
            ];
            var text = RandomText(random, pieces);
            var expected = ByRegex(Airtable, text);
            CollectionAssert.AreEqual(expected, ByRule(rule, text), text);
            found += expected.Count;
        }

        Assert.IsGreaterThan(20, found, "the random text holds real-shaped tokens too");
    }
}
