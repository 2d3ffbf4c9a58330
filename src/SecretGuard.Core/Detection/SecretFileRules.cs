using System.Text;
using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection;

/// <summary>
/// Files that are a secret by their path: whatever the content is, the path says it is a credential (a
/// file of the runtime secret mount, a Rails master key). Their content is often a bare value that no
/// text rule can tell from any other (a random password, 32 hex digits), so the path decides; the
/// content only rules out what cannot be a credential. One row per path convention.
/// </summary>
internal static partial class SecretFileRules
{
    /// <summary>Such files hold one value or a small settings file; a larger one is read by the text rules only.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>A convention: the paths it names and what of the content is the secret (null: nothing that can be one).</summary>
    /// <param name="Secret">The secret in the file's bytes (given its path), and the confidence it is found with; null when the content cannot be a credential.</param>
    public sealed record Row(string Id, string Name, string Title, string RotationHint, string Format, Func<string, bool> IsPath, Func<string, byte[], (string Secret, Confidence Confidence)?> Secret);

    public static IReadOnlyList<Row> All { get; } =
    [
        new("SG1293", "RuntimeSecretFile", "File of the runtime secret mount (/run/secrets) built into the image",
            "revoke and rotate it, and let the orchestrator mount it at run time (Docker and Compose secrets, a Kubernetes secret volume), never a file of the image",
            "a file under /run/secrets or /var/run/secrets",
            IsRuntimeSecretPath, RuntimeSecret),
        new("SG1294", "RailsMasterKey", "Rails master key (config/master.key)",
            "generate a new key (bin/rails credentials:edit after removing the key and the encrypted credentials it opens), re-enter the credentials, and pass the key at run time as RAILS_MASTER_KEY from a secret store",
            "config/master.key and config/credentials/*.key",
            IsRailsKeyPath, RailsMasterKey),
        new("SG1296", "JenkinsMasterKey", "Jenkins master key (secrets/master.key)",
            "rotate every credential the Jenkins controller stores (credentials.xml, job configurations), since the key opens them all, then let Jenkins generate a new key in a home that is never built into an image",
            "a Jenkins home's secrets/master.key",
            path => path.EndsWith("/secrets/master.key", StringComparison.Ordinal), JenkinsMasterKey),
        new("SG1297", "VaultTokenFile", "HashiCorp Vault token file (.vault-token)",
            "revoke the token (vault token revoke) and let the app log in at run time (an auth method such as Kubernetes or AppRole, or Vault Agent), never with a token file of the image",
            "~/.vault-token",
            path => path.EndsWith("/.vault-token", StringComparison.Ordinal), (_, content) => OneValue(content)),
        new("SG1298", "AnsibleVaultPasswordFile", "Ansible Vault password file",
            "re-key the vaults it opens (ansible-vault rekey) with a new password, and pass that at run time (a vault password client script reading a secret store)",
            "an Ansible Vault password file (.vault_pass, vault_pass.txt, .vault-password)",
            IsAnsibleVaultPasswordFile, (_, content) => OneValue(content)),
    ];

