namespace SecretGuard.Tests.Detection;

/// <summary>
/// The vendor tokens recognised by a unique prefix (SG1020 to SG1060): for each, a real-shaped token is
/// found whole, in a config line and in JSON, and a near miss (too short, the wrong prefix or a test
/// token) is not. Tokens are assembled at run time so none is a literal in the repository.
/// </summary>
[TestClass]
public sealed class PrefixedTokenRulesTests
{
    private sealed record Case(string Rule, string Token, string NearMiss);

    private static readonly Case[] Cases =
    [
        new("SG1020", "gl" + "pat-" + TestSecrets.Random(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 101), "glpat-abc123 is the prefix of a GitLab token"),
        new("SG1021", "dckr" + "_pat_" + TestSecrets.Random(27, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 102), "dckr_pat_short"),
        new("SG1022", "py" + "pi-AgEIcHlwaS5vcmc" + TestSecrets.Random(70, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 103), "pypi-" + TestSecrets.Random(70, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 104)),
        new("SG1023", "do" + "p_v1_" + TestSecrets.Random(64, "0123456789abcdef", 105), "dop_v1_" + TestSecrets.Random(63, "0123456789abcdef", 106)),
        new("SG1024", "hv" + "s." + TestSecrets.Random(95, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 107), "hvs.CAESIshort"),
        new("SG1025", "PM" + "AK-" + TestSecrets.Random(24, "0123456789abcdef", 108) + "-" + TestSecrets.Random(34, "0123456789abcdef", 109), "PMAK-" + TestSecrets.Random(24, "0123456789abcdef", 110)),
        new("SG1026", "ATA" + "TT3xFfGF0" + TestSecrets.Random(180, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 111), "ATATT3" + TestSecrets.Random(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 112)),
        new("SG1027", TestSecrets.Random(10, "0123456789", 113) + ":A" + "A" + TestSecrets.Random(33, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 114), "1234:AA" + TestSecrets.Random(33, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 115)),
        new("SG1028", TestSecrets.Random(3, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 116) + "8" + "Q~" + TestSecrets.Random(34, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 117), "see section 8Q~ of the manual"),
        new("SG1029", "gl" + "sa_" + TestSecrets.Random(32, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 118) + "_" + TestSecrets.Random(8, "0123456789abcdef", 119), "glc_" + TestSecrets.Random(12, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 120)),
        new("SG1030", "NR" + "AK-" + TestSecrets.Random(27, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 121), "NRAK-" + TestSecrets.Random(26, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 122)),
        new("SG1031", "sn" + "tryu_" + TestSecrets.Random(64, "0123456789abcdef", 123), "sntryu_" + TestSecrets.Random(32, "0123456789abcdef", 124)),
        new("SG1032", "lin" + "_api_" + TestSecrets.Random(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 125), "lin_api_" + TestSecrets.Random(39, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 126)),
        new("SG1033", "dp" + ".st." + TestSecrets.Random(43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 127), "dp.st.short"),
        new("SG1034", "LT" + "AI" + TestSecrets.Random(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 128), "LTAIabcdefghijklmnop"),
        new("SG1035", "sq0" + "csp-" + TestSecrets.Random(43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 129), "sq0csp-" + TestSecrets.Random(10, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 130)),
        new("SG1036", TestSecrets.Random(32, "0123456789abcdef", 131) + "-us" + "21", TestSecrets.Random(31, "0123456789abcdef", 132) + "-us21"),
        new("SG1037", "da" + "pi" + TestSecrets.Random(32, "0123456789abcdef", 133), "dapi" + TestSecrets.Random(31, "0123456789abcdef", 134)),
        new("SG1038", "ops" + "_eyJ" + TestSecrets.Random(260, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 135), "ops_eyJ" + TestSecrets.Random(50, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 136)),
        new("SG1039", "AK" + "Cp" + TestSecrets.Random(69, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 137), "AKCp" + TestSecrets.Random(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 138)),
        new("SG1040", "pu" + "l-" + TestSecrets.Random(40, "0123456789abcdef", 139), "pul-" + TestSecrets.Random(39, "0123456789abcdef", 140)),
        new("SG1041", "dt" + "0c01." + TestSecrets.Random(24, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 141) + "." + TestSecrets.Random(64, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 142), "dt0c01." + TestSecrets.Random(24, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 143) + "." + TestSecrets.Random(10, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 144)),
        new("SG1042", "AGE-SECRET" + "-KEY-1" + TestSecrets.Random(58, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 145), "AGE-SECRET-KEY-1QPZRY9X8GF2"),
        new("SG1043", "HR" + "KU-AA" + TestSecrets.Random(58, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 146), "HRKU-AA" + TestSecrets.Random(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 147)),
        new("SG1044", "shippo" + "_live_" + TestSecrets.Random(40, "0123456789abcdef", 148), "shippo_test_" + TestSecrets.Random(40, "0123456789abcdef", 149)),
        new("SG1045", "bk" + "ua_" + TestSecrets.Random(40, "0123456789abcdef", 150), "bkua_" + TestSecrets.Random(39, "0123456789abcdef", 151)),
        new("SG1046", "pn" + "u_" + TestSecrets.Random(36, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 152), "pnu_" + TestSecrets.Random(35, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 153)),
        new("SG1047", "pa" + "t" + TestSecrets.Random(14, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 154) + "." + TestSecrets.Random(64, "0123456789abcdef", 155), "pat" + TestSecrets.Random(14, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 156) + "." + TestSecrets.Random(40, "0123456789abcdef", 157)),
        new("SG1048", "sb" + "p_" + TestSecrets.Random(40, "0123456789abcdef", 158), "sbp_" + TestSecrets.Random(39, "0123456789abcdef", 159)),
        new("SG1049", "nf" + "p_" + TestSecrets.Random(36, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 160), "nfp_" + TestSecrets.Random(35, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 161)),
        new("SG1050", "rn" + "d_" + TestSecrets.Random(32, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 162), "rnd_" + TestSecrets.Random(31, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 163)),
        new("SG1051", "ruby" + "gems_" + TestSecrets.Random(48, "0123456789abcdef", 201), "rubygems_" + TestSecrets.Random(40, "0123456789abcdef", 202)),
        new("SG1052", "https://contoso" + ".webhook.office.com/webhookb2/" + Guid(1) + "@" + Guid(2) + "/IncomingWebhook/" + TestSecrets.Random(32, "0123456789abcdef", 203) + "/" + Guid(3), "https://contoso.webhook.office.com/webhookb2/<channel-id>"),
        new("SG1053", "https://discord" + ".com/api/webhooks/" + TestSecrets.Random(18, "0123456789", 204) + "/" + TestSecrets.Random(68, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 205), "https://discord.com/api/webhooks/{id}/{token}"),
        new("SG1054", "nt" + "n_" + TestSecrets.Random(11, "0123456789", 206) + TestSecrets.Random(35, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 207), "secret_sauce_recipe_is_not_a_token"),
        new("SG1055", "access_token" + "$production$" + TestSecrets.Random(16, "abcdefghijklmnopqrstuvwxyz0123456789", 208) + "$" + TestSecrets.Random(32, "0123456789abcdef", 209), "access_token$sandbox$" + TestSecrets.Random(16, "abcdefghijklmnopqrstuvwxyz0123456789", 210) + "$" + TestSecrets.Random(32, "0123456789abcdef", 211)),
        new("SG1056", "AA" + "AA" + TestSecrets.Random(7, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 212) + ":APA91b" + TestSecrets.Random(134, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 213), "AAAA" + TestSecrets.Random(7, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 214) + ":APA91b" + TestSecrets.Random(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 215)),
    ];

