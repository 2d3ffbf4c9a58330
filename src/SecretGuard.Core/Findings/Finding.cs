
namespace SecretGuard.Findings;

/// <summary>One credential found in an image. Holds the redacted form and a fingerprint, never the secret.</summary>
internal sealed record Finding(
    string RuleId,
    string Title,
    Confidence Confidence,
    string Label,
    string RotationHint,
    ImageLocation Location,
    string Redacted,
    string Fingerprint)
{
    /// <summary>
    /// The same for every place the same credential is found (whatever the rule or the place), so
    /// places can be reported as one finding; one-way, like the fingerprint.
    /// </summary>
    public string SecretKey { get; init; } = "";

    /// <summary>The line of the image's file that holds it (0 for a place that is not a line of a file).</summary>
    public int LineInImageFile => Location is LayerFileLocation file ? file.Line : 0;

    /// <summary>The code of a file that could not be fully checked (see <see cref="NotCheckedAt"/>).</summary>
    public const string NotCheckedId = DiagnosticCodes.ScanIncomplete;

    /// <summary>
    /// A place that could not be fully checked, so a credential there would not have been seen: reported
    /// like a finding (fail closed), at the place, with an identity a team can accept by path.
    /// </summary>
    /// <param name="reason">Which reader failed and why, in words; never content.</param>
    public static Finding NotCheckedAt(ImageLocation location, string reason) =>
        new(NotCheckedId, Messages.NotCheckedTitle, Confidence.High, reason, "", location, "", Fingerprints.Compute(NotCheckedId, location, ""));

    /// <summary>Whether this is a place that could not be checked rather than a credential.</summary>
    public bool IsNotChecked => RuleId == NotCheckedId;

    /// <summary>A part of the image SecretGuard could not check (a file, SG0004; a layer, SG0002/SG0003/SG0011), not a credential.</summary>
    public bool IsCheckFailure => DiagnosticCodes.IsCheckFailure(RuleId);
}
