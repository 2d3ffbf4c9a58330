using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Datadog API keys (32 hex digits) and application keys (40 hex digits) near the name Datadog or the agent's DD_ variables.</summary>
internal sealed partial class DatadogKeyRule : ServiceContextRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_.:-])(?<name>[A-Za-z0-9_.:-]{1,60})" + Separator + @"(?<secret>[0-9a-f]{40}|[0-9a-f]{32})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex AssignmentRegex();

    public override string Id => "SG1109";

    public override string Title => "Datadog key";

    public override IReadOnlyList<string> Formats { get; } = ["Datadog API key", "Datadog application key"];

    public override string RotationHint => "revoke it in Datadog (Organization Settings > API Keys or Application Keys) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["datadog", "DD_API_KEY", "DD_APP_KEY", "DD_APPLICATION_KEY"];

    protected override Regex Assignment => AssignmentRegex();

    protected override string? Classify(string name, string secret)
    {
        if (!Names(name, "key") || Names(name, "client", "public", "rum"))
        {
            return null; // client tokens (pub…) are meant for browsers
        }

        return secret.Length == 40
            ? (Names(name, "app") ? "Datadog application key" : null)
            : (Names(name, "app") ? null : "Datadog API key");
    }
}
