using System.Text;
using SecretGuard.Detection;
using SecretGuard.Detection.Catalogue;
using SecretGuard.Findings;
using static SecretGuard.Tests.TestSecrets;

namespace SecretGuard.Tests.Detection;

/// <summary>
/// Real-shaped values of the vendors' own formats, built here from their published structure (GitLab's
/// routable tokens, age's bech32 identities), so that tests and the detection corpus need no literal.
/// </summary>
internal static class VendorShapes
{
    private const string Base36 = "0123456789abcdefghijklmnopqrstuvwxyz";
    private const string Bech32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    /// <summary>
    /// A GitLab routable token as GitLab's generator makes it: base64url (no padding) of the routing payload
    /// ("c:…\no:…\nu:…"), 16 random bytes and their count; ".01." (the version; the design's first form,
    /// <paramref name="versioned"/> false, had none, only "."), the payload's length in two base-36 digits,
    /// and the zlib CRC-32 of all that (prefix included) in seven.
    /// </summary>
    public static string GitLabRoutableToken(string prefix, int seed, bool damaged = false, bool versioned = true)
    {
        var random = new byte[16];
        new Random(seed).NextBytes(random);
        byte[] payload = [.. Encoding.ASCII.GetBytes($"c:1\no:{ToBase36((uint)(seed % 977) + 1)}\nu:{ToBase36((uint)(seed * 7919 % 100000) + 3)}"), .. random, 16];
        var base64 = Convert.ToBase64String(payload).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var checksummable = prefix + base64 + (versioned ? ".01." : ".") + ToBase36((uint)base64.Length).PadLeft(2, '0');
        var crc = Checksums.Crc32(checksummable) ^ (damaged ? 1u : 0u);
        return checksummable + ToBase36(crc).PadLeft(7, '0');
    }

    /// <summary>An age identity: the human-readable part, "1", a 32-byte seed in bech32 and its checksum, in capitals.</summary>
    public static string AgeIdentity(bool postQuantum, int seed, bool damaged = false)
    {
        var hrp = postQuantum ? "age-secret-key-pq-" : "age-secret-key-";
        var key = new byte[32];
        new Random(seed).NextBytes(key);
        var data = new List<int>();
        int acc = 0, bits = 0;
        foreach (var b in key)
        {
            acc = (acc << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                data.Add((acc >> bits) & 31);
            }
        }

        if (bits > 0)
        {
            data.Add((acc << (5 - bits)) & 31);
        }

        var values = hrp.Select(c => c >> 5).Append(0).Concat(hrp.Select(c => c & 31)).Concat(data).Concat(new int[6]).ToList();
        var polymod = Polymod(values) ^ 1u ^ (damaged ? 1u : 0u);
        var checksum = Enumerable.Range(0, 6).Select(i => (int)((polymod >> (5 * (5 - i))) & 31));
        return (hrp + "1" + new string([.. data.Concat(checksum).Select(v => Bech32[v])])).ToUpperInvariant();
    }

    private static uint Polymod(IEnumerable<int> values)
    {
        uint[] generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
        var chk = 1u;
        foreach (var v in values)
        {
            var top = chk >> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ (uint)v;
            for (var i = 0; i < 5; i++)
            {
                chk ^= ((top >> i) & 1) != 0 ? generator[i] : 0;
            }
        }

        return chk;
    }

    private static string ToBase36(uint value)
    {
        var digits = string.Empty;
        do
        {
            digits = Base36[(int)(value % 36)] + digits;
            value /= 36;
        }
        while (value > 0);

        return digits;
    }
}

/// <summary>
/// The shapes of cloud, AI and developer-tool formats checked against their vendors' documentation (issue 28):
/// each both ways, and the offline checks of GitLab's routable tokens and age's bech32 identities.
/// </summary>
[TestClass]
public sealed class VendorShapeChecksTests
{
    private static string R(int n, string alphabet, int seed) => TestSecrets.Random(n, alphabet, seed);

    private static Confidence? ConfidenceOf(string rule, string text) => RuleSet.Default.Scan(text).Single(h => h.Rule.Id == rule).Match.Confidence;

    private static bool Reports(string rule, string text) => RuleSet.Default.Scan(text).Any(h => h.Rule.Id == rule);

