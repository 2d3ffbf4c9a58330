using SecretGuard.Findings;

namespace SecretGuard.Detection.KeyStores;

/// <summary>What reading a key store's structure (and trying well-known passwords on it) showed.</summary>
/// <param name="Format">The store's format, e.g. "PKCS#12 key store".</param>
/// <param name="Keys">Private or secret keys seen, or opened with a well-known password.</param>
/// <param name="SealedParts">Parts the store encrypts that no well-known password opened (they may hold keys).</param>
/// <param name="WeakPassword">"empty" or "a common default" when a well-known password opens the store; never the password itself.</param>
/// <param name="Problem">Why the file could not be read as its format, if it could not.</param>
internal sealed record KeyStoreInspection(string Format, int Keys, int SealedParts, string? WeakPassword, string? Problem = null)
{
    /// <summary>Why well-known passwords were not all tried on the store (its cost, or the check's budget), if they were not.</summary>
    public string? PasswordsNotTried { get; init; }

    /// <summary>True when the store certainly holds key material.</summary>
    public bool HoldsKey => Keys > 0;

    /// <summary>Worth reporting: it holds a key, may hold one behind a password, or could not be read.</summary>
    public bool IsFinding => HoldsKey || SealedParts > 0 || Problem is not null;

    /// <summary>
    /// High when a key is certainly there, or when the store could not be read (too large, truncated,
    /// malformed): a store nobody could look into fails the build as any place that could not be checked
    /// does, rather than passing with a warning. Medium when its encrypted parts only possibly hold a key.
    /// </summary>
    public Confidence Confidence => HoldsKey || Problem is not null ? Confidence.High : Confidence.Medium;

    /// <summary>A one-line description for the message: what is in it, and how weakly it is protected.</summary>
    public string Describe()
    {
        if (Problem is not null)
        {
            return $"{Format} that could not be read ({Problem}), so it may hold a private key";
        }

        var what = HoldsKey
            ? $"{Format} holding {Keys} {(Keys == 1 ? "key" : "keys")}"
            : $"{Format} whose encrypted contents may hold a private key";
        return WeakPassword switch
        {
            null when PasswordsNotTried is not null => what + $"; it was not opened with well-known passwords ({PasswordsNotTried})",
            null => what,
            "empty" => what + "; its password is empty, so anyone can use the key",
            _ => what + $"; its password is {WeakPassword}, so anyone can use the key",
        };
    }
}
