using SecretGuard.Detection;

namespace SecretGuard.Tests.Detection;

internal static class RuleAssert
{
    /// <summary>The rule set finds exactly <paramref name="secret"/> in <paramref name="text"/>, reported by <paramref name="ruleId"/>.</summary>
    public static void Finds(string ruleId, string text, string secret)
    {
        var hits = RuleSet.Default.Scan(text);
        var hit = hits.SingleOrDefault(h => h.Rule.Id == ruleId);
        Assert.IsNotNull(hit, $"{ruleId} should match; got [{string.Join(", ", hits.Select(h => h.Rule.Id))}]");
        Assert.AreEqual(secret, text.Substring(hit.Match.Index, hit.Match.Length));
    }

    /// <summary>No rule at all reports anything in <paramref name="text"/>.</summary>
    public static void Clean(string text)
    {
        var hits = RuleSet.Default.Scan(text);
        Assert.IsEmpty(hits, $"expected no finding, got [{string.Join(", ", hits.Select(h => h.Rule.Id + ":" + h.Match.Label))}]");
    }
}
