using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Typeform personal access tokens (tfp_ and 59 characters).</summary>
public sealed partial class TypeformTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>tfp_[A-Za-z0-9_.=\-]{59})(?![A-Za-z0-9_.=\-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1086";

    public override string Title => "Typeform personal access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in Typeform (Account, Personal tokens) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["tfp_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
