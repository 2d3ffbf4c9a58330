using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Mailgun private API keys (key- and 32 hex digits, or 32-8-8 hex groups) and webhook signing keys near the name Mailgun.</summary>
internal sealed partial class MailgunKeyRule : ServiceContextRule
{
    // The value starts right after the assignment: "pubkey-…" (the public validation key) never matches.
    [GeneratedRegex(@"(?<![A-Za-z0-9_.:-])(?<name>[A-Za-z0-9_.:-]{1,60})" + Separator + @"(?<secret>key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex AssignmentRegex();

    public override string Id => "SG1106";

    public override string Title => "Mailgun API key";

    public override IReadOnlyList<string> Formats { get; } = ["Mailgun private API key (key-)", "Mailgun API or webhook signing key (32-8-8 hex)"];

    public override string RotationHint => "delete the key in Mailgun (API Security, or Webhooks for the signing key) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["mailgun"];

    protected override Regex Assignment => AssignmentRegex();

    protected override string? Classify(string name, string secret) =>
        Names(name, "pub", "domain", "url", "host")
            ? null
            : secret.StartsWith("key-", StringComparison.Ordinal) ? "Mailgun private API key" : Names(name, "sign", "webhook") ? "Mailgun webhook signing key" : "Mailgun API key";
}
