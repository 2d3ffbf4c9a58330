using System.Text;
using SecretGuard.Detection;
using SecretGuard.Detection.Catalogue;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Detection;

/// <summary>
/// Every format of the catalogue (<see cref="TokenFormats"/>, <see cref="ContextFormats"/>) both ways: a
/// real-shaped credential is found whole, in a config line and in JSON, and a near miss is not. Values are
/// assembled at run time so that none is a literal in the repository.
/// </summary>
[TestClass]
public sealed class CatalogueTests
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";
    private const string AlnumChars = Upper + Lower + Digits;

    private static string Hex(int n, int seed) => TestSecrets.Random(n, "0123456789abcdef", seed);

    private static string Alnum(int n, int seed) => TestSecrets.Random(n, AlnumChars, seed);

    private static string Url64(int n, int seed) => TestSecrets.Random(n, AlnumChars + "_-", seed);

    private static string LowerAlnum(int n, int seed) => TestSecrets.Random(n, Lower + Digits, seed);

    private static string UpperAlnum(int n, int seed) => TestSecrets.Random(n, Upper + Digits, seed);

    private static string Guid(int seed) => new System.Guid(System.Security.Cryptography.MD5.HashData(BitConverter.GetBytes(seed))).ToString();

    private static string GuidV4(int seed) => Hex(8, seed) + "-" + Hex(4, seed + 1) + "-4" + Hex(3, seed + 2) + "-a" + Hex(3, seed + 3) + "-" + Hex(12, seed + 4);

    private static string Base64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));

    /// <summary>A Grafana API key: the base64 of its JSON, drawn until it holds no + or / (the format's alphabet).</summary>
    private static string GrafanaKey(int seed)
    {
        for (var s = seed; ; s++)
        {
            var key = Base64("{\"k\":\"" + Alnum(32, s) + "\",\"n\":\"deploy-" + s + "\",\"id\":" + (s % 9 + 1) + "}").TrimEnd('=');
            if (!key.Contains('+') && !key.Contains('/'))
            {
                return key;
            }
        }
    }

    /// <param name="Token">A real-shaped credential; each seed gives another.</param>
    /// <param name="NearMiss2">A second near miss; by default the credential inside a longer run of letters and digits.</param>
    /// <param name="Wrap">The setting around the credential when its format is its key (the default: API_TOKEN=…).</param>
    private sealed record Case(string Rule, Func<int, string> Token, string NearMiss, string? NearMiss2 = null, Func<string, string>? Wrap = null);

    private static readonly Case[] Cases =
    [
        new("SG1119", s => s % 2 == 0 ? "xoxe" + ".xoxp-1-" + UpperAlnum(165, 1 + s) : "xoxe" + "-1-" + UpperAlnum(146, 2 + s), "xoxe-1-" + UpperAlnum(100, 3)),
        new("SG1120", s => "api" + "_org_" + TestSecrets.Random(34, Upper + Lower, 4 + s), "api_org_" + TestSecrets.Random(34, Lower, 5)),
        new("SG1121", s => s % 2 == 0
            ? "AB" + "SK" + Base64("BedrockAPIKey-" + LowerAlnum(4, 6 + s) + "-at-" + TestSecrets.Random(12, Digits, 7 + s) + ":" + Alnum(60, 8 + s))
            : "bedrock" + "-api-key-" + Base64("bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIA" + UpperAlnum(16, 9 + s) + "&X-Amz-Signature=" + Hex(64, 10 + s) + "&Version=1"),
            "ABSKQmVkcm9ja0FQSUtleS" + Alnum(100, 11)),
        new("SG1122", s => "sg" + "p_" + Hex(16, 12 + s) + "_" + Hex(40, 13 + s), "sgp_" + Hex(39, 14)),
        new("SG1123", s => s % 2 == 0
            ? "https://default" + Hex(32, 15 + s) + ".0b.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/" + Hex(32, 16 + s) + "/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + Url64(43, 17 + s)
            : "https://prod-27.westeurope.logic.azure.com:443/workflows/" + Hex(32, 18 + s) + "/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + Url64(43, 19 + s),
            "https://prod-27.westeurope.logic.azure.com:443/workflows/" + Hex(32, 20) + "/triggers/manual/paths/invoke?api-version=2016-06-01",
            "https://prod-27.westeurope.logic.azure.com:443/workflows/" + Hex(32, 21) + "/triggers/manual/paths/invoke?api-version=2016-06-01&sig=abc"),
        new("SG1124", s => "https://outlook" + ".office.com/webhook/" + Guid(22 + s) + "@" + Guid(23 + s) + "/IncomingWebhook/" + Hex(32, 24 + s) + "/" + Guid(25 + s),
            "https://outlook.office.com/webhook/" + Guid(26) + "@" + Guid(27) + "/IncomingWebhook/not-a-hex-id/" + Guid(28), "https://outlook.office.com/webhook/" + Guid(29)),
        new("SG1125", s => s % 2 == 0 ? Hex(36, 30 + s) + "NR" + "AL" : "NR" + "JS-" + Hex(19, 31 + s), Hex(35, 32) + "NRAL"),
        new("SG1126", s => (s % 2 == 0 ? "ap" + "i-" : "sd" + "k-") + GuidV4(33 + s), "api-" + Hex(8, 34) + "-" + Hex(4, 35) + "-1" + Hex(3, 36) + "-a" + Hex(3, 37) + "-" + Hex(12, 38)),
        new("SG1127", s => s % 2 == 0 ? "sec" + "-c-" + Base64(Guid(39 + s)) : "pub" + "-c-" + Guid(40 + s), "sec-c-" + Alnum(48, 41)),
        new("SG1128", s => "pc" + "sk_" + Alnum(6, 42 + s) + "_" + Alnum(64, 43 + s), "pcsk_" + Alnum(6, 44) + "_" + Alnum(20, 45)),
        new("SG1129", s => "dd" + "p_" + Alnum(36, 46 + s), "ddp_" + Alnum(35, 47)),
        new("SG1130", s => "CCI" + "PAT_" + Alnum(22, 48 + s) + "_" + Hex(40, 49 + s), "CCIPAT_" + Alnum(22, 50) + "_" + Hex(39, 51)),
        new("SG1131", s => s % 2 == 0 ? "00" + "D" + Alnum(12, 52 + s) + "!" + Alnum(96, 53 + s) : "5A" + "ep861" + Alnum(70, 54 + s) + "==", "00D" + Alnum(12, 55) + "!" + Alnum(40, 56)),
        new("SG1132", s => "https://hooks" + ".zapier.com/hooks/catch/" + TestSecrets.Random(7, Digits, 57 + s) + "/" + LowerAlnum(6, 58 + s) + "/",
            "https://hooks.zapier.com/hooks/catch/<account>/<hook>/", "https://hooks.zapier.com/hooks/catch/123/ab/"),
        new("SG1133", s => "A3" + "-" + UpperAlnum(6, 59 + s) + "-" + UpperAlnum(11, 60 + s) + "-" + UpperAlnum(5, 61 + s) + "-" + UpperAlnum(5, 62 + s) + "-" + UpperAlnum(5, 63 + s), "A3-" + UpperAlnum(6, 64) + "-" + UpperAlnum(7, 65) + "-" + UpperAlnum(5, 66)),
        new("SG1134", s => "sc" + "_" + Alnum(10, 67 + s) + "." + Alnum(5, 68 + s) + ".acc_" + LowerAlnum(15, 69 + s) + "." + Url64(60, 70 + s), "sc_" + Alnum(10, 71) + "." + Alnum(5, 72) + "." + LowerAlnum(15, 73) + "." + Url64(60, 74)),
        new("SG1135", s => "dn" + "key-" + Alnum(26, 75 + s) + "-" + Alnum(52, 76 + s), "dnkey-" + Alnum(26, 77) + "-" + Alnum(30, 78)),
        new("SG1136", s => LowerAlnum(32, 79 + s), "_gitlab_session=" + LowerAlnum(31, 80), Wrap: t => "_gitlab_session=" + t),
        new("SG1137", GrafanaKey, "eyJrIjoi" + Alnum(80, 81)),
        new("SG1138", s => "pk" + "_" + TestSecrets.Random(8, Digits, 82 + s) + "_" + UpperAlnum(32, 83 + s), "pk_" + TestSecrets.Random(8, Digits, 84) + "_" + UpperAlnum(20, 85)),
        new("SG1139", s => "sk" + "-lf-" + Guid(86 + s), "pk-lf-" + Guid(87)),
        new("SG1140", s => "sk-or" + "-v1-" + Hex(64, 88 + s), "sk-or-v1-" + Hex(63, 89)),
        new("SG1141", s => "ph" + "x_" + Alnum(43, 90 + s), "phc_" + Alnum(43, 91)),
        new("SG1142", s => "na" + "pi_" + LowerAlnum(64, 92 + s), "napi_" + LowerAlnum(63, 93)),
        new("SG1143", s => "sb_" + "secret_" + Url64(40, 94 + s), "sb_publishable_" + Url64(40, 95)),
        new("SG1144", s => "xnd_" + "production_" + (s % 2 == 0 ? Alnum(61, 96 + s) : Alnum(20, 96) + "+" + Alnum(20, 97) + "/" + Alnum(13, 98) + "=="), "xnd_development_" + Alnum(60, 97)),
        new("SG1145", s => "Mid-" + "server-" + Url64(24, 98 + s), "SB-Mid-server-" + Url64(24, 99)),
        new("SG1146", s => "access-" + "production-" + Guid(100 + s), "access-sandbox-" + Guid(101)),
        new("SG1147", s => "pat-" + "na1-" + Guid(102 + s), "pat-na1-" + Guid(103)[..30]),
        new("SG1149", s => "AK" + "ID" + Alnum(32, 106 + s), "AKID" + Alnum(31, 107)),
        new("SG1150", s => "ak" + "ab-" + LowerAlnum(16, 108 + s) + "-" + LowerAlnum(16, 109 + s), "akab-" + LowerAlnum(16, 110) + "-" + LowerAlnum(8, 111)),
        new("SG1151", s => "apify" + "_api_" + Alnum(36, 112 + s), "apify_api_" + Alnum(35, 113)),
        new("SG1152", s => "root" + "ly_" + Hex(64, 114 + s), "rootly_" + Hex(63, 115)),
        new("SG1280", s => "WPL" + "_AP1." + Alnum(16, 1280 + s) + "." + TestSecrets.Random(6, AlnumChars + "+/", 1290 + s) + "==", "WPL_AP1." + Alnum(15, 1281) + "." + Alnum(6, 1282) + "=="),
        new("SG1281", s => "AT" + "TA" + Hex(64, 1283 + s) + Hex(8, 1284 + s).ToUpperInvariant(), "ATTA" + Hex(64, 1285) + Hex(8, 1286)),
        new("SG1282", s => "hca" + "ik_01" + LowerAlnum(56, 1287 + s), "hcaik_01" + LowerAlnum(40, 1288)),
        new("SG1283", s => "tgp" + "_v1_" + Url64(43, 1289 + s), "tgp_v1_" + Url64(42, 1290)),
        new("SG1284", s => (s % 2 == 0 ? "vc" + "p_" : "vc" + "i_") + Alnum(56, 1291 + s), "vcp_" + LowerAlnum(20, 1292)),
        new("SG1288", s => "base" + "64:" + TestSecrets.Random(43, AlnumChars + "+/", 1293 + s) + "=", "APP_KEY=base64:" + TestSecrets.Random(42, AlnumChars + "+/", 1294) + "=", Wrap: t => "APP_KEY=" + t),
        new("SG1295", s => Base64((s % 2 == 0 ? "x-access-token:" + TestSecrets.GitHubToken("ghs", 1297 + s) : "deploy:" + Alnum(16, 1299 + s))),
            "AUTHORIZATION: basic " + Base64("deploy:abc12"), "Authorization: Basic " + Base64("Aladdin:open sesame"), Wrap: t => "[http \"https://github.com/\"]\n\textraheader = AUTHORIZATION: basic " + t),
        new("SG1289", s => Hex(128, 1295 + s), "SECRET_KEY_BASE=" + Hex(127, 1296), Wrap: t => "SECRET_KEY_BASE=" + t),
        new("SG1153", s => "VF" + ".DM." + Hex(24, 116 + s) + "." + Alnum(16, 117 + s), "VF.DM." + Hex(24, 118) + "." + Alnum(10, 119)),
        new("SG1154", s => "NF" + "-" + Alnum(32, 120 + s), "NF-" + Alnum(31, 121)),
        new("SG1155", s => "ml" + "sn." + Hex(64, 122 + s), "mlsn." + Hex(63, 123)),
        new("SG1156", s => "sk" + "_" + Hex(48, 124 + s), "sk_" + Hex(47, 125)),
        new("SG1157", s => "t1" + "." + Url64(60, 126 + s) + "." + Url64(86, 127 + s), "t1." + Url64(60, 128) + "." + Url64(40, 129)),
        new("SG1158", s => Hex(8, 130 + s) + ":" + Hex(8, 131 + s), "BUNDLE_GEMS__CONTRIBSYS__COM=" + Hex(8, 132), Wrap: t => "BUNDLE_GEMS__CONTRIBSYS__COM=" + t),
        new("SG1159", s => "xsmtp" + "sib-" + Hex(64, 133 + s) + "-" + Alnum(16, 134 + s), "xsmtpsib-" + Hex(64, 135)),
        new("SG1160", s => Guid(136 + s), "SCW_DEFAULT_PROJECT_ID=" + Guid(137), Wrap: t => "SCW_SECRET_KEY=" + t),
        new("SG1161", s => LowerAlnum(52, 138 + s), "AZURE_DEVOPS_EXT_PAT=" + LowerAlnum(40, 139), Wrap: t => "AZURE_DEVOPS_EXT_PAT=" + t),
        new("SG1256", s => (s % 2 == 0 ? "0" : "1") + ".A" + Url64(120, 140 + s) + ".Ag" + "AB" + Url64(300, 141 + s) + "." + Url64(40, 142 + s), "0.A" + Url64(120, 143) + ".AgAC" + Url64(300, 144), "2.A" + Url64(120, 145) + ".AgAB" + Url64(300, 146)),
        new("SG1257", s => TestSecrets.Random(42, AlnumChars + "+/", 147 + s) + "+A" + "CR" + "C" + Alnum(5, 148 + s), TestSecrets.Random(41, AlnumChars, 149) + "+ACRC" + Alnum(5, 150), TestSecrets.Random(42, AlnumChars, 151) + "+ACRE" + Alnum(5, 152)),
        new("SG1258", s => (s % 2 == 0 ? "cf" + "ut_" : "cf" + "at_") + Alnum(40, 153 + s) + Alnum(8, 154 + s), "cfut_" + Alnum(30, 155), "cfxt_" + Alnum(48, 156)),
        new("SG1260", s => "SWM" + "TKN-1-" + LowerAlnum(50, 157 + s) + "-" + LowerAlnum(25, 158 + s), "SWMTKN-1-" + LowerAlnum(50, 159) + "-" + LowerAlnum(24, 160)),
        new("SG1261", s => "SWM" + "KEY-1-" + TestSecrets.Random(43, AlnumChars + "+/", 161 + s), "SWMKEY-1-" + Alnum(42, 162), "SWMKEY-1-" + Alnum(44, 163)),
        new("SG1262", s => "bk" + "aa_MTA." + Alnum(77, 164 + s), "bkaa_MTA." + Alnum(40, 165)),
    ];

    /// <summary>
    /// Formats that were rules of their own before they were rows: their tests stay in the test classes
    /// that held them (PrefixedTokenRulesTests, CloudAndSaasTokenRulesTests, ...), against the rule id.
    /// Likewise a file's own line that no token setting can wrap (SG1286's bindpw), tested with its kind.
    /// </summary>
    public static readonly string[] Moved =
    [
        "SG1002", "SG1003", "SG1004", "SG1005", "SG1006", "SG1007", "SG1012", "SG1013", "SG1014", "SG1015", "SG1016", "SG1017",
        "SG1018", "SG1019", "SG1020", "SG1021", "SG1022", "SG1023", "SG1024", "SG1025", "SG1026", "SG1027", "SG1028", "SG1029",
        "SG1030", "SG1031", "SG1032", "SG1033", "SG1034", "SG1035", "SG1037", "SG1038", "SG1039", "SG1040", "SG1041", "SG1042",
        "SG1043", "SG1044", "SG1045", "SG1046", "SG1048", "SG1049", "SG1050", "SG1051", "SG1052", "SG1053", "SG1054", "SG1055",
        "SG1056", "SG1057", "SG1058", "SG1060", "SG1062", "SG1063", "SG1064", "SG1065", "SG1066", "SG1067", "SG1068", "SG1069",
        "SG1070", "SG1071", "SG1072", "SG1073", "SG1074", "SG1075", "SG1076", "SG1077", "SG1078", "SG1079", "SG1080", "SG1081",
        "SG1082", "SG1083", "SG1084", "SG1085", "SG1086", "SG1087", "SG1088", "SG1089", "SG1090", "SG1091", "SG1092", "SG1093",
        "SG1094", "SG1095", "SG1096", "SG1097", "SG1098", "SG1099", "SG1101", "SG1114", "SG1116", "SG1117", "SG1118",
        "SG1286", "SG1299",
    ];

    /// <summary>The formats new with the catalogue, tested here.</summary>
    public static readonly string[] Rules = [.. TokenFormats.All.Select(f => f.Id).Except(Moved), .. ContextFormats.All.Select(f => f.Id)];

    public static IEnumerable<object[]> TokenRules => Cases.Select(c => new object[] { c.Rule });

    public static IEnumerable<object[]> ContextRules => ContextFormats.All.Select(f => new object[] { f.Id });

    private static Case For(string rule) => Cases.Single(c => c.Rule == rule);

    [TestMethod]
    public void Every_token_format_has_a_case_and_ids_are_unique()
    {
        CollectionAssert.AreEquivalent(TokenFormats.All.Select(f => f.Id).ToList(), Cases.Select(c => c.Rule).Concat(Moved).ToList());
        CollectionAssert.AllItemsAreUnique(RuleSet.Default.Rules.Select(r => r.Id).ToList());
    }

    [TestMethod]
    [DynamicData(nameof(TokenRules))]
    public void Token_formats_are_found_whole_in_config_and_json(string rule)
    {
        var c = For(rule);
        foreach (var token in new[] { c.Token(0), c.Token(1) })
        {
            var setting = c.Wrap is null ? "API_TOKEN=" + token : c.Wrap(token);
            RuleAssert.Finds(rule, setting + "\n", token);
            RuleAssert.Finds(rule, "{ \"Service\": { \"Token\": \"" + (c.Wrap is null ? token : c.Wrap(token)) + "\" } }", token);
        }
    }

    [TestMethod]
    public void Basic_credentials_in_an_authorization_header_are_found_wherever_the_header_is_written()
    {
        var basic = Base64("x-access-token:" + TestSecrets.GitHubToken("ghs", 1301));
        RuleAssert.Finds("SG1295", "[http \"https://github.com/\"]\n\textraheader = AUTHORIZATION: basic " + basic + "\n", basic);
        RuleAssert.Finds("SG1295", "RUN git -c http.extraheader=\"AUTHORIZATION: basic " + basic + "\" clone https://github.com/shop/tools.git\n", basic);
        RuleAssert.Finds("SG1295", "location /api/ {\n  proxy_set_header Authorization \"Basic " + basic + "\";\n}\n", basic);
        RuleAssert.Finds("SG1295", "GET https://orders.internal/api/health\nAuthorization: Basic " + basic + "\n", basic);
        RuleAssert.Finds("SG1295", "{ \"Headers\": { \"Authorization\": \"Basic " + basic + "\" } }", basic);

        // In a curl command it is SG1254's, once.
        var curl = RuleSet.Default.Scan("curl -H 'Authorization: Basic " + basic + "' https://orders.internal/api\n");
        Assert.AreEqual("SG1254", curl.Single().Rule.Id);
    }

    [TestMethod]
    [DataRow("Authorization: Basic {basic-short}\n")]
    [DataRow("Authorization: Basic {basic-placeholder}\n")]
    [DataRow("Authorization: Basic {basic-user-only}\n")]
    [DataRow("Authorization: Bearer {random}\n")]
    [DataRow("Authorization: Basic ${BASIC_AUTH}\n")]
    [DataRow("The Authorization: Basic header carries base64 of user:password.\n")]
    [DataRow("POST /token HTTP/1.1\n    Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW\n")]
    public void Authorization_headers_without_a_basic_password_are_clean(string text)
    {
        text = text.Replace("{basic-short}", Base64("deploy:abc12"), StringComparison.Ordinal)
            .Replace("{basic-placeholder}", Base64("deploy:<your-password>"), StringComparison.Ordinal)
            .Replace("{basic-user-only}", Base64("deploy" + Alnum(12, 1302)), StringComparison.Ordinal)
            .Replace("{random}", Alnum(40, 1303), StringComparison.Ordinal);
        Assert.IsFalse(RuleSet.Default.Scan(text).Any(h => h.Rule.Id == "SG1295"), text);
    }

    /// <summary>Shapes compared with other scanners' detectors and real tokens in public code (2026-12).</summary>
    [TestMethod]
    public void Lengths_and_alphabets_as_issued()
    {
        var refresh = "5A" + "ep861" + Alnum(80, 7);
        RuleAssert.Finds("SG1131", "SF_REFRESH_TOKEN=" + refresh + "\n", refresh);
        var legacyXendit = "xnd_" + "production_" + Alnum(9, 8) + "+" + Alnum(30, 9) + "/" + Alnum(14, 10) + "==";
        RuleAssert.Finds("SG1144", "XENDIT_KEY=" + legacyXendit + "\n", legacyXendit);
        Assert.IsFalse(RuleSet.Default.Scan("note: sec-c-" + Base64(Guid(3)) + "x (see docs)").Any(h => h.Rule.Id == "SG1127"), "a PubNub secret key is 48 characters, not 49");
        RuleAssert.Clean("SUPABASE_SECRET_KEY=" + "sb_" + "secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz\n"); // the Supabase CLI's local development key
    }

    [TestMethod]
    [DynamicData(nameof(TokenRules))]
    public void Token_format_near_misses_are_not_reported_by_the_rule(string rule)
    {
        var c = For(rule);
        foreach (var nearMiss in new[] { c.NearMiss, c.NearMiss2 ?? "Zq7" + c.Token(0) + "x9Kd" })
        {
            var hits = RuleSet.Default.Scan("note: " + nearMiss + " (see docs)");
            Assert.IsFalse(hits.Any(h => h.Rule.Id == rule), $"{rule} matched its near miss '{nearMiss}'");
        }
    }

    private static string KeyOf(ContextFormat f) => new string(f.ServiceNames[0].ToUpperInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '_').ToArray()).TrimEnd('_') + "_API_KEY";

    /// <summary>The service's name as a JSON section names it ("shortcut", not the key form "shortcut_").</summary>
    internal static string SectionOf(ContextFormat f) => f.ServiceNames[0].Trim('"').TrimEnd('_', '.', ':');

    [TestMethod]
    [DynamicData(nameof(ContextRules))]
    public void Context_formats_are_found_by_key_at_high_and_by_section_at_medium_confidence(string rule)
    {
        var f = ContextFormats.All.Single(x => x.Id == rule);
        foreach (var value in new[] { f.Shape.Sample(1), f.Shape.Sample(2) })
        {
            Assert.IsTrue(f.Shape.Test(value), $"{rule}'s own sample '{value}' fails its shape");
            var byKey = KeyOf(f) + "=" + value + "\n";
            RuleAssert.Finds(rule, byKey, value);
            Assert.AreEqual(Confidence.High, RuleSet.Default.Scan(byKey).Single(h => h.Rule.Id == rule).Match.Confidence, "named in the key, of the exact shape");
            var bySection = "{\n  \"" + SectionOf(f) + "\": {\n    \"ApiKey\": \"" + value + "\"\n  }\n}\n";
            RuleAssert.Finds(rule, bySection, value);
            Assert.IsNull(RuleSet.Default.Scan(bySection).Single(h => h.Rule.Id == rule).Match.Confidence, "named by the section only: the rule's medium");
        }

        Assert.AreEqual(Confidence.Medium, RuleSet.Default.Rules.Single(r => r.Id == rule).Confidence);
    }

    [TestMethod]
    [DynamicData(nameof(ContextRules))]
    public void Context_format_near_misses_are_not_reported_by_the_rule(string rule)
    {
        var f = ContextFormats.All.Single(x => x.Id == rule);
        var value = f.Shape.Sample(3);
        var service = KeyOf(f)[..^"_API_KEY".Length];
        foreach (var nearMiss in new[]
        {
            KeyOf(f) + "=" + value[..^1], // not the service's shape
            service + "_CLIENT_ID=" + value, // an identifier, not a credential
            "DEPLOY_TOKEN=" + value, // no service name: the generic rule's business
            KeyOf(f) + "=" + new string(value[0], value.Length), // one repeated character
        })
        {
            var hits = RuleSet.Default.Scan(nearMiss + "\n");
            Assert.IsFalse(hits.Any(h => h.Rule.Id == rule), $"{rule} matched its near miss '{nearMiss}'");
        }
    }
}
