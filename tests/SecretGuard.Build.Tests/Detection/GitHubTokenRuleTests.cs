using SecretGuard.Detection;

namespace SecretGuard.Tests.Detection;

[TestClass]
public sealed class GitHubTokenRuleTests
{
    [TestMethod]
    public void Finds_classic_token_with_valid_checksum()
    {
        var token = TestSecrets.GitHubToken();
        RuleAssert.Finds("SG1004", "GITHUB_TOKEN=" + token, token);
    }

    [TestMethod]
    public void Finds_app_installation_token_in_a_url()
    {
        var token = TestSecrets.GitHubToken("ghs", seed: 5);
        RuleAssert.Finds("SG1004", "git clone https://github.com/org/repo.git --config http.extraheader=\"AUTHORIZATION: bearer " + token + "\"", token);
    }

    [TestMethod]
    public void Finds_fine_grained_token()
    {
        var token = "github" + "_pat_" + TestSecrets.Random(22, seed: 3) + "_" + TestSecrets.Random(59, seed: 4);
        RuleAssert.Finds("SG1004", "token: " + token, token);
    }

    [TestMethod]
    public void Token_with_wrong_checksum_is_not_a_finding() => RuleAssert.Clean("value: " + TestSecrets.GitHubTokenWithBadChecksum());

    [TestMethod]
    public void Token_inside_a_longer_identifier_is_not_a_finding() => RuleAssert.Clean("x_" + TestSecrets.GitHubToken() + "0");

    [TestMethod]
    public void Checksum_matches_the_published_scheme()
    {
        // CRC32("123456789") is the standard check value 0xCBF43926.
        Assert.AreEqual(0xCBF43926u, Checksums.Crc32("123456789"));
        Assert.AreEqual("000000", Checksums.Base62(0, 6));
        Assert.AreEqual("00000z", Checksums.Base62(61, 6));
        Assert.AreEqual("000010", Checksums.Base62(62, 6));
    }
}
