using SecretGuard.Fuzzing;

namespace SecretGuard.Tests.Fuzzing;

/// <summary>
/// Every input a fuzz campaign found crashing or hanging a reader, under Regressions/TARGET/, runs through
/// that target again: it must now end in a documented failure or none, in time. An input is committed
/// here once its crash is fixed (docs/fuzzing.md).
/// </summary>
[TestClass]
public sealed class FuzzRegressionTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Fuzzing", "Regressions");

    public static IEnumerable<object[]> Inputs() =>
        Directory.Exists(Folder)
            ? Directory.GetFiles(Folder, "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".md", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(f => new object[] { Path.GetRelativePath(Folder, f).Replace('\\', '/') })
            : [];

    [TestMethod]
    [DynamicData(nameof(Inputs))]
    public void A_past_crash_input_now_keeps_its_target_s_contract(string input)
    {
        var targetName = input[..input.IndexOf('/')];
        var target = FuzzTargets.Find(targetName);
        Assert.IsNotNull(target, $"Regressions/{targetName} names no fuzz target");
        ReaderPropertyTests.AssertContract(target, File.ReadAllBytes(Path.Combine(Folder, input)), input);
    }

    [TestMethod]
    public void Every_regression_folder_names_a_target()
    {
        foreach (var directory in Directory.Exists(Folder) ? Directory.GetDirectories(Folder) : [])
        {
            Assert.IsNotNull(FuzzTargets.Find(Path.GetFileName(directory)), $"{directory} names no fuzz target");
        }
    }
}
