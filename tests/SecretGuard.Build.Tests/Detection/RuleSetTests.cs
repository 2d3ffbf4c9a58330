using SecretGuard.Detection;

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
