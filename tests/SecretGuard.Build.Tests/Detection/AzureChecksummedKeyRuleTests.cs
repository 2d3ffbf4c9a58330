using SecretGuard.Detection;
using SecretGuard.Detection.Rules;

namespace SecretGuard.Tests.Detection;

[TestClass]
public sealed class AzureChecksummedKeyRuleTests
{
    public static readonly string[] Rules = ["SG1115"];

    // Seeds as Microsoft's identifiable-key scheme publishes them (hex), to check the names the rule keeps.
    private const ulong StorageSeed = 0x44656661756c7430;
    private const ulong CosmosReadWriteSeed = 0x4d61737452573030;
    private const ulong MessagingSendSeed = 0x53656e6430303030;
    private const ulong FunctionsMasterSeed = 0x4d61737465723030;
    private const ulong SearchAdminSeed = 0x5041646d696e3030;

    [TestMethod]
    [DataRow(0x004FB61A001BDBCCUL, "", 0x302009BCU)]
    [DataRow(0x004FB61A001BDBCCUL, "af", 0x3592E206U)]
    [DataRow(0x004FB61A001BDBCCUL, "e70f", 0xFDAB5E04U)]
    [DataRow(0x004FB61A001BDBCCUL, "37f495", 0x6B3C8B90U)]
    [DataRow(0x004FB61A001BDBCCUL, "8642dc59", 0x0E9407BEU)]
    [DataRow(0x004FB61A001BDBCCUL, "ab427ea8d10fc7", 0x117FCBA5U)]
    [DataRow(0x804FB61A001BDBCCUL, "153fb79826", 0x19405CF6U)]
    [DataRow(0x804FB61A801BDBCCUL, "00FF00FF00FF00", 0x8A9C61C6U)]
    public void Marvin32_matches_the_published_test_vectors(ulong seed, string hex, uint expected) =>
        Assert.AreEqual(expected, Checksums.Marvin32(Convert.FromHexString(hex), seed));

    [TestMethod]
    public void Seed_names_are_the_published_seeds()
    {
        Assert.AreEqual(StorageSeed, AzureChecksummedKeyRule.Seed("Default0"));
        CollectionAssert.Contains(AzureChecksummedKeyRule.SeedsOf("ACDb").ToList(), CosmosReadWriteSeed);
        CollectionAssert.Contains(AzureChecksummedKeyRule.SeedsOf("+ASb").ToList(), MessagingSendSeed);
        CollectionAssert.Contains(AzureChecksummedKeyRule.SeedsOf("AzFu").ToList(), FunctionsMasterSeed);
        CollectionAssert.Contains(AzureChecksummedKeyRule.SeedsOf("AzSe").ToList(), SearchAdminSeed);
    }

    [TestMethod]
    public void Finds_a_storage_account_key_in_env_and_names_the_service()
    {
        var key = TestSecrets.AzureIdentifiableKey("+ASt", 64, StorageSeed, seed: 11);
        StringAssert.EndsWith(key, "==");
        Assert.AreEqual(88, key.Length);
        RuleAssert.Finds("SG1115", "AZURE_STORAGE_KEY=" + key + "\n", key);
        Assert.AreEqual("Azure Storage account key", RuleSet.Default.Scan("k: " + key).Single().Match.Label);
    }

    [TestMethod]
    public void Finds_a_cosmos_key_and_a_url_safe_functions_key_without_a_telling_name()
    {
        var cosmos = TestSecrets.AzureIdentifiableKey("ACDb", 64, CosmosReadWriteSeed, seed: 12);
        RuleAssert.Finds("SG1115", "{ \"value\": \"" + cosmos + "\" }", cosmos);
        var functions = TestSecrets.AzureIdentifiableKey("AzFu", 40, FunctionsMasterSeed, urlSafe: true, seed: 13);
        RuleAssert.Finds("SG1115", "curl https://app.azurewebsites.net/api/run?code=" + functions + "&x=1", functions);
    }

    [TestMethod]
    public void Finds_an_unpadded_search_key_and_a_key_at_the_end_of_a_path()
    {
        var search = TestSecrets.AzureIdentifiableKey("AzSe", 39, SearchAdminSeed, seed: 14);
        Assert.AreEqual(52, search.Length);
        RuleAssert.Finds("SG1115", "api-key: " + search, search);
        var storage = TestSecrets.AzureIdentifiableKey("+ASt", 64, StorageSeed, seed: 15);
        RuleAssert.Finds("SG1115", "mount /secrets/storage/" + storage + " ro", storage);
        RuleAssert.Finds("SG1115", "label primary_" + storage, storage);
    }

    [TestMethod]
    public void A_proven_key_in_a_connection_string_is_reported_once_by_this_rule()
    {
        var key = TestSecrets.AzureIdentifiableKey("+ASb", 32, MessagingSendSeed, seed: 16);
        Assert.AreEqual(44, key.Length);
        var hits = RuleSet.Default.Scan("Endpoint=sb://bus.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=" + key);
        Assert.AreEqual("SG1115", hits.Single().Rule.Id);
        Assert.AreEqual("Azure Service Bus key", hits.Single().Match.Label);
    }

    [TestMethod]
    public void A_changed_character_or_another_services_seed_is_not_this_rule()
    {
        var key = TestSecrets.AzureIdentifiableKey("+ASt", 64, StorageSeed, seed: 17);
        var changed = key[..5] + (key[5] == 'A' ? 'B' : 'A') + key[6..];
        Assert.IsFalse(Hits("AZURE_STORAGE_KEY=" + changed), "a changed character breaks the checksum");
        var cosmosSeeded = TestSecrets.AzureIdentifiableKey("+ASt", 64, CosmosReadWriteSeed, seed: 18);
        Assert.IsFalse(Hits("AZURE_STORAGE_KEY=" + cosmosSeeded), "a storage signature with a Cosmos DB seed");
    }

    [TestMethod]
    public void A_signature_out_of_place_or_a_key_too_short_is_not_this_rule()
    {
        var key = TestSecrets.AzureIdentifiableKey("+ASt", 64, StorageSeed, seed: 19);
        Assert.IsFalse(Hits("k=" + key.TrimEnd('=') + "Q=="), "one more character moves the signature");
        Assert.IsFalse(Hits("k=" + key + "="), "three padding characters");
        var shortKey = TestSecrets.AzureIdentifiableKey("+ASt", 20, StorageSeed, seed: 20);
        Assert.IsFalse(Hits("k=" + shortKey), "fewer than 24 bytes");
        RuleAssert.Clean("The signature +ASt and APIM or AIoT in prose are not keys.");
    }

    private static bool Hits(string text) => RuleSet.Default.Scan(text).Any(h => h.Rule.Id == "SG1115");
}
