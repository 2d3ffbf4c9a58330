using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>PyPI API tokens: pypi- followed by a macaroon whose first bytes name pypi.org.</summary>
internal sealed partial class PyPiTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1022";

    public override string Title => "PyPI API token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "remove it in PyPI (Account settings, API tokens) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["pypi-AgEIcHlwaS5vcmc"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
