using SecretGuard.Detection;

namespace SecretGuard.Tests;

/// <summary>What holds for every test of this assembly.</summary>
[TestClass]
public static class TestRun
{
    /// <summary>
    /// Every text any test scans checks each rule's pre-check (<see cref="SecretRule.MayFind"/>) against
    /// what its <c>Find</c> finds: a rule that says "nothing here" where it finds something fails the test
    /// that scanned the text, so the whole suite's texts guard against a credential a window would skip.
    /// </summary>
    [AssemblyInitialize]
    public static void VerifyRulePreChecks(TestContext context) => RuleSet.VerifyMayFind = true;
}
