namespace SecretGuard.Tests.Detection;

[TestClass]
public sealed class CloudAndSaasTokenRulesTests
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    [TestMethod]
    public void Npm_token_with_valid_checksum()
    {
        var token = TestSecrets.NpmToken();
        RuleAssert.Finds("SG1012", "//npm.mirror.shopfloor.net/:_authToken=" + token, token);
        var other = TestSecrets.NpmToken(seed: 9);
        RuleAssert.Finds("SG1012", "NPM_TOKEN=" + other, other);
        RuleAssert.Clean("a wrong checksum: np" + "m_" + TestSecrets.Random(36, seed: 4) + " and npm_config_cache=/tmp/npm");
        RuleAssert.Clean("see the npm_lifecycle_event variable");
    }

    [TestMethod]
    public void Azure_account_keys_in_connection_strings()
    {
        var storage = TestSecrets.Random(86, Alnum + "+/", 5) + "==";
        RuleAssert.Finds("SG1013", "DefaultEndpointsProtocol=https;AccountName=orders;AccountKey=" + storage + ";EndpointSuffix=core.windows.net", storage);
        var bus = TestSecrets.Random(43, Alnum + "+/", 6) + "=";
        RuleAssert.Finds("SG1013", "Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=" + bus, bus);
        RuleAssert.Clean("UseDevelopmentStorage=true;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==");
        RuleAssert.Clean("AccountKey=${STORAGE_KEY};SharedAccessKeyName=listen");
    }

    [TestMethod]
    public void Google_api_key()
    {
        var key = "AI" + "za" + TestSecrets.Random(35, Alnum + "_-", 7);
        RuleAssert.Finds("SG1014", "{\"Firebase\":{\"ApiKey\":\"" + key + "\"}}", key);
        var other = "AI" + "za" + TestSecrets.Random(35, Alnum + "_-", 8);
        RuleAssert.Finds("SG1014", "https://maps.googleapis.com/maps/api/js?key=" + other, other);
        RuleAssert.Clean("AIza" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        RuleAssert.Clean("AIzaSy is how Google keys begin");
    }

    [TestMethod]
    public void OpenAI_keys()
    {
        var key = "sk-" + "proj-" + TestSecrets.Random(48, Alnum + "_-", 9) + "T3Blbk" + "FJ" + TestSecrets.Random(48, Alnum + "_-", 10);
        RuleAssert.Finds("SG1015", "OPENAI_API_KEY=" + key, key);
        var legacy = "sk-" + TestSecrets.Random(20, seed: 11) + "T3Blbk" + "FJ" + TestSecrets.Random(20, seed: 12);
        RuleAssert.Finds("SG1015", "\"OpenAI\": { \"Key\": \"" + legacy + "\" }", legacy);
        RuleAssert.Clean("sk-" + TestSecrets.Random(48, seed: 13));
        RuleAssert.Clean("T3BlbkFJ is base64 for OpenAI");
    }

    [TestMethod]
    public void Anthropic_keys()
    {
        var key = "sk-ant-" + "api03-" + TestSecrets.Random(93, Alnum + "_-", 14) + "AA";
        RuleAssert.Finds("SG1016", "ANTHROPIC_API_KEY=" + key, key);
        var admin = "sk-ant-" + "admin01-" + TestSecrets.Random(93, Alnum + "_-", 15) + "AA";
        RuleAssert.Finds("SG1016", "key: " + admin, admin);
        RuleAssert.Clean("sk-ant-api03-" + TestSecrets.Random(40, seed: 16));
        RuleAssert.Clean("Keys start with sk-ant-api03-");
    }

    [TestMethod]
    public void Hugging_face_tokens()
    {
        var token = "h" + "f_" + TestSecrets.Random(34, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 17);
        RuleAssert.Finds("SG1017", "HF_TOKEN=" + token, token);
        var other = "h" + "f_" + TestSecrets.Random(34, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 18);
        RuleAssert.Finds("SG1017", "\"HuggingFace\": \"" + other + "\"", other);
        RuleAssert.Clean("hf_" + "transformersmodelcachedirectorypath");
        RuleAssert.Clean("hf_" + "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGH");
    }

    [TestMethod]
    public void Shopify_tokens()
    {
        var token = "shp" + "at_" + TestSecrets.Random(32, "0123456789abcdef", 19);
        RuleAssert.Finds("SG1018", "SHOPIFY_ACCESS_TOKEN=" + token, token);
        var secret = "shp" + "ss_" + TestSecrets.Random(32, "0123456789abcdef", 20);
        RuleAssert.Finds("SG1018", "{\"shared_secret\":\"" + secret + "\"}", secret);
        RuleAssert.Clean("shpat_ prefix marks admin API tokens");
        RuleAssert.Clean("shpat_" + TestSecrets.Random(32, "ghijklmnopqrstuvwxyz", 21));
    }

    [TestMethod]
    public void NuGet_api_keys()
    {
        var key = "oy" + "2" + TestSecrets.Random(43, "abcdefghijklmnopqrstuvwxyz0123456789", 22);
        RuleAssert.Finds("SG1019", "dotnet nuget push app.nupkg --api-key " + key, key);
        var other = "oy" + "2" + TestSecrets.Random(43, "abcdefghijklmnopqrstuvwxyz0123456789", 23);
        RuleAssert.Finds("SG1019", "NUGET_API_KEY=" + other, other);
        RuleAssert.Clean("oy2" + TestSecrets.Random(43, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 24));
        RuleAssert.Clean("oy2" + new string('a', 43));
    }
}
