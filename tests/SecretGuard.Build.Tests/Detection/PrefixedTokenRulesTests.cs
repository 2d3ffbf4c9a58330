namespace SecretGuard.Tests.Detection;

/// <summary>
/// The vendor tokens recognised by a unique prefix (SG1020 to SG1060): for each, a real-shaped token is
/// found whole, in a config line and in JSON, and a near miss (too short, the wrong prefix or a test
/// token) is not. Tokens are assembled at run time so none is a literal in the repository.
/// </summary>
[TestClass]
public sealed class PrefixedTokenRulesTests
{
    /// <param name="Token">A real-shaped token; each seed gives another.</param>
    /// <param name="NearMiss2">A second near miss; by default the token inside a longer run of letters and digits.</param>
    private sealed record Case(string Rule, Func<int, string> Token, string NearMiss, string? NearMiss2 = null);

    private static readonly Case[] Cases =
    [
        new("SG1020", s => "gl" + "pat-" + TestSecrets.Random(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 101 + s), "glpat-abc123 is the prefix of a GitLab token"),
        new("SG1021", s => "dckr" + "_pat_" + TestSecrets.Random(27, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 102 + s), "dckr_pat_short"),
        new("SG1022", s => "py" + "pi-AgEIcHlwaS5vcmc" + TestSecrets.Random(70, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 103 + s), "pypi-" + TestSecrets.Random(70, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 104)),
        new("SG1023", s => "do" + "p_v1_" + TestSecrets.Random(64, "0123456789abcdef", 105 + s), "dop_v1_" + TestSecrets.Random(63, "0123456789abcdef", 106)),
        new("SG1024", s => "hv" + "s." + TestSecrets.Random(95, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 107 + s), "hvs.CAESIshort"),
        new("SG1025", s => "PM" + "AK-" + TestSecrets.Random(24, "0123456789abcdef", 108 + s) + "-" + TestSecrets.Random(34, "0123456789abcdef", 109 + s), "PMAK-" + TestSecrets.Random(24, "0123456789abcdef", 110)),
        new("SG1026", s => "ATA" + "TT3xFfGF0" + TestSecrets.Random(180, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 111 + s), "ATATT3" + TestSecrets.Random(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 112)),
        new("SG1027", s => TestSecrets.Random(10, "0123456789", 113 + s) + ":A" + "A" + TestSecrets.Random(33, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 114 + s), "1234:AA" + TestSecrets.Random(33, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 115)),
        new("SG1028", s => TestSecrets.EntraClientSecret(116 + s), "see section 8Q~ of the manual"),
        new("SG1029", s => "gl" + "sa_" + TestSecrets.Random(32, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 118 + s) + "_" + TestSecrets.Random(8, "0123456789abcdef", 119 + s), "glc_" + TestSecrets.Random(12, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 120)),
        new("SG1030", s => "NR" + "AK-" + TestSecrets.Random(27, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 121 + s), "NRAK-" + TestSecrets.Random(26, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 122)),
        new("SG1031", s => "sn" + "tryu_" + TestSecrets.Random(64, "0123456789abcdef", 123 + s), "sntryu_" + TestSecrets.Random(32, "0123456789abcdef", 124)),
        new("SG1032", s => "lin" + "_api_" + TestSecrets.Random(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 125 + s), "lin_api_" + TestSecrets.Random(39, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 126)),
        new("SG1033", s => "dp" + ".st." + TestSecrets.Random(43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 127 + s), "dp.st.short"),
        new("SG1034", s => "LT" + "AI5t" + TestSecrets.Random(18, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 128 + s), "LTAIabcdefghijklmnop"),
        new("SG1035", s => "sq0" + "csp-" + TestSecrets.Random(43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 129 + s), "sq0csp-" + TestSecrets.Random(10, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 130)),
        new("SG1036", s => TestSecrets.Random(32, "0123456789abcdef", 131 + s) + "-us" + "21", TestSecrets.Random(31, "0123456789abcdef", 132) + "-us21"),
        new("SG1037", s => "da" + "pi" + TestSecrets.Random(32, "0123456789abcdef", 133 + s), "dapi" + TestSecrets.Random(31, "0123456789abcdef", 134)),
        new("SG1038", s => "ops" + "_eyJ" + TestSecrets.Random(260, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 135 + s), "ops_eyJ" + TestSecrets.Random(50, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 136)),
        new("SG1039", s => "AK" + "Cp" + TestSecrets.Random(69, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 137 + s), "AKCp" + TestSecrets.Random(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 138)),
        new("SG1040", s => "pu" + "l-" + TestSecrets.Random(40, "0123456789abcdef", 139 + s), "pul-" + TestSecrets.Random(39, "0123456789abcdef", 140)),
        new("SG1041", s => "dt" + "0c01." + TestSecrets.Random(24, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 141 + s) + "." + TestSecrets.Random(64, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 142 + s), "dt0c01." + TestSecrets.Random(24, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 143) + "." + TestSecrets.Random(10, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 144)),
        new("SG1042", s => "AGE-SECRET" + "-KEY-1" + TestSecrets.Random(58, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 145 + s), "AGE-SECRET-KEY-1QPZRY9X8GF2"),
        new("SG1043", s => "HR" + "KU-AA" + TestSecrets.Random(58, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 146 + s), "HRKU-AA" + TestSecrets.Random(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 147)),
        new("SG1044", s => "shippo" + "_live_" + TestSecrets.Random(40, "0123456789abcdef", 148 + s), "shippo_test_" + TestSecrets.Random(40, "0123456789abcdef", 149)),
        new("SG1045", s => "bk" + "ua_" + TestSecrets.Random(40, "0123456789abcdef", 150 + s), "bkua_" + TestSecrets.Random(39, "0123456789abcdef", 151)),
        new("SG1046", s => "pn" + "u_" + TestSecrets.Random(36, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 152 + s), "pnu_" + TestSecrets.Random(35, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 153)),
        new("SG1047", s => "pa" + "t" + TestSecrets.Random(14, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 154 + s) + "." + TestSecrets.Random(64, "0123456789abcdef", 155 + s), "pat" + TestSecrets.Random(14, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 156) + "." + TestSecrets.Random(40, "0123456789abcdef", 157)),
        new("SG1048", s => "sb" + "p_" + TestSecrets.Random(40, "0123456789abcdef", 158 + s), "sbp_" + TestSecrets.Random(39, "0123456789abcdef", 159)),
        new("SG1049", s => "nf" + "p_" + TestSecrets.Random(36, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 160 + s), "nfp_" + TestSecrets.Random(35, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 161)),
        new("SG1050", s => "rn" + "d_" + TestSecrets.Random(32, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 162 + s), "rnd_" + TestSecrets.Random(31, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 163)),
        new("SG1051", s => "ruby" + "gems_" + TestSecrets.Random(48, "0123456789abcdef", 201 + s), "rubygems_" + TestSecrets.Random(40, "0123456789abcdef", 202)),
        new("SG1052", s => "https://contoso" + ".webhook.office.com/webhookb2/" + Guid(1 + s) + "@" + Guid(2 + s) + "/IncomingWebhook/" + TestSecrets.Random(32, "0123456789abcdef", 203 + s) + "/" + Guid(3 + s), "https://contoso.webhook.office.com/webhookb2/<channel-id>", "https://contoso.webhook.office.com/webhookb2/" + Guid(4) + "@" + Guid(5) + "/IncomingWebhook/not-a-hex-id/" + Guid(6)),
        new("SG1053", s => "https://discord" + ".com/api/webhooks/" + TestSecrets.Random(18, "0123456789", 204 + s) + "/" + TestSecrets.Random(68, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 205 + s), "https://discord.com/api/webhooks/{id}/{token}"),
        new("SG1054", s => "nt" + "n_" + TestSecrets.Random(11, "0123456789", 206 + s) + TestSecrets.Random(35, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 207 + s), "secret_sauce_recipe_is_not_a_token"),
        new("SG1055", s => "access_token" + "$production$" + TestSecrets.Random(16, "abcdefghijklmnopqrstuvwxyz0123456789", 208 + s) + "$" + TestSecrets.Random(32, "0123456789abcdef", 209 + s), "access_token$sandbox$" + TestSecrets.Random(16, "abcdefghijklmnopqrstuvwxyz0123456789", 210) + "$" + TestSecrets.Random(32, "0123456789abcdef", 211)),
        new("SG1056", s => "AA" + "AA" + TestSecrets.Random(7, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 212 + s) + ":APA91b" + TestSecrets.Random(134, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 213 + s), "AAAA" + TestSecrets.Random(7, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 214) + ":APA91b" + TestSecrets.Random(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 215)),
        new("SG1062", s => "AT" + "BB" + "x9K" + TestSecrets.Random(29, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 401 + s), "ATBB" + "abcdefghijklmnop"),
        new("SG1063", s => "sq" + "p_" + TestSecrets.Random(40, "0123456789abcdef", 402 + s), "sqp_" + TestSecrets.Random(39, "0123456789abcdef", 403)),
        new("SG1064", s => "p8" + "e-" + "Q7x" + TestSecrets.Random(29, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 404 + s), "p8e-" + TestSecrets.Random(31, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 405)),
        new("SG1065", s => "CLO" + "JARS_" + TestSecrets.Random(60, "abcdefghijklmnopqrstuvwxyz0123456789", 406 + s), "CLOJARS_" + TestSecrets.Random(59, "abcdefghijklmnopqrstuvwxyz0123456789", 407)),
        new("SG1066", s => "v1" + ".0-" + TestSecrets.Random(24, "0123456789abcdef", 408 + s) + "-" + TestSecrets.Random(146, "0123456789abcdef", 409 + s), "v1.0-" + TestSecrets.Random(24, "0123456789abcdef", 410) + "-" + TestSecrets.Random(40, "0123456789abcdef", 411)),
        new("SG1067", s => "duffel" + "_live_" + TestSecrets.Random(43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 412 + s), "duffel_test_" + TestSecrets.Random(43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 413)),
        new("SG1068", s => "EZ" + "AK" + TestSecrets.Random(54, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 414 + s), "EZTK" + TestSecrets.Random(54, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 415)),
        new("SG1069", s => "EA" + "AC" + TestSecrets.Random(160, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 416 + s), "EAAC" + TestSecrets.Random(60, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 417)),
        new("SG1070", s => "FLW" + "SECK-" + TestSecrets.Random(32, "abcdefgh0123456789", 418 + s) + "-X", "FLWSECK_TEST-" + TestSecrets.Random(32, "abcdefgh0123456789", 419) + "-X"),
        new("SG1071", s => "fo" + "1_" + TestSecrets.Random(43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 420 + s), "fo1_" + TestSecrets.Random(30, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 421)),
        new("SG1072", s => "fio" + "-u-" + TestSecrets.Random(64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 422 + s), "fio-u-" + TestSecrets.Random(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 423)),
        new("SG1073", s => "pa" + "t." + TestSecrets.Random(22, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 424 + s) + "." + TestSecrets.Random(24, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 425 + s) + "." + TestSecrets.Random(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 426 + s), "pat." + TestSecrets.Random(22, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 427) + "." + TestSecrets.Random(10, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 428)),
        new("SG1074", s => "ic" + "o-" + "Q7x" + TestSecrets.Random(29, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 429 + s), "ico-" + TestSecrets.Random(31, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 430)),
        new("SG1075", s => "s-s4" + "t2ud-" + TestSecrets.Random(64, "0123456789abcdef", 431 + s), "s-s4t2ud-" + TestSecrets.Random(63, "0123456789abcdef", 432)),
        new("SG1076", s => TestSecrets.Random(6, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 433 + s) + "_" + TestSecrets.Random(29, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 434 + s) + "_m" + "mk", "abcdef_" + TestSecrets.Random(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 435) + "_mmk"),
        new("SG1077", s => "AP" + "I-" + "Q7X" + TestSecrets.Random(23, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 436 + s), "API-VERSIONCOMPATIBILITYCHECKS"),
        new("SG1078", s => "sha" + "256~" + TestSecrets.Random(43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 437 + s), "sha256~" + TestSecrets.Random(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 438)),
        new("SG1079", s => "pp" + "lx-" + TestSecrets.Random(48, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 439 + s), "pplx-" + TestSecrets.Random(47, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 440)),
        new("SG1080", s => "pscale" + "_pw_" + TestSecrets.Random(43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 441 + s), "pscale_pw_" + TestSecrets.Random(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 442)),
        new("SG1081", s => "rd" + "me_" + TestSecrets.Random(70, "abcdefghijklmnopqrstuvwxyz0123456789", 443 + s), "rdme_" + TestSecrets.Random(69, "abcdefghijklmnopqrstuvwxyz0123456789", 444)),
        new("SG1082", s => "tk" + "-us-" + TestSecrets.Random(48, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 445 + s), "tk-us-" + TestSecrets.Random(47, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 446)),
        new("SG1083", s => "xkey" + "sib-" + TestSecrets.Random(64, "0123456789abcdef", 447 + s) + "-" + TestSecrets.Random(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 448 + s), "xkeysib-" + TestSecrets.Random(64, "0123456789abcdef", 449)),
        new("SG1084", s => "sm" + "_pat_" + "Q7x" + TestSecrets.Random(13, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 450 + s), "sm_pat_" + TestSecrets.Random(15, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 451)),
        new("SG1085", s => "wh" + "sec_" + "Q7x" + TestSecrets.Random(29, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 452 + s), "whsec_" + TestSecrets.Random(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 453)),
        new("SG1086", s => "tf" + "p_" + TestSecrets.Random(59, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 454 + s), "tfp_" + TestSecrets.Random(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 455)),
        new("SG1087", s => "gs" + "k_" + TestSecrets.Random(52, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 456 + s), "gsk_" + TestSecrets.Random(51, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 457)),
        new("SG1088", s => "xa" + "i-" + TestSecrets.Random(80, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 458 + s), "xai-" + TestSecrets.Random(79, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 459)),
        new("SG1089", s => "r" + "8_" + "Q7x" + TestSecrets.Random(34, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 460 + s), "r8_" + TestSecrets.Random(36, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 461)),
        new("SG1090", s => "lsv2" + "_pt_" + TestSecrets.Random(32, "0123456789abcdef", 462 + s) + "_" + TestSecrets.Random(10, "0123456789abcdef", 463 + s), "lsv2_pt_" + TestSecrets.Random(32, "0123456789abcdef", 464)),
        new("SG1091", s => "tskey" + "-auth-" + TestSecrets.Random(12, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 465 + s) + "-" + TestSecrets.Random(32, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 466 + s), "tskey-auth-XXXX"),
        new("SG1092", s => "fig" + "d_" + TestSecrets.Random(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 467 + s), "figd_" + TestSecrets.Random(39, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 468)),
        new("SG1093", s => "CF" + "PAT-" + TestSecrets.Random(43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 469 + s), "CFPAT-" + TestSecrets.Random(42, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 470)),
        new("SG1094", s => "ai" + "o_" + "Q7x" + TestSecrets.Random(25, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 471 + s), "aio_" + TestSecrets.Random(27, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 472)),
        new("SG1095", s => "sk" + ".eyJ" + TestSecrets.Random(60, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 473 + s) + "." + TestSecrets.Random(22, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 474 + s), "pk.eyJ" + TestSecrets.Random(60, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 475) + "." + TestSecrets.Random(22, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 476)),
        new("SG1096", s => "4b" + "1dQx" + TestSecrets.Random(36, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 477 + s), "4b1d" + TestSecrets.Random(38, "0123456789abcdef", 478)),
        new("SG1097", s => "sl" + "." + TestSecrets.Random(140, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 479 + s), "sl." + TestSecrets.Random(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 480)),
        new("SG1098", s => "AAAAAAAAAAA" + "AAAAAAAAAAA" + TestSecrets.Random(30, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 481 + s) + "%2B" + TestSecrets.Random(30, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 482 + s) + "%3D" + TestSecrets.Random(30, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 483 + s), "AAAAAAAAAAAAAAAAAAAAAA" + TestSecrets.Random(90, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 484)),
        new("SG1099", s => "AQ" + "VNx7Q" + TestSecrets.Random(33, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 485 + s), "AQVN" + TestSecrets.Random(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 486)),
        new("SG1116", s => "GOC" + "SPX-" + TestSecrets.Random(28, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 487 + s), "GOCSPX-" + TestSecrets.Random(27, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 488)),
    ];