    /// <summary>The row whose convention names <paramref name="imagePath"/> (an archive's entry by its own path), if any.</summary>
    public static Row? ForPath(string imagePath)
    {
        var path = OwnPath(imagePath);
        foreach (var row in All)
        {
            if (row.IsPath(path))
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>
    /// The finding for a file whose content <paramref name="row"/> takes for a secret; its whole value is
    /// the secret (redacted and hashed as any other), at the file's first line (at the file, for binary content).
    /// </summary>
    public static Finding? Find(Row row, byte[] content, LayerFileLocation location)
    {
        if (row.Secret(OwnPath(location.Path), content) is not var (secret, confidence))
        {
            return null;
        }

        var hash = Fingerprints.HashSecret(secret);
        location = IsText(content) ? location with { Line = 1, Column = 1 } : location with { Line = 0, Column = 0 };
        return new Finding(row.Id, row.Title, confidence, row.Title, row.RotationHint, location, Redactor.Redact(secret), Fingerprints.Compute(row.Id, location, hash))
        {
            SecretKey = Fingerprints.SecretKey(hash),
        };
    }

    /// <summary>A file's own path: an archive's entry (<c>/x/backup.tar!/run/secrets/db</c>, the nested-archive separator) by its path in the archive.</summary>
    private static string OwnPath(string imagePath) => imagePath[(imagePath.LastIndexOf("!/", StringComparison.Ordinal) + 1)..];

    /// <summary>
    /// What Docker, Compose and Swarm mount secrets at (and Kubernetes its service account's token): a file
    /// there in a layer is the secret itself, built in. BuildKit's <c>RUN --mount=type=secret</c> leaves
    /// nothing there (at most an empty file).
    /// </summary>
    private static bool IsRuntimeSecretPath(string path) =>
        (path.StartsWith("/run/secrets/", StringComparison.Ordinal) || path.StartsWith("/var/run/secrets/", StringComparison.Ordinal))
        && !path.EndsWith('/')

        // Kubernetes' service account folder also holds the namespace's name and the cluster's CA certificate (public).
        && !path.EndsWith("/serviceaccount/namespace", StringComparison.Ordinal);

    /// <summary>
    /// One value that can be a credential: not a placeholder, not a word, not public key material, not
    /// what the file's name says is no secret (a user or host name beside the password, as Compose files
    /// mount them). A settings file of several lines is left to the text rules, which read it as any
    /// configuration: its lines say which value is a credential, its path does not.
    /// </summary>
    private static (string, Confidence)? RuntimeSecret(string path, byte[] content)
    {
        if (!IsText(content))
        {
            // A binary key (random bytes): the bytes are the secret; their base64 is what is hashed and redacted.
            return content.Length >= 16 ? (Convert.ToBase64String(content), Confidence.High) : null;
        }

        var name = path[(path.LastIndexOf('/') + 1)..];
        return NamesNoSecret().IsMatch(name) && !NamesSecret().IsMatch(name) ? null : OneValue(content);
    }

    /// <summary>
    /// Text of one line that can be a credential: eight characters or more, not a placeholder or reference,
    /// not a word, not public key material, not a script (a password file can be a program that prints one).
    /// </summary>
    private static (string, Confidence)? OneValue(byte[] content)
    {
        var text = TrimmedText(content);
        return text.Length < 8 || text.Contains('\n') || text.StartsWith("#!", StringComparison.Ordinal) || Placeholders.IsPlaceholder(text) || Placeholders.IsReference(text) || IsPublicKeyMaterialOnly(text) || IsWord(text)
            ? null
            : (text, Confidence.High);
    }

    /// <summary>Names Ansible's docs and projects give the file; every file's name is looked at, so the regex runs only on names with "vault".</summary>
    private static bool IsAnsibleVaultPasswordFile(string path) =>
        path.AsSpan(path.LastIndexOf('/') + 1) is var name && name.Contains("vault", StringComparison.OrdinalIgnoreCase) && AnsibleVaultPasswordFileName().IsMatch(name);

    [GeneratedRegex(@"^\.?(?:ansible[-_.])?vault[-_.]?pass(?:word)?(?:[-_.]file)?(?:\.txt)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 100)]
    private static partial Regex AnsibleVaultPasswordFileName();

    /// <summary>What Jenkins writes on its first start: 256 hexadecimal digits (128 random bytes).</summary>
    private static (string, Confidence)? JenkinsMasterKey(string path, byte[] content) => HexKey(content, 256);

    /// <summary>A key file's whole content as its tool writes it: <paramref name="digits"/> small hexadecimal digits, not a run typed to fill it.</summary>
    private static (string, Confidence)? HexKey(byte[] content, int digits) =>
        TrimmedText(content) is var text && text.Length == digits && TokenShape.IsLowerHex(text) && !Placeholders.IsNotReal(text) ? (text, Confidence.High) : null;

    [GeneratedRegex("user|login|name|host|port|email|database|(?:^|[_.-])db(?:$|[_.-])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 100)]
    private static partial Regex NamesNoSecret();

    [GeneratedRegex("pass|pwd|secret|key|token|cred|auth", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 100)]
    private static partial Regex NamesSecret();

    /// <summary>Rails' key files: config/master.key, and one per environment in config/credentials/.</summary>
    private static bool IsRailsKeyPath(string path) => path.EndsWith(".key", StringComparison.Ordinal) && RailsKeyPath().IsMatch(path);

    [GeneratedRegex("/config/(?:master|credentials/[^/]+)\\.key$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex RailsKeyPath();

    /// <summary>What <c>rails new</c> and <c>rails credentials:edit</c> write: 32 hexadecimal digits (16 random bytes).</summary>
    private static (string, Confidence)? RailsMasterKey(string path, byte[] content) => HexKey(content, 32);

    /// <summary>UTF-8 without NUL bytes.</summary>
    private static bool IsText(byte[] content) => !content.AsSpan().Contains((byte)0) && System.Text.Unicode.Utf8.IsValid(content);

    /// <summary>The content as text without its surrounding blanks (a key file's trailing line break), or "" for binary content.</summary>
    private static string TrimmedText(byte[] content) => IsText(content) ? Encoding.UTF8.GetString(content).Trim() : "";

    /// <summary>A word of one case, letters only (<c>readonly</c>, <c>Production</c>): a name, not a credential.</summary>
    private static bool IsWord(string text) =>
        text.All(char.IsAsciiLetter) && (text.All(char.IsAsciiLetterLower) || text.Skip(1).All(char.IsAsciiLetterLower));

    /// <summary>Certificates and public keys only (a CA bundle, a verification key): nothing secret.</summary>
    private static bool IsPublicKeyMaterialOnly(string text) =>
        text.StartsWith("-----BEGIN ", StringComparison.Ordinal)
        && !text.Contains("PRIVATE KEY", StringComparison.Ordinal)
        && (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal) || text.Contains("PUBLIC KEY-----", StringComparison.Ordinal));
}
