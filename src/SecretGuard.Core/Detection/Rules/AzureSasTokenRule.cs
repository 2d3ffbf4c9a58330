using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>Azure Storage shared access signatures (SAS): a URL or query string with sv= and sig=.</summary>
internal sealed partial class AzureSasTokenRule : RegexRule
{
    [GeneratedRegex(@"[?&]sv=[0-9]{4}-[0-9]{2}-[0-9]{2}[^\s""'<>]{0,400}?[?&]sig=(?<secret>[A-Za-z0-9%+/]{40,100}(?:%3D|%3d|=){0,2})", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1058";

    public override string Title => "Azure shared access signature";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "rotate the storage account key it was signed with (or revoke the user delegation key or stored access policy) and issue a new, short-lived SAS";

    public override IReadOnlyList<string> Keywords { get; } = ["sig="];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