    public static IEnumerable<object[]> Rules => Cases.Select(c => new object[] { c.Rule });

    private static string Guid(int seed) => new System.Guid(System.Security.Cryptography.MD5.HashData(System.BitConverter.GetBytes(seed))).ToString();

    private static Case For(string rule) => Cases.Single(c => c.Rule == rule);

    [TestMethod]
    [DynamicData(nameof(Rules))]
    public void Finds_two_tokens_whole_in_config_and_json(string rule)
    {
        var c = For(rule);
        foreach (var token in new[] { c.Token(0), c.Token(1000) })
        {
            RuleAssert.Finds(rule, "API_TOKEN=" + token + "\n", token);
            RuleAssert.Finds(rule, "{ \"Service\": { \"Token\": \"" + token + "\" } }", token);
        }
    }

    [TestMethod]
    [DynamicData(nameof(Rules))]
    public void Near_misses_are_not_reported_by_the_rule(string rule)
    {
        // The case's own near miss (too short, another prefix, a test token), and a real-shaped token
        // inside a longer run of letters and digits, as random base64 data holds them.
        var c = For(rule);
        foreach (var nearMiss in new[] { c.NearMiss, c.NearMiss2 ?? "Zq7" + c.Token(0) + "x9Kd" })
        {
            var hits = SecretGuard.Detection.RuleSet.Default.Scan("note: " + nearMiss + " (see docs)");
            Assert.IsFalse(hits.Any(h => h.Rule.Id == rule), $"{rule} matched its near miss '{nearMiss}'");
        }
    }

    [TestMethod]
    public void Every_prefixed_rule_has_a_case() =>
        CollectionAssert.AreEquivalent(
            SecretGuard.Detection.RuleSet.Default.Rules.Select(r => r.Id).Where(id => string.CompareOrdinal(id, "SG1020") >= 0 && string.CompareOrdinal(id, "SG1999") <= 0)
                .Except(StructuredCredentialRulesTests.Rules).Except(ServiceContextRulesTests.Rules).Except(ConnectionStringAndUrlRulesTests.Rules).Except(AzureChecksummedKeyRuleTests.Rules).Except(CatalogueTests.Rules).Except(ScriptAndManifestRulesTests.Rules).ToList(),
            Cases.Select(c => c.Rule).ToList());
}
