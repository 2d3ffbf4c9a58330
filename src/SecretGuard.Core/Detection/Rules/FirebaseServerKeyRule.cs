using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Firebase Cloud Messaging legacy server keys (AAAA…:APA91b…).</summary>
internal sealed partial class FirebaseServerKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1056";

    public override string Title => "Firebase Cloud Messaging server key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete the legacy server key in the Firebase console and move to the HTTP v1 API with a service account";

    public override IReadOnlyList<string> Keywords { get; } = [":APA91b"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
