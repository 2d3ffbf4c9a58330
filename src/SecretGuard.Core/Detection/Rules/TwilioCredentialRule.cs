using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Twilio auth tokens (32 hex digits) and API key secrets (32 letters and digits) near the name Twilio.</summary>
internal sealed partial class TwilioCredentialRule : ServiceContextRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_.:-])(?<name>[A-Za-z0-9_.:-]{1,60})" + Separator + @"(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex AssignmentRegex();

    public override string Id => "SG1105";

    public override string Title => "Twilio credential";

    public override IReadOnlyList<string> Formats { get; } = ["Twilio auth token", "Twilio API key secret"];

    public override string RotationHint => "rotate the auth token (Console > Account > API keys & tokens: request a secondary token, promote it) or delete the API key and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["twilio"];

    protected override Regex Assignment => AssignmentRegex();

    protected override string? Classify(string name, string secret)
    {
        if (Names(name, "sid", "id", "phone", "number", "from", "url"))
        {
            return null; // account and key SIDs identify, they do not authenticate
        }

        if (Names(name, "auth", "token") && secret.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            return "Twilio auth token";
        }

        return Names(name, "secret") ? "Twilio API key secret" : null;
    }
}
