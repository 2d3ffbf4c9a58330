using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Frame.io developer tokens (fio-u- and 64 characters).</summary>
public sealed partial class FrameIoTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>fio-u-[A-Za-z0-9_=\-]{64})(?![A-Za-z0-9_=\-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1072";

    public override string Title => "Frame.io developer token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in the Frame.io developer site (Tokens) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["fio-u-"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
