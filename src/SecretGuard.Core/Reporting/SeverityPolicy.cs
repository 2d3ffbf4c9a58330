using SecretGuard.Detection;
using SecretGuard.Findings;

namespace SecretGuard.Reporting;

/// <summary>
/// Which findings fail the build and which are warnings, from the settings. The defaults are what a
/// project gets with no setting: its own high-confidence findings and the base image's fail; medium
/// confidence, NuGet packages' files, documentation examples and base image config fields the built
/// image does not take over warn.
/// </summary>
internal sealed record SeverityPolicy
{
    /// <summary>SecretGuardFindingsAsWarnings: nothing fails.</summary>
    public bool AllAsWarnings { get; init; }

    /// <summary>SecretGuardBaseImageFindingsAsWarnings.</summary>
    public bool BaseImageAsWarnings { get; init; }

    /// <summary>SecretGuardThirdPartyFindingsAsWarnings.</summary>
    public bool ThirdPartyAsWarnings { get; init; } = true;

    /// <summary>SecretGuardMinimumConfidence: less sure findings are warnings.</summary>
    public Confidence MinimumConfidence { get; init; } = Confidence.High;

    public bool IsWarning(Diagnostic d) =>
        d.IsFinding
        && (AllAsWarnings
            || (d.IsThirdParty && ThirdPartyAsWarnings)
            || (d.IsBaseImage && BaseImageAsWarnings)
            || d.IsDocumentation
            || d.IsNotShipped
            || d.Confidence < MinimumConfidence);
}
