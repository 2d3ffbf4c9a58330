using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Postmark server and account tokens (UUIDs) in an X-Postmark-*-Token header or near the name Postmark.</summary>
internal sealed partial class PostmarkTokenRule : ServiceContextRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_.:-])(?<name>[A-Za-z0-9_.:-]{1,60})" + Separator + @"(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex AssignmentRegex();

    public override string Id => "SG1111";

    public override string Title => "Postmark API token";

    public override IReadOnlyList<string> Formats { get; } = ["Postmark server token", "Postmark account token"];

    public override string RotationHint => "regenerate it in Postmark (the server's API Tokens tab, or Account > API Tokens)";

    public override IReadOnlyList<string> Keywords { get; } = ["postmark"];

    protected override Regex Assignment => AssignmentRegex();

    protected override string? Classify(string name, string secret)
    {
        if (!Names(name, "token", "key", "secret") || Names(name, "id", "stream", "template", "message"))
        {
            return null; // message, template and stream ids are UUIDs too
        }

        return Names(name, "account") ? "Postmark account token" : "Postmark server token";
    }
}
