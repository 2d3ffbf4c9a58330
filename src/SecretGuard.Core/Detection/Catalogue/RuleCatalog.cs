namespace SecretGuard.Detection.Catalogue;

/// <summary>Every finding rule's id, name and texts, for reports (text rules plus the key-store file rule).</summary>
internal static class RuleCatalog
{
    public sealed record RuleInfo(string Id, string Name, string Title, string RotationHint, IReadOnlyList<string> Formats);

    public static IReadOnlyList<RuleInfo> All { get; } = RuleSet.Default.Rules
        .Select(r => new RuleInfo(r.Id, r.Name, r.Title, r.RotationHint, r.Formats))
        .Append(new RuleInfo(KeyStoreFileRule.Id, "KeyStoreFile", KeyStoreFileRule.Title, KeyStoreFileRule.RotationHint, KeyStoreFileRule.Formats))
        .OrderBy(r => r.Id, StringComparer.Ordinal)
        .ToList();
}
