namespace SecretGuard.Findings;

/// <summary>A message ready for MSBuild: code, where, and text (already redacted).</summary>
/// <param name="IsThirdParty">A finding in code the project ships but does not own (a NuGet package): a warning by default.</param>
/// <param name="Fingerprint">The finding's stable identity (see <see cref="Fingerprints"/>), empty for SecretGuard's own failures.</param>
/// <param name="ImagePath">The file's path in the image, for findings in files.</param>
/// <param name="Place">Where in the image, stable across edits (env:NAME, file:/app/x.json), for baselines.</param>
/// <param name="IsBaseImage">A finding the base image brings (reported at ContainerBaseImage).</param>
/// <param name="Confidence">How sure the rule is; SecretGuard's own failures are High.</param>
internal sealed record Diagnostic(string Code, string File, int Line, int Column, string Message, bool IsFinding, bool IsThirdParty = false, string Fingerprint = "", string? ImagePath = null, string Place = "", bool IsBaseImage = false, Confidence Confidence = Confidence.High)
{
    /// <summary>The same for every place of one credential (see <see cref="Finding.SecretKey"/>); empty for SecretGuard's own failures.</summary>
    public string SecretKey { get; init; } = "";

    /// <summary>The other places the same credential was found, when places are reported as one finding (<see cref="FindingGroups"/>).</summary>
    public IReadOnlyList<Diagnostic> AlsoAt { get; init; } = [];

    /// <summary>Key material in an OS or package documentation folder: most likely a published example, so a warning.</summary>
    public bool IsDocumentation { get; init; }

    /// <summary>
    /// A finding in a part of the base image the built image does not take over (a config field the SDK
    /// leaves out): the base image leaks it, the image being built does not ship it, so a warning.
    /// </summary>
    public bool IsNotShipped { get; init; }

    /// <summary>
    /// The line of the file in the image that holds it (0 for none or not known): what tells apart places of
    /// one file whose diagnostics point at the same source (the image itself, or ContainerBaseImage).
    /// </summary>
    public int ImageLine { get; init; }

    /// <summary>This place and the others of the same credential.</summary>
    public IEnumerable<Diagnostic> AllPlaces => AlsoAt.Prepend(this);
}
