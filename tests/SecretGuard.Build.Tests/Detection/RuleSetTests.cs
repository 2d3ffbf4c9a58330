using SecretGuard.Detection;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Detection;

[TestClass]
public sealed class RuleSetTests
{
    [TestMethod]
    public void Specific_rule_wins_over_generic_on_the_same_value()
    {
        var key = TestSecrets.StripeLiveKey();
        var hits = RuleSet.Default.Scan("STRIPE_API_KEY=" + key);
        Assert.HasCount(1, hits);
        Assert.AreEqual("SG1005", hits[0].Rule.Id);
    }

    /// <summary>
    /// Keywords found on characters that are not yet a string: none in the text means no rule can match
    /// (the scanner then never makes it a string); when some are there, the scan with them finds exactly
    /// what the plain scan finds.
    /// </summary>
    [TestMethod]
    public void Keywords_found_on_characters_give_the_plain_scans_hits()
    {
        var rules = RuleSet.Default;
        Assert.IsNull(rules.FindKeywords("zzzz 1234 qqqq\nmore of nothing at all: 0000 ~~~~".AsSpan()));
        foreach (var text in new[]
        {
            "STRIPE_API_KEY=" + TestSecrets.StripeLiveKey(),
            "[default]\naws_access_key_id = " + TestSecrets.AwsKeyId() + "\naws_secret_access_key = " + TestSecrets.AwsSecret() + "\n",
            "Server=db;Database=shop;User Id=sa;Password=Zq8v!Lm2Np4Rt;\n" + TestSecrets.PemPrivateKey(),
            "token: " + TestSecrets.NpmToken() + " and a password=changeme placeholder",
        })
        {
            var starts = rules.FindKeywords(text.AsSpan());
            Assert.IsNotNull(starts, text);
            var expected = rules.Scan(text);
            Assert.IsNotEmpty(expected, text);
            CollectionAssert.AreEqual(expected.Select(h => (h.Rule.Id, h.Match)).ToList(), rules.Scan(text, TextOrigin.File, starts).Select(h => (h.Rule.Id, h.Match)).ToList(), text);
        }
    }

    /// <summary>A rule whose keyword the index cannot hold is taken to be present on characters, then checked on the string.</summary>
    [TestMethod]
    public void A_rule_the_index_cannot_hold_is_checked_on_the_string()
    {
        var rules = new RuleSet([new MatchesEverythingRule()]);
        foreach (var (text, found) in new[] { ("no such word here", 0), ("la cl\u00e9 est l\u00e0", 1) })
        {
            var starts = rules.FindKeywords(text.AsSpan());
            Assert.IsNotNull(starts, "without the string, the rule may match");
            Assert.HasCount(found, rules.Scan(text, TextOrigin.File, starts), text);
            Assert.HasCount(found, rules.Scan(text), text);
        }
    }

    /// <summary>Matches the first character of any text it is run on; its keyword is not ASCII, so the index cannot hold it.</summary>
    private sealed class MatchesEverythingRule : SecretRule
    {
        public override string Id => "SG9998";

        public override string Title => "matches everything";

        public override Confidence Confidence => Confidence.Medium;

        public override IReadOnlyList<string> Keywords => ["cl\u00e9"];

        public override IEnumerable<SecretMatch> Find(string text) => [new SecretMatch(0, 1, Title)];
    }

    /// <summary>
    /// The rule set holds every structured rule class of the core once (found at start-up, with no list to
    /// keep: the rule classes of Rules/ are among them) and every catalogue row once, in id order.
    /// </summary>
    [TestMethod]
    public void The_rule_set_holds_every_rule_class_and_row_in_id_order()
    {
        var classes = typeof(SecretRule).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(SecretRule)) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => t.FullName).Order(StringComparer.Ordinal).ToList();
        Assert.IsGreaterThanOrEqualTo(20, classes.Count);
        CollectionAssert.AreEqual(classes, RuleSet.CreateStructuredRules().Select(r => r.GetType().FullName).Order(StringComparer.Ordinal).ToList());
        CollectionAssert.IsSubsetOf(
            new[] { typeof(SecretGuard.Detection.Rules.PrivateKeyRule).FullName, typeof(SecretGuard.Detection.Rules.KubernetesSecretRule).FullName, typeof(SecretGuard.Detection.Rules.CredentialAssignmentRule).FullName },
            classes);

        var ids = RuleSet.Default.Rules.Select(r => r.Id).ToList();
        CollectionAssert.AreEqual(ids.Order(StringComparer.Ordinal).ToList(), ids);
        Assert.HasCount(classes.Count + SecretGuard.Detection.Catalogue.TokenFormats.All.Count + SecretGuard.Detection.Catalogue.ContextFormats.All.Count, ids);
    }

    [TestMethod]
    public void Rule_ids_are_unique_and_well_formed()
    {
        var ids = RuleSet.Default.Rules.Select(r => r.Id).ToList();
        Assert.AreEqual(ids.Count, ids.Distinct().Count());
        Assert.IsTrue(ids.All(id => System.Text.RegularExpressions.Regex.IsMatch(id, "^SG1[0-9]{3}$")));
    }

    [TestMethod]
    public void Redaction_never_shows_more_than_a_short_prefix()
    {
        var key = TestSecrets.StripeLiveKey();
        var redacted = Redactor.Redact(key);
        Assert.IsFalse(redacted.Contains(key[4..12], StringComparison.Ordinal));
        Assert.AreEqual("sk_l*** (40 chars)", redacted);
        Assert.AreEqual("*** (8 chars)", Redactor.Redact("hunter22"));
    }

    [TestMethod]
    public void Placeholder_vocabulary()
    {
        foreach (var v in new[] { "${X}", "$(X)", "%X%", "{{ x }}", "<your-key>", "changeme", "REPLACE_ME", "xxxxxxxx", "", "  ", "your-api-key-here", "__TOKEN__" })
        {
            Assert.IsTrue(Placeholders.IsPlaceholder(v), v);
        }

        foreach (var v in new[] { "k8Ds93jd", "Sup3rS3cret!", "q8Zr1kPw0sLx7YtB" })
        {
            Assert.IsFalse(Placeholders.IsPlaceholder(v), v);
        }
    }
}
