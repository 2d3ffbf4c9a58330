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

    [TestMethod]
    public void Finds_every_keyword_where_each_rules_own_search_does_on_random_text()
    {
        // Random text seeded with every keyword in both cases, glued to and split by non-ASCII
        // characters, at the very start and end: each rule's keyword starts, as its own search finds them.
        var rules = RuleSet.Default.Rules;
        var index = new KeywordIndex(rules);
        var keywords = rules.SelectMany(r => r.Keywords).Distinct().ToList();
        var random = new Random(42);
        const string Noise = "abcxyz ABC012_-.:/=\"\n\t\u00e9\u4e2d\u0100\u8000\uffff";
        for (var round = 0; round < 200; round++)
        {
            var text = new System.Text.StringBuilder();
            while (text.Length < round * 7)
            {
                if (random.Next(4) == 0)
                {
                    var keyword = keywords[random.Next(keywords.Count)];
                    text.Append(random.Next(2) == 0 ? keyword : keyword.ToUpperInvariant());
                }

                text.Append(Noise[random.Next(Noise.Length)]);
            }

            var s = text.ToString();
            var found = index.Find(s, rules);
            for (var r = 0; r < rules.Count; r++)
            {
                var expected = new SortedSet<int>();
                foreach (var keyword in rules[r].Keywords)
                {
                    var comparison = rules[r].KeywordMatching;
                    for (var i = s.IndexOf(keyword, comparison); i >= 0; i = s.IndexOf(keyword, i + 1, comparison))
                    {
                        expected.Add(i);
                    }
                }

                CollectionAssert.AreEqual(expected.Count == 0 ? null : expected.ToList(), found[r], $"{rules[r].Id} on round {round}: {s}");
            }
        }
    }
}
