using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>HashiCorp Vault service and batch tokens (hvs., hvb.) and Terraform Cloud/Enterprise API tokens (.atlasv1.).</summary>
internal sealed partial class HashiCorpTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?<secret>hv[sb]\.[A-Za-z0-9_-]{90,}|[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?![A-Za-z0-9_=-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1024";

    public override string Title => "HashiCorp Vault or Terraform Cloud token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "revoke it (vault token revoke, or Terraform Cloud user settings) and issue a new one";

    public override IReadOnlyList<string> Formats { get; } =
    [
        "Vault service token (hvs.)",
        "Vault batch token (hvb.)",
        "Terraform Cloud / Enterprise API token (.atlasv1.)",
    ];

    public override IReadOnlyList<string> Keywords { get; } = ["hvs.", "hvb.", ".atlasv1."];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
