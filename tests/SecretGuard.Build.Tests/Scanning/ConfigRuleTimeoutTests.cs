using System.Text.RegularExpressions;
using SecretGuard.Detection;
using SecretGuard.Findings;
using SecretGuard.ImageReading;
using SecretGuard.Scanning;

namespace SecretGuard.Tests.Scanning;

/// <summary>A rule that runs out of time on one entry of an image config costs that entry, not the step.</summary>
[TestClass]
public sealed class ConfigRuleTimeoutTests
{
    /// <summary>Runs out of time on any text holding its keyword, as a regex on hostile input would.</summary>
    private sealed class TimingOutRule : SecretRule
    {
        public override string Id => "SG1999";

        public override string Title => "rule that runs out of time";

        public override Confidence Confidence => Confidence.High;

        public override IReadOnlyList<string> Keywords => ["slowpoke"];

        public override IEnumerable<SecretMatch> Find(string text) => throw new RegexMatchTimeoutException(text, "x", TimeSpan.FromSeconds(2));
    }

    private static readonly RuleSet Rules = new(RuleSet.Default.Rules.Append(new TimingOutRule()));

    [TestMethod]
    public void The_entry_is_not_checked_and_every_other_entry_still_is()
    {
        var token = TestSecrets.GitHubToken(seed: 21);
        var config = new ImageConfig(
            Env: ["HOSTILE=slowpoke " + new string('a', 64), "GITHUB_TOKEN=" + token],
            Labels: [new("org.example.note", "slowpoke")],
            Entrypoint: ["dotnet", "app.dll", "--mode", "slowpoke"],
            Cmd: [],
            WorkingDir: "/app",
            History: [new HistoryEntry("RUN echo slowpoke", "", EmptyLayer: true)]);

        var findings = new ConfigScanner(Rules).Scan(config).ToList();

        var notChecked = findings.Where(f => f.IsNotChecked).Select(f => f.Location.Describe()).ToList();
        CollectionAssert.AreEquivalent(
            new[] { "the image's ENV HOSTILE", "the image's LABEL org.example.note", "the image's Entrypoint argument 1", "the image's build history (step 1)" },
            notChecked);
        StringAssert.Contains(findings.First(f => f.IsNotChecked).Label, "SG1999");
        Assert.AreEqual("SG1004", findings.Single(f => !f.IsNotChecked).RuleId, "the token in the entry beside it is still found");
    }

    [TestMethod]
    public void A_field_of_the_config_is_not_checked_at_its_place_and_the_other_fields_still_are()
    {
        var token = TestSecrets.GitHubToken(seed: 22);
        var json = "{\"config\":{\"Healthcheck\":{\"Test\":[\"CMD\",\"slowpoke\"]},\"Volumes\":{\"/slowpoke\":{}}},"
            + "\"history\":[{\"created_by\":\"RUN true\",\"comment\":\"slowpoke\",\"author\":\"" + token + "\"}]}";

        var findings = new ConfigScanner(Rules).Scan(ImageConfig.Parse(json)).ToList();

        CollectionAssert.AreEquivalent(
            new[] { "field config.Healthcheck.Test of the image config", "field config.Volumes (keys) of the image config", "field history[0].comment of the image config" },
            findings.Where(f => f.IsNotChecked).Select(f => f.Location.Describe()).ToList());
        Assert.IsTrue(findings.Where(f => f.IsNotChecked).All(f => f.Location.IsConfigEntry), "worded as a value to shorten");
        Assert.AreEqual("SG1004", findings.Single(f => !f.IsNotChecked).RuleId, "the token in the field beside them is still found");
    }

    [TestMethod]
    public void Its_message_says_to_shorten_the_value_not_to_stop_shipping_a_file()
    {
        var where = new EnvLocation("HOSTILE").Describe();
        var message = Messages.NotFullyChecked(where, "rule SG1999 exceeded its time budget", Messages.SuppressItem(""), configEntry: true);
        StringAssert.Contains(message, "Shorten or remove the value");
        Assert.IsFalse(message.Contains("shipping the file", StringComparison.Ordinal), message);
    }
}