    [TestMethod]
    public void Gitlab_routable_tokens_are_found_whole_and_their_checksum_is_recomputed()
    {
        for (var seed = 1; seed <= 20; seed++)
        {
            var pat = VendorShapes.GitLabRoutableToken("gl" + "pat-", seed);
            Assert.IsTrue(VendorShapeChecks.IsRoutableGitLabToken(pat), pat);
            RuleAssert.Finds("SG1020", "GITLAB_TOKEN=" + pat + "\n", pat);
            Assert.IsNull(ConfidenceOf("SG1020", "GITLAB_TOKEN=" + pat + "\n"), "a checksum that holds: the rule's high confidence");
        }

        var unversioned = VendorShapes.GitLabRoutableToken("gl" + "pat-", 2, versioned: false);
        Assert.IsTrue(VendorShapeChecks.IsRoutableGitLabToken(unversioned), unversioned);
        RuleAssert.Finds("SG1020", "GITLAB_TOKEN=" + unversioned + "\n", unversioned);
        var runner = VendorShapes.GitLabRoutableToken("gl" + "rt-t1_", 3);
        RuleAssert.Finds("SG1020", "token = \"" + runner + "\"\n", runner);
        Assert.IsTrue(VendorShapeChecks.IsRoutableGitLabToken(runner));

        var damaged = VendorShapes.GitLabRoutableToken("gl" + "pat-", 4, damaged: true);
        Assert.IsFalse(VendorShapeChecks.IsRoutableGitLabToken(damaged));
        Assert.AreEqual(Confidence.Medium, ConfidenceOf("SG1020", "GITLAB_TOKEN=" + damaged + "\n"), "made up or damaged: a warning");
        Assert.IsFalse(VendorShapeChecks.IsRoutableGitLabToken("gl" + "pat-" + R(20, Alnum, 5)), "a classic token is not routable");
    }

    [TestMethod]
    public void Any_text_at_all_gets_an_answer_from_the_shape_checks_never_an_exception()
    {
        // Short strings of the characters the checks look for: dots, digits, prefixes, separators.
        const string Alphabet = "gl.-_1qpz09az";
        var random = new Random(29);
        for (var i = 0; i < 50_000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 24)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            _ = VendorShapeChecks.IsRoutableGitLabToken(text);
            _ = VendorShapeChecks.HasValidBech32Checksum(text);
        }

