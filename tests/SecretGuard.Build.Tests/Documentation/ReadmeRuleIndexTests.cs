using System.Text.RegularExpressions;
using SecretGuard.Detection.Catalogue;

namespace SecretGuard.Tests.Documentation;

/// <summary>
/// What the README and the package readme say of the rule catalogue: the number of credential formats is
/// the catalogue's (rewritten with the rule index by <see cref="RuleIndexTests.UpdateCommand"/>, whose
/// filter takes this class too), and "SG1001 and up" is where the rule ids are.
/// </summary>
[TestClass]
public sealed partial class ReadmeRuleIndexTests
{
    private const string Readme = "README.md";

    [TestMethod]
    public void The_readmes_format_count_is_the_catalogues()
    {
        var formats = RuleCatalog.All.Sum(r => r.Formats.Count);
        var path = Path.Combine(Repository.Root, Readme);
        var text = Repository.Read(Readme);
        var stated = FormatCount().Matches(text);
        Assert.HasCount(1, stated, $"{Readme} states the number of credential formats once, as **N credential formats**");
        if (Environment.GetEnvironmentVariable("SG_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, FormatCount().Replace(text, $"**{formats} credential formats**"));
            return;
        }

        Assert.AreEqual(formats.ToString(System.Globalization.CultureInfo.InvariantCulture), stated[0].Groups["count"].Value,
            $"{Readme} states another number of credential formats than the catalogue's; update it with:\n  {RuleIndexTests.UpdateCommand}");
    }

    [TestMethod]
    public void Rule_ids_are_SG1001_and_up_as_the_readmes_say()
    {
        var ids = RuleCatalog.All.Select(r => r.Id).ToList();
        Assert.AreEqual("SG1001", ids.Min(StringComparer.Ordinal));
        Assert.IsTrue(ids.All(id => RuleId().IsMatch(id)), "every rule id is SG1nnn: " + string.Join(", ", ids.Where(id => !RuleId().IsMatch(id))));
        StringAssert.Contains(Repository.Read(Readme), "(SG1001 and up)");
        StringAssert.Contains(Repository.Read("src/SecretGuard.Build/PACKAGE.md"), "(SG1001 and up)");
        StringAssert.Contains(Repository.Read("docs/configuration.md"), "\n| SG1001 and up | error or warning |", "the diagnostic codes table names no last id, which grows with the catalogue");
    }

    [GeneratedRegex(@"\*\*(?<count>[0-9,]+) credential formats\*\*")]
    private static partial Regex FormatCount();

    [GeneratedRegex(@"^SG1\d{3}$")]
    private static partial Regex RuleId();
}
