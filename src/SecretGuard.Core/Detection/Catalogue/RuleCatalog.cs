namespace SecretGuard.Detection.Catalogue;

/// <summary>Every finding rule's id, name and texts, for reports (text rules, the key-store file rule and the rules of files that are secrets by their path).</summary>
internal static class RuleCatalog
{
    public sealed record RuleInfo(string Id, string Name, string Title, string RotationHint, IReadOnlyList<string> Formats);

    public static IReadOnlyList<RuleInfo> All { get; } = RuleSet.Default.Rules
        .Select(r => new RuleInfo(r.Id, r.Name, r.Title, r.RotationHint, r.Formats))
        .Append(new RuleInfo(KeyStoreFileRule.Id, "KeyStoreFile", KeyStoreFileRule.Title, KeyStoreFileRule.RotationHint, KeyStoreFileRule.Formats))
        .Concat(SecretFileRules.All.Select(r => new RuleInfo(r.Id, r.Name, r.Title, r.RotationHint, [r.Format])))
        .OrderBy(r => r.Id, StringComparer.Ordinal)
        .ToList();
}
