using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Rules;

/// <summary>Docker Hub personal and organization access tokens (dckr_pat_, dckr_oat_).</summary>
public sealed partial class DockerHubTokenRule : RegexRule
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,64})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1021";

    public override string Title => "Docker Hub access token";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "delete it in Docker Hub (Account settings, Personal access tokens) and create a new one";

    public override IReadOnlyList<string> Keywords { get; } = ["dckr_pat_", "dckr_oat_"];

    protected override Regex Pattern => PatternRegex();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;
}