        Assert.IsFalse(VendorShapeChecks.IsRoutableGitLabToken("x.020000000"), "a length longer than what precedes it");
    }

    [TestMethod]
    public void Age_identities_x25519_and_post_quantum_with_their_bech32_checksum()
    {
        foreach (var pq in new[] { false, true })
        {
            var key = VendorShapes.AgeIdentity(pq, 11);
            Assert.IsTrue(VendorShapeChecks.HasValidBech32Checksum(key), key);
            RuleAssert.Finds("SG1042", "# created: 2026-12-06\n" + key + "\n", key);
            Assert.IsNull(ConfidenceOf("SG1042", key + "\n"));
            var damaged = VendorShapes.AgeIdentity(pq, 12, damaged: true);
            Assert.AreEqual(Confidence.Medium, ConfidenceOf("SG1042", damaged + "\n"), "a checksum that does not hold: a warning");
        }
    }

    [TestMethod]
    public void Aws_access_key_ids_are_the_four_access_key_prefixes_not_other_unique_ids()
    {
        foreach (var prefix in new[] { "AKIA", "ASIA", "ABIA", "ACCA" })
        {
            var id = prefix + R(16, Upper + "234567", prefix[1]);
            RuleAssert.Finds("SG1002", "aws_access_key_id = " + id + "\n", id);
        }

        foreach (var prefix in new[] { "AIDA", "AROA", "AGPA", "ANPA", "APKA", "AIPA", "ANVA" })
        {
            Assert.IsFalse(Reports("SG1002", "\"UserId\": \"" + prefix + R(16, Upper + "234567", prefix[2]) + "\"\n"), prefix + " names an IAM entity, it grants nothing");
        }
    }

    [TestMethod]
    public void Google_auth_keys_and_the_documented_example()
    {
        var auth = "AQ" + ".Ab8R" + R(45, Alnum + "_-", 21);
        RuleAssert.Finds("SG1014", "GEMINI_API_KEY=" + auth + "\n", auth);
        Assert.IsFalse(Reports("SG1014", "sig: eyJhbGciOi.eyJzdWIi.AQ.Ab8R" + R(45, Alnum, 22) + "\n"), "a dotted segment of something longer");
        RuleAssert.Clean("GOOGLE_API_KEY=AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe\n");
    }

    [TestMethod]
    public void Claude_oauth_tokens()
    {
        var token = "sk-ant-" + "oat01-" + R(95, Alnum + "_-", 23);
        RuleAssert.Finds("SG1016", "CLAUDE_CODE_OAUTH_TOKEN=" + token + "\n", token);
        Assert.IsFalse(Reports("SG1016", "x: sk-ant-oat01-" + R(90, Alnum, 24) + "\n"), "short");
    }

    [TestMethod]
    public void Shapes_as_vendors_issue_them()
    {
        string[] found =
        [
            "dapi" + R(32, "0123456789abcdefgh", 31), // Databricks' alphabet runs to h
            "dapi" + R(32, "0123456789abcdef", 32) + "-2", // Azure Databricks
            "dose" + R(32, "0123456789abcdefgh", 33), // service principal OAuth secret
            "sbp_" + R(40, Lower + Digits, 34),
            "nfp_" + R(20, Alnum, 35) + "_" + R(15, Alnum, 36),
            "xai-" + R(40, Alnum, 37) + "_" + R(39, Alnum, 38),
            "r8_" + R(18, Alnum, 39) + "-" + R(18, Alnum + "_", 40),
            "dp.st.prd." + R(43, Alnum, 41),
            "dp.st." + R(44, Alnum, 42),
            "dp.said." + R(43, Alnum, 43),
            "bkua_" + R(40, Lower + Digits, 44),
            "bkua_MTA." + R(40, "0123456789abcdef", 45),
            "cfat_" + R(48, Alnum, 46),
        ];
        string[] rules = ["SG1037", "SG1037", "SG1037", "SG1048", "SG1049", "SG1088", "SG1089", "SG1033", "SG1033", "SG1033", "SG1045", "SG1045", "SG1258"];
        for (var i = 0; i < found.Length; i++)
        {
            RuleAssert.Finds(rules[i], "TOKEN=" + found[i] + "\n", found[i]);
        }

        Assert.IsFalse(Reports("SG1258", "t: cfut_" + R(47, Alnum, 47) + "\n"), "Cloudflare: 48 after the prefix, not 47");
        Assert.IsFalse(Reports("SG1258", "t: cfut_" + R(49, Alnum, 48) + "\n"), "Cloudflare: 48 after the prefix, not 49");
        Assert.IsFalse(Reports("SG1037", "t: dapi" + R(32, "0123456789ijk", 49) + "\n"), "Databricks: outside its alphabet");
    }

    [TestMethod]
    public void Docker_swarm_and_buildkite_agent_tokens_and_their_documented_examples()
    {
        var join = "SWMTKN" + "-1-" + R(50, Lower + Digits, 51) + "-" + R(25, Lower + Digits, 52);
        RuleAssert.Finds("SG1260", "docker swarm join --token " + join + " 10.0.0.2:2377\n", join);
        var unlock = "SWMKEY" + "-1-" + R(43, Alnum + "+/", 53);
        RuleAssert.Finds("SG1261", "SWARM_UNLOCK_KEY=" + unlock + "\n", unlock);
        var agent = "bkaa" + "_MTA." + R(77, Alnum, 54);
        RuleAssert.Finds("SG1262", "BUILDKITE_AGENT_ACCESS_TOKEN=" + agent + "\n", agent);

        RuleAssert.Clean("\"Worker\": \"SWMTKN-1-1h8aps2yszaiqmz2l3oc5392pgk8e49qhx2aj3nyv0ui0hez2a-6qmn92w6bu3jdvnglku58u11a\"\n");
        RuleAssert.Clean("docker swarm unlock --key SWMKEY-1-7c37Cc8654o6p38HnroywCi19pllOnGtbdZEgtKxZu8\n");
        RuleAssert.Clean("BUILDKITE_API_TOKEN=bkua_MTA.4f6ccde8c73e26244d73c5a77c91c242c0c818ce\n");
        RuleAssert.Clean("DOPPLER_TOKEN=dp.st.dev.bAqhcVzrhy5cRHkOlNTc0Ve6w5NUDCpcutm8vGE9myi\n");
        Assert.IsFalse(Reports("SG1260", "SWMTKN-1-" + R(50, Lower + Digits, 55) + "-" + R(25, Upper + Digits, 56) + "\n"), "Swarm tokens are small letters and digits");
    }

    [TestMethod]
    public void Short_placeholder_words_inside_random_tokens_do_not_hide_them()
    {
        // Real tokens hold tbd, todo, fake or your by chance, in any case; a word of the value's own is a placeholder.
        var ghBody = "q7" + "tbd" + R(25, Alnum, 61);
        string[] tokens = ["sbp_" + R(10, Lower + Digits, 62) + "tbd" + R(27, Lower + Digits, 63), "nfp_" + R(8, Alnum, 64) + "FaKe" + R(24, Alnum, 65), "dop" + "_v1_" + R(30, "0123456789abcdef", 66) + "fade" + R(30, "0123456789abcdef", 67)];
        foreach (var token in tokens)
        {
            Assert.IsFalse(Placeholders.IsPlaceholder(token), token);
        }

        foreach (var inside in new[] { "x9tbdQ", "TODOx", "k2yourZ", "afakeb", "2Tbd3" })
        {
            Assert.IsFalse(Placeholders.IsPlaceholder(R(12, Alnum, 68) + inside + R(12, Alnum, 69)), inside);
        }

        Assert.IsFalse(Placeholders.IsPlaceholder(ghBody));
        foreach (var placeholder in new[] { "<your-key>", "your_api_key_here", "YOUR_API_KEY", "YourApiKey", "yourtoken", "${VAR}", "TODO", "todo: set me", "TBD", "my-fake-token", "myFakeToken", "myfaketoken", "enteryourkeyhere", "fake", "xxxx", "sk-xxxxxxxxxxxxxxxx" })
        {
            Assert.IsTrue(Placeholders.IsPlaceholder(placeholder), placeholder);
        }

        var misses = Enumerable.Range(0, 20000).Select(seed => R(40, Alnum, 100000 + seed)).Count(Placeholders.IsPlaceholder);
        Assert.IsLessThanOrEqualTo(2, misses, $"{misses} of 20000 random tokens taken for placeholders");
    }
}
