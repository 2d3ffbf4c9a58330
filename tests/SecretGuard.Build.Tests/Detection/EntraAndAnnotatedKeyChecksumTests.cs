using SecretGuard.Detection;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Detection;

/// <summary>
/// The offline checksums of Entra ID client secrets (SG1028) and of Azure's 84-character identifiable
/// keys (SG1061): a secret whose checksum holds is certain; for SG1028 one whose checksum does not is a
/// warning (made up or damaged), for SG1061 still an error (not every issuer's scheme is public).
/// </summary>
[TestClass]
public sealed class EntraAndAnnotatedKeyChecksumTests
{
    private static Finding Only(string ruleId, string text)
    {
        var hits = RuleSet.Default.Scan(text).Where(h => h.Rule.Id == ruleId).ToList();
        Assert.HasCount(1, hits, $"{ruleId} in '{text}'");
        return new Finding(hits[0].Match.Label, hits[0].Match.Confidence ?? hits[0].Rule.Confidence, text.Substring(hits[0].Match.Index, hits[0].Match.Length));
    }

    private sealed record Finding(string Label, Confidence Confidence, string Secret);

    /// <summary>The example Microsoft's secret-scanning library generates for this format (its checksum is "blP").</summary>
    [TestMethod]
    public void The_published_example_secret_has_a_valid_checksum_and_one_changed_character_breaks_it()
    {
        var example = "zzz" + "8Q~" + new string('z', 31) + "blP";
        Assert.IsTrue(Checksums.HasValidEntraClientSecretChecksum(example));
        Assert.IsFalse(Checksums.HasValidEntraClientSecretChecksum(example[..10] + "y" + example[11..]), "a changed body character");
        Assert.IsFalse(Checksums.HasValidEntraClientSecretChecksum(example[..^1] + "Q"), "a changed checksum character");
        Assert.IsFalse(Checksums.HasValidEntraClientSecretChecksum(example.AsSpan(0, example.Length - 1)), "one character short");
        Assert.IsFalse(Checksums.HasValidEntraClientSecretChecksum("zzz7Q~" + example[6..]), "the legacy signature has no checksum");
    }

    [TestMethod]
    public void An_Entra_secret_whose_checksum_holds_is_an_error_that_says_so()
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var secret = TestSecrets.EntraClientSecret(seed * 10);
            var found = Only("SG1028", "AzureAd__ClientSecret=" + secret + "\n");
            Assert.AreEqual(secret, found.Secret);
            Assert.AreEqual(Confidence.High, found.Confidence);
            StringAssert.Contains(found.Label, "checksum holds");
        }
    }

    [TestMethod]
    public void An_Entra_secret_whose_checksum_does_not_hold_is_only_a_warning()
    {
        var secret = TestSecrets.EntraClientSecret(40);
        var damaged = secret[..^3] + (secret[^3] == 'a' ? "b" : "a") + secret[^2..];
        var found = Only("SG1028", "{ \"ClientSecret\": \"" + damaged + "\" }");
        Assert.AreEqual(damaged, found.Secret);
        Assert.AreEqual(Confidence.Medium, found.Confidence);
        StringAssert.Contains(found.Label, "checksum does not hold");
    }

    [TestMethod]
    public void A_legacy_Entra_secret_has_no_checksum_and_stays_an_error()
    {
        var legacy = TestSecrets.Random(3, TestSecrets.EntraSecretAlphabet, 50) + "7" + "Q~" + TestSecrets.Random(31, TestSecrets.EntraSecretAlphabet, 51);
        var found = Only("SG1028", "client_secret = \"" + legacy + "\"");
        Assert.AreEqual(legacy, found.Secret);
        Assert.AreEqual(Confidence.High, found.Confidence);
    }

    /// <summary>'-' is in the alphabet of the whole secret: about one secret in 22 has one among its first three characters.</summary>
    [TestMethod]
    public void An_Entra_secret_starting_with_a_dash_or_a_tilde_is_found_whole()
    {
        foreach (var start in new[] { "-ab", "x-_", "~.-" })
        {
            var secret = TestSecrets.EntraClientSecret(60, start);
            var found = Only("SG1028", "AZURE_CLIENT_SECRET=" + secret + "\n");
            Assert.AreEqual(secret, found.Secret);
            StringAssert.Contains(found.Label, "checksum holds");
        }
    }

    [TestMethod]
    public void An_annotated_key_whose_checksum_holds_says_so()
    {
        var key = TestSecrets.AnnotatedKey("ACOG", 70);
        Assert.IsTrue(Checksums.HasValidAnnotatedKeyChecksum(key));
        var found = Only("SG1061", "AZURE_OPENAI_API_KEY=" + key + "\n");
        Assert.AreEqual(key, found.Secret);
        Assert.AreEqual(Confidence.High, found.Confidence);
        Assert.AreEqual("Azure AI services key (its checksum holds)", found.Label);
    }

    [TestMethod]
    public void An_annotated_key_whose_checksum_does_not_hold_is_still_an_error()
    {
        var key = TestSecrets.AnnotatedKey("AZDO", 80);
        var other = key[..^1] + (key[^1] == 'A' ? "B" : "A");
        Assert.IsFalse(Checksums.HasValidAnnotatedKeyChecksum(other));
        Assert.IsFalse(Checksums.HasValidAnnotatedKeyChecksum(key.AsSpan(0, 83)), "one character short");
        var found = Only("SG1061", "{ \"pat\": \"" + other + "\" }");
        Assert.AreEqual(Confidence.High, found.Confidence);
        Assert.AreEqual("Azure DevOps personal access token", found.Label);
    }
}