    public static IEnumerable<object[]> Rules => Cases.Select(c => new object[] { c.Rule });

    private static string Guid(int seed) => new System.Guid(System.Security.Cryptography.MD5.HashData(System.BitConverter.GetBytes(seed))).ToString();

    private static Case For(string rule) => Cases.Single(c => c.Rule == rule);

    [TestMethod]
    [DynamicData(nameof(Rules))]
    public void Finds_the_token_whole_in_config_and_json(string rule)
    {
        var c = For(rule);
        RuleAssert.Finds(rule, "API_TOKEN=" + c.Token + "\n", c.Token);
        RuleAssert.Finds(rule, "{ \"Service\": { \"Token\": \"" + c.Token + "\" } }", c.Token);
    }

    [TestMethod]
    [DynamicData(nameof(Rules))]
    public void Near_miss_is_not_reported_by_the_rule(string rule)
    {
        var c = For(rule);
        var hits = SecretGuard.Detection.RuleSet.Default.Scan("note: " + c.NearMiss + " (see docs)");
        Assert.IsFalse(hits.Any(h => h.Rule.Id == rule), $"{rule} matched its near miss '{c.NearMiss}'");
    }

    [TestMethod]
    public void Every_prefixed_rule_has_a_case() =>
        CollectionAssert.AreEquivalent(
            SecretGuard.Detection.RuleSet.Default.Rules.Select(r => r.Id).Where(id => string.CompareOrdinal(id, "SG1020") >= 0 && string.CompareOrdinal(id, "SG1060") <= 0)
                .Except(StructuredCredentialRulesTests.Rules).ToList(),
            Cases.Select(c => c.Rule).ToList());
}
