namespace SecretGuard.Findings;

/// <summary>SecretGuard's own failures are SG0xxx; credential findings are SG1xxx (one code per rule).</summary>
internal static class DiagnosticCodes
{
    /// <summary>The image (archive, manifest or config) cannot be read.</summary>
    public const string ImageUnreadable = "SG0001";

    /// <summary>A layer blob is not where the image says it is.</summary>
    public const string LayerMissing = "SG0002";

    /// <summary>A layer is corrupt, truncated or of an unsupported compression.</summary>
    public const string LayerCorrupt = "SG0003";

    /// <summary>Part of the image could not be fully checked (a rule ran out of time).</summary>
    public const string ScanIncomplete = "SG0004";

    /// <summary>A SecretGuard property has a value it does not understand.</summary>
    public const string InvalidSetting = "SG0005";

    /// <summary>PublishContainer ran but SecretGuard found no image to scan.</summary>
    public const string NoImage = "SG0006";

    /// <summary>SecretGuard itself failed (an I/O error, a bug): reported without a stack trace, never as a pass.</summary>
    public const string InternalError = "SG0007";

    /// <summary>A SecretGuardSuppress item has no Justification (warning).</summary>
    public const string SuppressionWithoutJustification = "SG0008";

    /// <summary>A SecretGuardSuppress item matched nothing in this publish (warning): remove it before it hides a new leak.</summary>
    public const string StaleSuppression = "SG0009";

    /// <summary>Warning from the targets: this MSBuild (.NET Framework before 18) cannot run the tasks; the image was not checked.</summary>
    public const string CannotRun = "SG0010";

    /// <summary>The base image could not be fetched from its registry (unreachable, 401/403, 404, timeouts after retries).</summary>
    public const string BaseImageUnavailable = "SG0011";

    /// <summary>An accepted finding (SecretGuardSuppress item or baseline entry) is past its Expires date (warning): the finding is reported again.</summary>
    public const string AcceptanceExpired = "SG0012";

    /// <summary>SecretGuard's own codes (SG0xxx) say a check could not run or a place could not be checked; SG1xxx are credentials.</summary>
    public static bool IsCheckFailure(string code) => code.StartsWith("SG0", StringComparison.Ordinal);
}
