namespace SecretGuard.Detection.KeyStores;

/// <summary>
/// Passwords that key stores are left with by tools' defaults and tutorials. A store that opens with
/// one protects nothing: its key is as good as plain text.
/// </summary>
internal static class WeakPasswords
{
    /// <summary>The empty password first (the most common), then defaults of keytool, Tomcat, Spring and samples.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "", "changeit", "changeme", "password", "secret", "123456", "12345678", "1234", "test", "pass",
        "passw0rd", "Password1", "admin", "keystore", "storepass", "tomcat", "server", "pfx", "p12", "dev",
    ];

    /// <summary>How a message names a weak password without printing it.</summary>
    public static string Describe(string password) => password.Length == 0 ? "empty" : "a common default";
}
