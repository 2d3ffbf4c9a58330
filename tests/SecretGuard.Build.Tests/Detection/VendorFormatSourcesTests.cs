using System.Text;
using SecretGuard.Detection;
using SecretGuard.Detection.Catalogue;
using SecretGuard.Findings;
using static SecretGuard.Tests.TestSecrets;

namespace SecretGuard.Tests.Detection;

/// <summary>
/// The business, messaging and payment formats against what their vendors document (docs, SDK and server
/// sources, key-format pages): each shape as the source gives it is found whole, and the near misses of that
/// shape (one character short, outside the alphabet, the public sibling of the key) are not. A format whose
/// pattern cannot match its own documented shape fails here. Values are drawn at run time in the documented
/// alphabet and length; the published documentation examples listed are the vendors' own, and must never
/// fail a build.
/// </summary>
[TestClass]
public sealed class VendorFormatSourcesTests
{

    private static string R(int n, string alphabet, int seed) => TestSecrets.Random(n, alphabet, seed);

    private static string Hex(int n, int seed) => R(n, "0123456789abcdef", seed);

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes);

    private static byte[] Bytes(int n, int seed)
    {
        var bytes = new byte[n];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A Sentry organization token as sentry/utils/security/orgauthtoken_token.py makes it: sntrys_, base64(JSON), _, base64 of 32 random bytes without padding.</summary>
    private static string SentryOrgToken(int seed) =>
        "sntr" + "ys_" + B64(Encoding.ASCII.GetBytes("{\"iat\": 1733000000." + seed + ", \"url\": \"https://sentry.io\", \"region_url\": \"https://us.sentry.io\", \"org\": \"acme-" + seed + "\"}"))
        + "_" + B64(Bytes(32, seed)).TrimEnd('=');

    /// <param name="Rule">The rule that must find the shape.</param>
    /// <param name="Shape">What the source says.</param>
    /// <param name="Source">Where it says it.</param>
    /// <param name="Token">A value of the documented shape; each seed another.</param>
    /// <param name="NearMisses">Values that are not of the shape, or are the public sibling of the credential.</param>
    public sealed record Documented(string Rule, string Shape, string Source, Func<int, string> Token, string[] NearMisses)
    {
        public override string ToString() => Rule + ": " + Shape;
    }

    private static readonly Documented[] Formats =
    [
        // ---- Business services ----
        new("SG1141", "phx_ and the base 62 of 35 random bytes (47 or 48 characters; keys made before 2024 from 32 bytes, 43)", "PostHog, posthog/models/utils.py (generate_random_token_personal: PERSONAL_API_KEY_PREFIX + generate_random_token(35), base 62)",
            s => "ph" + "x_" + R(s % 2 == 0 ? 47 : 43, Alnum, 1410 + s), ["phx_" + R(38, Alnum, 1411), "phc_" + R(43, Alnum, 1412)]),
        new("SG1141", "phs_ project secret API keys: the same 35 bytes", "PostHog, posthog/models/utils.py (SECRET_API_TOKEN_PREFIX \"phs_\": team secret tokens and project secret API keys)",
            s => "ph" + "s_" + R(47, Alnum, 1413 + s), ["phs_" + R(47, Lower, 1414)]),
        new("SG1141", "pha_ and phr_ OAuth access and refresh tokens: the base 62 of 32 bytes", "PostHog, posthog/models/utils.py (OAUTH_ACCESS_TOKEN_PREFIX, OAUTH_REFRESH_TOKEN_PREFIX, generate_random_token())",
            s => (s % 2 == 0 ? "ph" + "a_" : "ph" + "r_") + R(43, Alnum, 1415 + s), ["pha_" + R(44, Alnum, 1416)]),
        new("SG1031", "sntryu_ user tokens: 64 small hex digits", "Sentry, src/sentry/models/apitoken.py (generate_token: token_type + secrets.token_hex(32))",
            s => "sntr" + "yu_" + Hex(64, 1417 + s), ["sntryu_" + Hex(63, 1418), "sntryu_" + Hex(64, 1419).ToUpperInvariant()]),
        new("SG1031", "sntrya_ user-app and sntryi_ integration tokens: 64 small hex digits", "Sentry, src/sentry/types/token.py (AuthTokenType USER_APP, INTEGRATION)",
            s => (s % 2 == 0 ? "sntr" + "ya_" : "sntr" + "yi_") + Hex(64, 1420 + s), ["sntryx_" + Hex(64, 1421)]),
        new("SG1031", "sntrys_, base64 of the JSON payload (padding kept), _ and 43 base64 characters", "Sentry, src/sentry/utils/security/orgauthtoken_token.py (generate_token; the parser wants exactly two _)",
            SentryOrgToken, ["sntrys_eyJ" + R(80, Alnum, 1422) + "_" + R(43, Alnum, 1423)]),
        new("SG1041", "dt0c01., 24 capitals and digits, . and 64 capitals and digits", "Dynatrace docs, Access tokens (token format: prefix, public part, secret part)",
            s => "dt" + "0c01." + R(24, Upper + Digits, 1424 + s) + "." + R(64, Upper + Digits, 1425 + s), ["dt0c01." + R(24, Upper + Digits, 1426) + "." + R(63, Upper + Digits, 1427)]),
        new("SG1041", "dt0s01./dt0s16. platform tokens and OAuth client secrets of the same shape", "Dynatrace docs, Platform tokens and OAuth clients (dt0s01, dt0s16 prefixes)",
            s => "dt" + "0s16." + R(24, Upper + Digits, 1428 + s) + "." + R(64, Upper + Digits, 1429 + s), ["dt0s16." + R(24, Upper + Digits, 1430)]),
        new("SG1064", "p8e- and 32 characters of letters, digits, _ and -", "Adobe Developer Console, OAuth Server-to-Server credential (client secret p8e-…)",
            s => "p8" + "e-" + R(14, Alnum, 1431 + s) + (s % 2 == 0 ? "-" : "_") + R(17, Alnum, 1432 + s), ["p8e-" + R(31, Alnum, 1433)]),
        new("SG1281", "ATTA, 64 small hex digits and an 8-digit checksum in capital hex (76 characters)", "Atlassian developer docs, Trello REST API authorization (tokens generated since 2023 start ATTA)",
            s => "AT" + "TA" + Hex(64, 1434 + s) + Hex(8, 1435 + s).ToUpperInvariant(), ["ATTA" + Hex(64, 1436), "ATTA" + Hex(63, 1437) + "A1B2C3D4"]),
        new("SG1282", "hc, region, ik (ingest) or ic (classic ingest), _, a 26-character key id (01…) and a 32-character secret, small letters and digits", "Honeycomb docs, API keys (v2 ingest keys: the key id and its secret concatenated, sent as X-Honeycomb-Team)",
            s => (s % 2 == 0 ? "hca" + "ik_01" : "hcx" + "ic_01") + R(24, Lower + Digits, 1438 + s) + R(32, Lower + Digits, 1439 + s), ["hcaik_01" + R(55, Lower + Digits, 1440), "hcamk_01" + R(24, Lower + Digits, 1441)]),
        new("SG1283", "tgp_v1_ and 43 base64url characters", "Together AI docs, Authentication (API keys)",
            s => "tgp" + "_v1_" + R(43, Url64, 1442 + s), ["tgp_v1_" + R(40, Url64, 1443)]),
        new("SG1284", "vcp_/vci_/vca_/vcr_/vck_ and letters and digits", "Vercel CLI, packages/cli/src/commands/tokens (the token prefixes) and Vercel docs, Account tokens",
            s => "vc" + "p_" + R(56, Alnum, 1444 + s), ["vcp_" + R(16, Alnum, 1445), "vcx_" + R(56, Alnum, 1446)]),
        new("SG1125", "license keys: 32 hex digits and FFFFNRAL; EU: eu01xx and 26 more", "New Relic docs, New Relic API keys (license key format)",
            s => Hex(32, 1447 + s) + "FF" + "FFNRAL", [Hex(32, 1448) + "FFFFNRAX"]),

        // ---- Messaging ----
        new("SG1069", "Meta access tokens: EAA, a letter or digit the app gives, and 100 or more letters and digits", "Meta for Developers, Access tokens (user, page, system user tokens)",
            s => "EA" + "A" + (s % 2 == 0 ? "G" : "B") + R(180, Alnum, 1449 + s), ["EAAG" + R(60, Alnum, 1450), "EAAG" + R(160, Lower, 1451)]),
        new("SG1280", "WPL_AP1., 16 letters and digits, . and 8 base64 characters ending ==", "LinkedIn developer portal, Auth tab (client secrets issued since 2023)",
            s => "WPL" + "_AP1." + R(16, Alnum, 1452 + s) + "." + R(6, Base64Chars, 1453 + s) + "==", ["WPL_AP1." + R(16, Alnum, 1454) + "." + R(6, Alnum, 1455), "WPL_AP1." + R(20, Alnum, 1456) + "." + R(6, Alnum, 1457) + "=="]),
        new("SG1006", "Slack incoming webhook over http:// (the secret path is the same)", "Slack API docs, Sending messages using incoming webhooks",
            s => "http://hooks.slack" + ".com/services/T" + R(10, Upper + Digits, 1458 + s) + "/B" + R(10, Upper + Digits, 1459 + s) + "/" + R(24, Alnum, 1460 + s), ["https://hooks.slack.com/services/T0000/B0000/" + R(24, Alnum, 1461)]),

        new("SG1006", "Slack workflow trigger URL: /triggers/, the team, a number and a 32-hex secret", "Slack help center, Build a workflow: create a workflow that starts outside of Slack (webhook triggers)",
            s => "https://hooks.slack" + ".com/triggers/T" + R(10, Upper + Digits, 1475 + s) + "/" + R(13, Digits, 1476 + s) + "/" + Hex(32, 1477 + s), ["https://hooks.slack.com/triggers/T0000/123/abc"]),

        // ---- Payments ----
        new("SG1018", "shptka_ Theme Access passwords: 32 letters and digits (39 characters)", "Shopify CLI, app-security-engine secret rules (shprt_/shpsb_/shptka_/shpua_ bodies are alphanumeric); Shopify docs, Theme Access app",
            s => "shp" + "tka_" + Hex(32, 1478 + s), ["shptka_" + Hex(20, 1479), "shptka_" + R(32, Lower, 1480)]),
        new("SG1035", "EAAA and 60 characters (production and sandbox access tokens alike: a warning)", "Square developer docs, Access tokens and other credentials",
            s => "EA" + "AA" + R(60, Url64, 1462 + s), ["EAAA" + R(59, Url64, 1463)]),
        new("SG1005", "sk_live_ and letters and digits (current keys: 99 after the prefix)", "Stripe docs, API keys",
            s => "sk" + "_live_" + R(99, Alnum, 1464 + s), ["sk_test_" + R(99, Alnum, 1465), "pk_live_" + R(99, Alnum, 1466)]),
        new("SG1085", "whsec_ and base64 (32 random bytes)", "Stripe docs, Check webhook signatures; stripe-cli scrub pattern whsec_[A-Za-z0-9+/]+=*",
            s => "wh" + "sec_" + B64(Bytes(32, 1467 + s)).TrimEnd('='), ["whsec_" + R(20, Alnum, 1468)]),
    ];

    public static IEnumerable<object[]> Cases => Formats.Select(f => new object[] { f });

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void The_documented_shape_is_found_whole(Documented format)
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var token = format.Token(seed);
            RuleAssert.Finds(format.Rule, "SERVICE_CREDENTIAL=" + token + "\n", token);
            RuleAssert.Finds(format.Rule, "{ \"credential\": \"" + token + "\" }\n", token);
        }
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void Its_near_misses_are_not(Documented format)
    {
        foreach (var nearMiss in format.NearMisses)
        {
            var hits = RuleSet.Default.Scan("note: " + nearMiss + " (see docs)\n");
            Assert.IsFalse(hits.Any(h => h.Rule.Id == format.Rule), $"{format.Rule} matched '{nearMiss}'");
        }
    }

    [TestMethod]
    public void Every_rule_named_exists() =>
        CollectionAssert.IsSubsetOf(Formats.Select(f => f.Rule).Distinct().ToList(), RuleSet.Default.Rules.Select(r => r.Id).ToList());

    /// <summary>Square's EAAA tokens have the same shape in the sandbox: a warning, never a proven secret.</summary>
    [TestMethod]
    public void A_square_eaaa_token_is_a_warning()
    {
        var token = "EA" + "AA" + R(60, Url64, 1470);
        var hit = RuleSet.Default.Scan("SQUARE_ACCESS_TOKEN=" + token + "\n").Single(h => h.Rule.Id == "SG1035");
        Assert.AreEqual(Confidence.Medium, hit.Match.Confidence);
    }

    /// <summary>Inside a base64 blob (a data URI, a certificate) an EAA run is not a Meta token.</summary>
    [TestMethod]
    public void Eaa_inside_base64_is_not_a_meta_token()
    {
        var blob = "data:image/png;base64," + R(40, Base64Chars, 1471) + "+EAAG" + R(150, Alnum, 1472) + "/" + R(40, Base64Chars, 1473) + "==";
        Assert.IsFalse(RuleSet.Default.Scan(blob + "\n").Any(h => h.Rule.Id == "SG1069"));
    }

    /// <summary>Vendors' own documentation examples: copied into SDKs, tests and tutorials, they grant nothing.</summary>
    [TestMethod]
    [DataRow("curl -H \"Accept: application/vnd.pagerduty+json;version=2\" -H \"Authorization: Token token=y_NbAkKc66ryYTWUXYEu\" https://api.pagerduty.com/users")]
    [DataRow("PAGERDUTY_API_KEY=y_NbAkKc66ryYTWUXYEu")]
    [DataRow("pagerduty:\n  api_key: y_NbAkKc66ryYTWUXYEu")]
    [DataRow("DT_API_TOKEN=dt0c01.ST2EY72KQINMH574WMNVI7YN.G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM")]
    public void Published_documentation_examples_do_not_fail_a_build(string text)
    {
        var hits = RuleSet.Default.Scan(text + "\n");
        Assert.IsFalse(hits.Any(h => (h.Match.Confidence ?? h.Rule.Confidence) == Confidence.High), string.Join(", ", hits.Select(h => h.Rule.Id)));
    }

    /// <summary>A PagerDuty key of the documented shape other than the example is still found (user tokens start u+).</summary>
    [TestMethod]
    public void Pagerduty_keys_other_than_the_example_are_found()
    {
        var key = "u+" + R(18, Url64, 1474);
        RuleAssert.Finds("SG1220", "PAGERDUTY_API_KEY=" + key + "\n", key);
        RuleAssert.Finds("SG1254", "curl -H \"Authorization: Token token=" + key + "\" https://api.pagerduty.com/users\n", "token=" + key);
    }

    [TestMethod]
    public void The_published_examples_are_listed_once()
    {
        Assert.IsTrue(VendorExamples.IsPublished("y_NbAkKc66ryYTWUXYEu"));
        Assert.IsTrue(VendorExamples.IsPublished("'y_NbAkKc66ryYTWUXYEu'"));
        Assert.IsFalse(VendorExamples.IsPublished("y_NbAkKc66ryYTWUXYEv"));
    }
}
