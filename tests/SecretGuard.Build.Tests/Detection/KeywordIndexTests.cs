using SecretGuard.Detection;

namespace SecretGuard.Tests.Detection;

[TestClass]
public sealed class KeywordIndexTests
{
    /// <summary>Agrees with each rule's own keyword check, on text built to hit the automaton's edge cases.</summary>
    [TestMethod]
    [DataRow("nothing to see here")]
    [DataRow("ghp_ at the start, GHP_ in capitals (Ordinal: only the first counts)")]
    [DataRow("PASSWORD in capitals (ignore-case keyword)")]
    [DataRow("overlap: sk_lisk_live_ and dp.dp.st.")]
    [DataRow("non-ASCII between: gh\u00e9p_ and s\u00fck_live_ break the keywords")]
    [DataRow("at the very end: hvs.")]
    public void Agrees_with_each_rules_own_check(string text)
    {
        var rules = RuleSet.Default.Rules;
        var index = new KeywordIndex(rules);
        var present = index.RulesPresent(text, rules);
        for (var r = 0; r < rules.Count; r++)
        {
            Assert.AreEqual(rules[r].MayMatch(text), present[r], $"{rules[r].Id} on '{text}'");
        }
    }

    [TestMethod]
    public void Exact_case_keywords_are_verified_and_ignore_case_ones_are_folded()
    {
        var rules = RuleSet.Default.Rules;
        var index = new KeywordIndex(rules);
        var github = rules.ToList().FindIndex(r => r.Id == "SG1004");
        Assert.IsTrue(index.RulesPresent("token ghp_x", rules)[github]);
        Assert.IsFalse(index.RulesPresent("token GHP_x", rules)[github]);
    }
}
