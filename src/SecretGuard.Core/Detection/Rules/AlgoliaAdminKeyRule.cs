using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Algolia admin and write API keys (32 hex digits) near the name Algolia; search-only keys are public by design.</summary>
internal sealed partial class AlgoliaAdminKeyRule : ServiceContextRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_.:-])(?<name>[A-Za-z0-9_.:-]{1,60})" + Separator + @"(?<secret>[0-9a-f]{32})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex AssignmentRegex();

    public override string Id => "SG1108";

    public override string Title => "Algolia admin API key";

    public override string RotationHint => "regenerate the admin API key in the Algolia dashboard (Settings > API Keys) or delete the write key";

    public override IReadOnlyList<string> Keywords { get; } = ["algolia"];

    protected override Regex Assignment => AssignmentRegex();

    protected override string? Classify(string name, string secret) =>
        Names(name, "search", "public", "app", "index")
            ? null // search-only keys ship to browsers; application ids are not secret
            : Names(name, "admin", "write", "key", "secret") ? Title : null;
}
