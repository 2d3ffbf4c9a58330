using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// AWS secret access keys: 40 base64 characters only recognisable by the name next to them
/// (aws_secret_access_key, AWS_SECRET_ACCESS_KEY, SecretAccessKey).
/// </summary>
internal sealed partial class AwsSecretAccessKeyRule : RegexRule
{
    [GeneratedRegex(@"(?i:aws_?secret_?(?:access_?)?key|secret_?access_?key)[""']?\s*[:=]\s*[""']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1003";

    public override string Title => "AWS secret access key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "deactivate and delete the access key in AWS IAM and issue a new one (prefer an IAM role)";

    public override IReadOnlyList<string> Keywords { get; } = ["secret_access_key", "secretaccesskey", "aws_secret", "awssecret"];

    protected override Regex Pattern => PatternRegex();

    protected override bool SingleLine => true;

    protected override bool Accept(string candidate, Match match, string text) =>
        !Placeholders.IsPlaceholder(candidate) && Entropy.BitsPerChar(candidate) >= 4.0;
}
