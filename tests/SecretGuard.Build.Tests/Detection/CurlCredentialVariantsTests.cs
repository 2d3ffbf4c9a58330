using SecretGuard.Detection;

namespace SecretGuard.Tests.Detection;

/// <summary>The ways curl takes a credential besides -u user:password and Authorization (SG1254), both ways.</summary>
[TestClass]
public sealed class CurlCredentialVariantsTests
{
    private static readonly string Password = TestSecrets.Random(14, seed: 401);
    private static readonly string Key = "sk" + "_" + TestSecrets.Random(24, seed: 402);

    public static IEnumerable<object[]> Found =>
    [
        ["curl --user \"ci\":\"{0}\" https://repo.internal/upload", Password],
        ["curl -u \":{0}\" https://repo.internal/upload", Password],
        ["curl -u '{0}:' https://api.vendor.internal/v1/charges", Key],
        ["curl https://api.vendor.internal/v1/charges -u {0}:", Key],
        ["curl -H \"Api-Token: {0}\" https://api.internal", Key],
        ["curl -H 'Token: {0}' https://api.internal", Key],
        ["curl -H 'X-Auth-Token: {0}' https://api.internal", Key],
        ["curl -H 'PRIVATE-TOKEN: {0}' https://gitlab.internal/api/v4/projects", Key],
    ];

    [TestMethod]
    [DynamicData(nameof(Found))]
    public void Found_in_every_form(string form, string secret) =>
        RuleAssert.Finds("SG1254", string.Format(System.Globalization.CultureInfo.InvariantCulture, form, secret) + "\n", secret);

    [TestMethod]
    [DataRow("curl -u \"$API_KEY:\" https://x")]
    [DataRow("curl -u \":\" https://x")]
    [DataRow("curl -u ci: https://x")]
    [DataRow("curl -u 'deploy-bot:' https://x")]
    [DataRow("curl -H 'Content-Type: application/json' https://api.internal")]
    [DataRow("curl -H \"Api-Token: ${API_TOKEN}\" https://api.internal")]
    [DataRow("curl -H \"Authorization: Token token=y_NbAkKc66ryYTWUXYEu\" https://api.pagerduty.com/users")] // PagerDuty's documented example key
    public void Variables_users_without_a_key_and_other_headers_are_not(string text)
    {
        var hits = RuleSet.Default.Scan(text + "\n");
        Assert.IsFalse(hits.Any(h => h.Rule.Id == "SG1254"), string.Join(", ", hits.Select(h => h.Rule.Id)));
    }
}
