namespace SecretGuard.Cli;

/// <summary>What <c>secretguard</c> exits with.</summary>
internal static class ExitCodes
{
    /// <summary>Every image was checked, and nothing fails (per --fail-on).</summary>
    public const int Clean = 0;

    /// <summary>Findings at or above --fail-on.</summary>
    public const int Findings = 1;

    /// <summary>An image, or part of one, could not be checked (SG0001-SG0004, SG0011), or SecretGuard itself failed (SG0007): it is not verified.</summary>
    public const int NotChecked = 2;

    /// <summary>The command line is wrong (as sysexits' EX_USAGE).</summary>
    public const int Usage = 64;
}
