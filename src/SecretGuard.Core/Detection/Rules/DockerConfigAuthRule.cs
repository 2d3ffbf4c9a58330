using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// Registry credentials in a Docker config.json (auths: {"registry": {"auth": base64 of user:password}}), also
/// as escaped JSON in a variable (a GitLab runner's DOCKER_AUTH_CONFIG), and Google registries'
/// <c>_json_key</c> auths, whose password is a whole service-account key.
/// </summary>
internal sealed partial class DockerConfigAuthRule : RegexRule
{
    [GeneratedRegex(@"(?<prefix>\\?""auth\\?""\s*:\s*\\?"")(?<secret>[A-Za-z0-9+/]{6,}={0,2})(?=\\?"")", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1059";

    public override string Title => "Registry credentials in a Docker config";

    public override Confidence Confidence => Confidence.High;

    public override IReadOnlyList<string> Formats { get; } =
        ["Docker config.json registry auth", "DOCKER_AUTH_CONFIG registry auth (escaped JSON)", "Google registry _json_key service-account auth"];

    public override string RotationHint => "change the registry password or revoke the token, then docker login again on the machines that need it (never copy config.json into an image)";

    public override IReadOnlyList<string> Keywords { get; } = ["\"auth\"", "\\\"auth\\\""];

    protected override Regex Pattern => PatternRegex();

    // The value is base64 of user:password; anything else (an identity token field, a placeholder) is not this.
    protected override bool Accept(string candidate, Match match, string text) =>
        (text.Contains("\"auths\"", StringComparison.Ordinal) || text.Contains("\\\"auths\\\"", StringComparison.Ordinal)) && BasicAuthValue.HoldsPassword(candidate);
}
