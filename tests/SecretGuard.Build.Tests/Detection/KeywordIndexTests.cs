using SecretGuard.Detection;
using SecretGuard.Findings;

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
    public void Keywords_are_filed_under_their_rarest_run_and_found_from_their_start()
    {
        Assert.AreEqual(3, KeywordIndex.RarestRunOf("intercom_"), "'int', 'nte' and 'ter' are among the most common runs of real text; 'erc' is not (the first of the rare ones)");
        Assert.AreEqual(0, KeywordIndex.RarestRunOf("xoxb-"), "a rare first run is kept");

        var rules = RuleSet.Default.Rules;
        var intercom = rules.Select((r, i) => (r, i)).Where(x => x.r.Keywords.Contains("intercom_")).Select(x => x.i).Single();
        var text = "interface into intercom intercom_token and Intercom_ again";
        var found = new KeywordIndex(rules).Find(text, rules)[intercom];
        CollectionAssert.AreEqual(new[] { text.IndexOf("intercom_", StringComparison.Ordinal), text.IndexOf("Intercom_", StringComparison.Ordinal) }, found);
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
    [DataRow(true, false)]
    [DataRow(false, false)]
    [DataRow(true, true)]
    [DataRow(false, true)]
    public void Finds_every_keyword_where_each_rules_own_search_does_on_random_text(bool allowVectors, bool keyMaterialOnly)
    {
        // Random text seeded with every keyword in both cases, glued to and split by non-ASCII
        // characters, at the very start and end: each rule's keyword starts, as its own search finds them.
        // The key material rules alone (the documentation scan) have few keywords, searched for directly.
        var rules = keyMaterialOnly ? RuleSet.Default.Rules.Where(r => r.IsKeyMaterial).ToList() : RuleSet.Default.Rules;
        var index = new KeywordIndex(rules, allowVectors);
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

    /// <summary>
    /// Each keyword at every offset of texts of every length up to 80 (both sides of the eight- and
    /// sixteen-character vector steps and of the text's end), the vector and the one-at-a-time pass alike.
    /// </summary>
    [TestMethod]
    public void Finds_keywords_at_every_offset_and_text_length()
    {
        var rules = RuleSet.Default.Rules;
        var indexes = new[] { new KeywordIndex(rules, allowVectors: true), new KeywordIndex(rules, allowVectors: false) };
        var keywords = rules.SelectMany(r => r.Keywords).Where(k => k.Length >= 3).Distinct().ToList();
        foreach (var keyword in keywords)
        {
            var rule = rules.ToList().FindIndex(r => r.Keywords.Contains(keyword));
            for (var length = keyword.Length; length <= 80; length += 7)
            {
                for (var offset = 0; offset + keyword.Length <= length; offset++)
                {
                    var text = new string('\u00e9', offset) + keyword + new string('\u00e9', length - offset - keyword.Length);
                    foreach (var index in indexes)
                    {
                        var found = index.Find(text, rules)[rule];
                        Assert.IsNotNull(found, $"{keyword} at {offset} of {length}");
                        CollectionAssert.Contains(found, offset, $"{keyword} at {offset} of {length}");
                    }
                }
            }

            // Cut short by the end of the text: never found, never read past it.
            var cut = keyword[..^1];
            foreach (var index in indexes)
            {
                var found = index.Find(cut, rules)[rule];
                Assert.IsTrue(found is null || !found.Contains(0), $"{keyword} cut to {cut}");
            }
        }
    }

    /// <summary>
    /// A few keywords are searched for directly, the others through their prefixes: both find the same
    /// places, in either case for ignore-case keywords, never through a non-ASCII lookalike (a dotless i,
    /// a dotted capital I), and overlapping or repeated ones each time.
    /// </summary>
    [TestMethod]
    public void A_few_keywords_are_found_where_the_prefix_path_finds_them_with_non_ASCII_lookalikes()
    {
        var rules = RuleSet.Default.Rules.Where(r => r.IsKeyMaterial).ToList();
        var direct = new KeywordIndex(rules, allowVectors: true);
        var prefixed = new KeywordIndex(rules, allowVectors: false);
        var putty = rules.FindIndex(r => r.Keywords.Contains("PuTTY-User-Key-File-"));
        foreach (var text in new[] { "PuTTY-User-Key-F\u0131le-2: ssh-rsa", "putty-user-key-file-3: x", "PUTTY-USER-KEY-FILE-", "-----BEGIN \u0130PRIVATE KEY-----", "xPuTTY-User-Key-File-PuTTY-User-Key-File-" })
        {
            var expected = prefixed.Find(text, rules);
            var found = direct.Find(text, rules);
            for (var r = 0; r < rules.Count; r++)
            {
                CollectionAssert.AreEqual(expected[r], found[r], $"{rules[r].Id} on '{text}'");
            }
        }

        Assert.IsNull(direct.Find("PuTTY-User-Key-F\u0131le-2", rules)[putty], "a dotless i is not an i");
        CollectionAssert.AreEqual(new List<int> { 1, 21 }, direct.Find("xPuTTY-User-Key-File-PuTTY-User-Key-File-", rules)[putty]);
    }

    /// <summary>
    /// Keywords under three characters have no prefix to be filed under and are searched for on their
    /// own (no default rule has one now): found where each rule's own search finds them, in order,
    /// overlapping ones too, exact-case and ignore-case alike, beside prefixed keywords.
    /// </summary>
    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void Keywords_too_short_for_a_prefix_are_found_where_each_rules_own_search_does(bool allowVectors)
    {
        var rules = new SecretRule[]
        {
            new KeywordsOnlyRule(["Q~"], StringComparison.Ordinal),
            new KeywordsOnlyRule(["x", "ab"], StringComparison.OrdinalIgnoreCase),
            new KeywordsOnlyRule(["abc", "b"], StringComparison.OrdinalIgnoreCase),
        };
        var index = new KeywordIndex(rules, allowVectors);
        var random = new Random(7);
        const string Alphabet = "abcxQ~ABCXq \n\u00e9";
        for (var round = 0; round < 300; round++)
        {
            var text = new string(Enumerable.Range(0, round % 60).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            var found = index.Find(text, rules);
            for (var r = 0; r < rules.Length; r++)
            {
                var expected = new SortedSet<int>();
                foreach (var keyword in rules[r].Keywords)
                {
                    for (var i = text.IndexOf(keyword, rules[r].KeywordMatching); i >= 0; i = text.IndexOf(keyword, i + 1, rules[r].KeywordMatching))
                    {
                        expected.Add(i);
                    }
                }

                CollectionAssert.AreEqual(expected.Count == 0 ? null : expected.ToList(), found[r], $"rule {r} on '{text}'");
            }
        }

        CollectionAssert.AreEqual(new List<int> { 1, 3 }, index.Find("aQ~Q~", rules)[0]);
        Assert.IsNull(index.Find("aq~", rules)[0], "an exact-case keyword in another case is not there");
    }

    /// <summary>A rule that is only its keywords (for the index's tests).</summary>
    private sealed class KeywordsOnlyRule(IReadOnlyList<string> keywords, StringComparison comparison) : SecretRule
    {
        public override string Id => "SG9999";

        public override string Title => "keywords only";

        public override Confidence Confidence => Confidence.Medium;

        public override IReadOnlyList<string> Keywords => keywords;

        protected override StringComparison KeywordComparison => comparison;

        public override IEnumerable<SecretMatch> Find(string text) => [];
    }

    [TestMethod]
    public void Folds_ascii_to_lower_case_and_everything_else_to_zero()
    {
        var text = new string(Enumerable.Range(0, 300).Select(c => (char)c).Concat("\u0141\uffff\u4e2dAZaz@[`{".ToCharArray()).ToArray());
        var folded = new byte[text.Length + 64];
        Array.Fill(folded, (byte)0xFF);
        KeywordIndex.Fold(text, folded);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var expected = c >= 128 ? 0 : c is >= 'A' and <= 'Z' ? c + 32 : c;
            Assert.AreEqual(expected, folded[i], $"char {(int)c} at {i}");
        }

        Assert.AreEqual(-1, folded.AsSpan(text.Length, 32).IndexOfAnyExcept((byte)0), "padding after the text is zero");
    }

    /// <summary>
    /// Context formats are looked for by their service's names as the service spells them (the index files
    /// each under its rarest run): none is cut short, and a setting naming the service is a candidate for its
    /// rule wherever the name is, in any case.
    /// </summary>
    [TestMethod]
    public void Context_formats_are_found_by_their_whole_service_names()
    {
        var rules = RuleSet.Default.Rules;
        var index = new KeywordIndex(rules);
        foreach (var format in SecretGuard.Detection.Catalogue.ContextFormats.All)
        {
            Assert.IsNull(format.Keywords, $"{format.Id}: keywords are the service's names");
            var r = rules.ToList().FindIndex(x => x.Id == format.Id);
            foreach (var name in format.ServiceNames)
            {
                var text = "x " + name.ToUpperInvariant() + "_TOKEN=1\n";
                var found = index.Find(text, rules)[r];
                Assert.IsNotNull(found, $"{format.Id}: {name}");
                CollectionAssert.Contains(found, 2, $"{format.Id}: {name} found where it starts");
            }
        }
    }
}
