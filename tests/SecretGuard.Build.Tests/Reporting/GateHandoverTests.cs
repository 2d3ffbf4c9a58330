using System.Text;
using SecretGuard.Reporting;
using SecretGuard.Scanning;

namespace SecretGuard.Tests.Reporting;

/// <summary>The text the gate hands the verification: everything it holds comes back, and text that is not a handover is nothing handed over.</summary>
[TestClass]
public sealed class GateHandoverTests
{
    private static GateHandover Full() => new()
    {
        Reported = ["sg1:aaaa", "sg1:bbbb"],
        MatchedSuppressions = ["SG1010|file:/app/a.json"],
        Accepted = ["sg1:cccc"],
        BaselineEntries =
        [
            new BaselineEntry("sg1:dddd", "SG1010", "file:/app/a.json"),
            new BaselineEntry("sg1:eeee", "SG1201", "env:API_KEY", new DateOnly(2027, 2, 28)),
        ],
        AppLayerFilesChecked = 20,
        BaseImageChecked = new CheckedBaseImage("localhost:5000/base:1", ["sha256:" + new string('1', 64), "sha256:" + new string('2', 64)]),
    };

    [TestMethod]
    public void Every_member_comes_back_from_its_text()
    {
        var back = GateHandover.Parse(Full().ToText());

        CollectionAssert.AreEqual(new[] { "sg1:aaaa", "sg1:bbbb" }, back.Reported.ToArray());
        CollectionAssert.AreEqual(new[] { "SG1010|file:/app/a.json" }, back.MatchedSuppressions.ToArray());
        CollectionAssert.AreEqual(new[] { "sg1:cccc" }, back.Accepted.ToArray());
        CollectionAssert.AreEqual(Full().BaselineEntries.ToArray(), back.BaselineEntries.ToArray());
        Assert.AreEqual(20, back.AppLayerFilesChecked);
        Assert.AreEqual("localhost:5000/base:1", back.BaseImageChecked!.Name);
        CollectionAssert.AreEqual(Full().BaseImageChecked!.LayerDigests.ToArray(), back.BaseImageChecked.LayerDigests.ToArray());
    }

    [TestMethod]
    public void Members_left_unset_stay_unset()
    {
        var back = GateHandover.Parse(new GateHandover { Reported = ["sg1:aaaa"] }.ToText());

        CollectionAssert.AreEqual(new[] { "sg1:aaaa" }, back.Reported.ToArray());
        Assert.IsEmpty(back.Accepted);
        Assert.IsEmpty(back.BaselineEntries);
        Assert.IsNull(back.AppLayerFilesChecked);
        Assert.IsNull(back.BaseImageChecked);
        Assert.AreEqual(GateHandover.Nothing.ToText(), GateHandover.Parse(GateHandover.Nothing.ToText()).ToText());
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("   ")]
    [DataRow("not base64 at all!")]
    [DataRow("bm90IGpzb24=")] // "not json"
    public void Text_that_is_not_a_handover_is_nothing_handed_over(string? text) =>
        Assert.AreSame(GateHandover.Nothing, GateHandover.Parse(text));

    [TestMethod]
    [DataRow("""{"Reported":"sg1:aaaa"}""")] // a string where an array belongs
    [DataRow("""{"Reported":[1,2]}""")]
    [DataRow("""{"Reported":[null]}""")]
    [DataRow("""{"AppLayerFilesChecked":"twenty"}""")]
    [DataRow("""{"AppLayerFilesChecked":1e99}""")]
    [DataRow("""{"BaselineEntries":[{"Fingerprint":"sg1:dddd","RuleId":"SG1010"}]}""")] // no Where
    [DataRow("""{"BaselineEntries":[{"Fingerprint":"sg1:dddd","RuleId":"SG1010","Where":"x","Expires":"28/02/2027"}]}""")]
    [DataRow("""{"BaseImageChecked":{"LayerDigests":[]}}""")] // no name
    [DataRow("""{"BaseImageChecked":[]}""")]
    [DataRow("""[]""")]
    [DataRow("""{"Reported":["sg1:aaaa"]""")] // cut short
    public void A_handover_with_a_member_of_the_wrong_kind_is_nothing_handed_over(string json) =>
        Assert.AreSame(GateHandover.Nothing, GateHandover.Parse(Convert.ToBase64String(Encoding.UTF8.GetBytes(json))));
}
