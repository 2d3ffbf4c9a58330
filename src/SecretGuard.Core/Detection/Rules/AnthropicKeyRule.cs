using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Anthropic API and admin keys: sk-ant-api03-/sk-ant-admin01- + 93 characters + AA.</summary>
internal sealed partial class AnthropicKeyRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA)(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1016";

    public override string Title => "Anthropic API key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in the Anthropic Console's API keys page";

    public override IReadOnlyList<string> Formats { get; } =
    [
        "API key (sk-ant-api03-)",
        "admin key (sk-ant-admin01-)",
    ];

    public override IReadOnlyList<string> Keywords { get; } = ["sk-ant-"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
