using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Catalogue;

internal static partial class TokenFormats
{
    /// <summary>Credentials in the files that hold them (htpasswd, .netrc, .npmrc, Redis and LDAP client configuration, Data Protection key rings) and key files of tools (age, PuTTY).</summary>
    private const string FileLineReason = "the setting is the file format's own credential line, and its value is checked beyond the pattern";

    private static TokenFormat[] FilesAndKeys =>
    [
        new("SG1042", "AgeSecretKey", "age secret key", "age encryption identities: X25519 (AGE-SECRET-KEY-1) and post-quantum hybrid ML-KEM-768 + X25519 (AGE-SECRET-KEY-PQ-1, age 1.3 and later), then 58 bech32 characters ending in a checksum.",
            AgeSecretKey, ["AGE-SECRET-KEY-1", "AGE-SECRET-KEY-PQ-1"], "generate a new age identity and re-encrypt what the old one protects")
        {
            Formats = ["age X25519 identity (AGE-SECRET-KEY-1)", "age post-quantum identity (AGE-SECRET-KEY-PQ-1)"],
            Describe = k => VendorShapeChecks.HasValidBech32Checksum(k)
                ? ("age secret key (its bech32 checksum holds)", null)
                : ("age secret key whose bech32 checksum does not hold (made up or damaged?)", Confidence.Medium),
            IsKeyMaterial = true,
            KeywordStartsToken = false,
            Details = "An identity is bech32: the key (a 32-byte seed) in 52 characters, then a 6-character checksum that SecretGuard recomputes offline. One whose checksum does not hold was made up or damaged in copying, and is reported as a warning.",
        },
        new("SG1057", "PuttyPrivateKey", "PuTTY private key", "PuTTY private key files (.ppk), encrypted or not.",
            PuttyPrivateKey, ["PuTTY-User-Key-File-"], "remove the public key from every server's authorized_keys and generate a new key pair")
        { IgnoreCase = true, IsKeyMaterial = true, KeywordStartsToken = false, NotFlagged = "and text that only mentions the format" },
        new("SG1060", "NetrcPassword", "Password in a .netrc", "Passwords in .netrc-style entries (machine HOST login USER password PASS), which curl, git and many tools read.",
            NetrcPassword, ["machine"], "change the password of that account on that host (prefer a token in a secret store)")
        {
            ConfidenceReason = FileLineReason,
            Validate = v => v.Length >= 8 && Entropy.BitsPerChar(v) >= 3.0
                && (v.Any(char.IsAsciiDigit) || v.Any(c => !char.IsAsciiLetterOrDigit(c)) || (v.Any(char.IsAsciiLetterUpper) && v.Any(char.IsAsciiLetterLower))),
            IgnoreCase = true,
            KeywordStartsToken = false,
            NotFlagged = "and text that only mentions the format",
        },
        new("SG1286", "LdapBindPassword", "LDAP bind password", "The password a system's LDAP client binds to the directory with: `bindpw` in nslcd.conf, pam_ldap.conf and libnss-ldap.conf, and `ldap_default_authtok` in sssd.conf (its `obfuscated_password` form too, which anyone can reverse). It gets into an image when a base image joins the company directory for its users and groups; whoever pulls the image can read the directory as that account.",
            LdapBindPassword, ["bindpw", "ldap_default_authtok"], "change the bind account's password in the directory and mount the client's configuration (or its password file) at runtime")
        {
            ConfidenceReason = FileLineReason,
            Validate = v => v.Length >= 6 && !Placeholders.IsReference(v) && !v.StartsWith('$')
                && (v.Any(char.IsAsciiDigit) || v.Any(c => !char.IsAsciiLetterOrDigit(c)) || (v.Any(char.IsAsciiLetterUpper) && v.Any(char.IsAsciiLetterLower))),
            IgnoreCase = true,
            KeywordStartsToken = false,
            NotFlagged = "commented-out lines (`#bindpw secret` of the packages' default files), `ldap_default_authtok_type`, and text that only mentions the settings",
        },
        new("SG1101", "HtpasswdHash", "Password hash in an htpasswd file", "htpasswd lines (`user:hash`) with Apache MD5 (`$apr1$`), bcrypt (`$2y$`, `$2a$`, `$2b$`) or SHA-1 (`{SHA}`) hashes. A hash is not the password, but whoever pulls the image can crack a weak one offline.",
            HtpasswdHash, ["$apr1$", "$2y$", "$2a$", "$2b$", "{SHA}"], "change the user's password (the hash can be cracked offline) and mount the htpasswd file at runtime")
        {
            Formats = ["htpasswd Apache MD5 ($apr1$)", "htpasswd bcrypt ($2y$)", "htpasswd SHA-1 ({SHA})"],
            KeywordStartsToken = false,
            NotFlagged = "and hashes that are not a whole `user:hash` line (prose, code)",
        },
        new("SG1299", "ShadowPasswordHash", "Password hash in /etc/shadow", "A user's password hash in a shadow file's line (`user:$6$…:19700:0:99999:7:::`): SHA-512 (`$6$`), SHA-256 (`$5$`), yescrypt (`$y$`, Debian's default since 11), gost-yescrypt (`$gy$`), scrypt (`$7$`), bcrypt (`$2b$`) or MD5 (`$1$`) crypt. Base images lock their accounts (`*`, `!`); a hash is there when an image build set a password (`chpasswd`, `useradd -p`), and whoever pulls the image can crack a weak one offline, then log in wherever the same password or the image's SSH server lets them.",
            ShadowPasswordHash, ["$6$", "$5$", "$y$", "$gy$", "$7$", "$2b$", "$1$"], "change that user's password wherever it is used, and set it at run time (or lock the account and use keys) instead of in the image build")
        {
            Formats = ["shadow SHA-512 crypt ($6$)", "shadow SHA-256 crypt ($5$)", "shadow yescrypt ($y$, $gy$)", "shadow scrypt, bcrypt or MD5 crypt ($7$, $2b$, $1$)"],
            ConfidenceReason = "the line is the shadow file's own: a user, a crypt hash and the password's dates",
            KeywordStartsToken = false,
            NotFlagged = "locked and passwordless accounts (`*`, `!`, `!*`, `!$6$…` for a locked password) and hashes that are not a whole shadow line (prose, code, htpasswd lines: SG1101's)",
        },
        new("SG1114", "RedisPassword", "Redis password", "Redis passwords: in a StackExchange.Redis configuration string (`host:6380,password=<your-password>,ssl=True`, as Azure Cache for Redis hands them out and .NET apps keep them in `ConnectionStrings`), in a server's `redis.conf` (`requirepass`, `masterauth`) and on a `redis-cli -a <password> ping` command line (a Dockerfile's HEALTHCHECK, a script).",
            RedisPassword, ["password=", "requirepass", "masterauth", "redis-cli"], "change the Redis password (or regenerate the Azure Cache for Redis access key) and update its clients")
        {
            ConfidenceReason = FileLineReason,
            Formats = ["StackExchange.Redis configuration string (password=)", "Redis server password (requirepass, masterauth)", "redis-cli -a password"],
            Validate = v => !Placeholders.IsReference(v) && !v.StartsWith('$') && v.Length >= 6,
            IgnoreCase = true,
            KeywordStartsToken = false,
            NotFlagged = "`redis-cli -a $REDIS_PASSWORD`, a configuration string whose host is a placeholder (`<your-domain>.redis.cache.windows.net:6380,password=…`), and the commented-out `# requirepass foobared` of the default redis.conf",
        },
        new("SG1117", "DataProtectionKey", "ASP.NET Core Data Protection key in clear", "An ASP.NET Core Data Protection key: a `key-<guid>.xml` file of the key ring whose `<masterKey>` holds its `<value>` in clear (the runtime writes \"Warning: the key below is in an unencrypted form\" above it). Whoever has the file can forge the app's authentication cookies and antiforgery tokens and read anything it protected (TempData, protected query strings). It gets into an image when the key ring is persisted to a folder of the project (`PersistKeysToFileSystem`) that is then published, or copied in from a developer's `~/.aspnet/DataProtection-Keys`.",
            DataProtectionKey, ["<masterKey"], "revoke it in the key ring (IKeyManager.RevokeAllKeys, or delete the key file so that a new key is made), which signs users out and invalidates what it protected; then keep the key ring out of the image, in a mounted volume, Azure Blob Storage or Redis, protected at rest (ProtectKeysWithAzureKeyVault or ProtectKeysWithCertificate)")
        {
            KeywordStartsToken = false,
            Details = """
            A key ring protected at rest (`ProtectKeysWithAzureKeyVault`, `ProtectKeysWithCertificate`, DPAPI) holds
            an `<encryptedSecret>` instead of the value and is not reported.
            """,
            NotFlagged = "and key files whose master key is encrypted (`<encryptedSecret>`)",
        },
        new("SG1118", "NpmrcAuth", "Registry credentials in an .npmrc (_auth)", "Registry credentials in an `.npmrc` written the legacy way: `_auth` (for every registry) or a scoped `//registry.example/:_auth`, holding base64 of `user:password`. The value is decoded: it must hold a user, a colon and a password that is not a placeholder. An `.npmrc` gets into an image when a front end is built in it (`npm ci` in a build stage, or a `COPY . .`) with the developer's or CI's credentials. Tokens (`_authToken`) are found by SG1012 (npm's own tokens, checksum checked) and SG1010.",
            NpmrcAuth, ["_auth"], "change that registry account's password (better: use a scoped, read-only token from the registry, passed at build time with a build secret), and never copy .npmrc into an image")
        {
            ConfidenceReason = FileLineReason,
            Validate = BasicAuthValue.HoldsPassword,
            ChecksPlaceholders = false,
            KeywordStartsToken = false,
            NotFlagged = "and values that do not decode to a user and a password",
        },
        new("SG1295", "HttpBasicAuthorizationHeader", "HTTP Basic credentials in an Authorization header", "A user and password as HTTP Basic authentication sends them, base64 in an `Authorization: Basic …` header written into a file: the header GitHub's `actions/checkout` keeps in `.git/config` (`extraheader = AUTHORIZATION: basic …`, holding the job's token or the PAT it was given) when a `COPY . .` takes `.git` into the image, `git -c http.extraheader=…` in a build step, a proxy's `proxy_set_header Authorization \"Basic …\"`, a `.http` request file. The value is decoded: it must hold a user, a colon and a password that is not a placeholder. Inside a curl command the header is SG1254's.",
            HttpBasicAuthorization, ["authorization"], "revoke the token or change the password the header carries (for actions/checkout: set persist-credentials: false, or keep .git out of the image with .dockerignore)")
        {
            ConfidenceReason = "the header carries the credential itself: its base64 is decoded to a user and a password, which is checked",
            Validate = v => BasicAuthValue.Password(v) is { Length: >= 6 } && !BasicAuthValue.IsSpecificationExample(v),
            IgnoreCase = true,
            KeywordStartsToken = false,
            NotFlagged = "the specifications' own examples (RFC 7617's `Aladdin:open sesame`, the OAuth 2.0 client `s6BhdRkqt3` of RFC 6749), values that do not decode to a user and a password of six or more characters, and `Authorization: Bearer …` (a token of any format, left to the token's rule)",
        },
    ];

    [GeneratedRegex(@"(?<![A-Za-z0-9_])authorization[""']?(?:[ \t]{0,8}[:=][ \t]{0,8}|[ \t]{1,8})[""']?[ \t]{0,8}basic[ \t]+(?<secret>[A-Za-z0-9+/]{8,1024}={0,2})(?![A-Za-z0-9+/=])", Options | RegexOptions.IgnoreCase, TimeoutMs)]
    private static partial Regex HttpBasicAuthorization();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>AGE-SECRET-KEY-(?:PQ-)?1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex AgeSecretKey();

    [GeneratedRegex(@"(?<secret>PuTTY-User-Key-File-[23]:[^\r\n]*\r?\n(?:[^\r\n]*\r?\n){1,20}?Private-Lines: *[0-9]+\r?\n(?:[A-Za-z0-9+/=]{4,80}\r?\n?){1,64})", Options, TimeoutMs)]
    private static partial Regex PuttyPrivateKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])machine\s+\S+\s+login\s+\S+\s+password\s+(?<secret>[^\s#]\S{5,})", Options, TimeoutMs)]
    private static partial Regex NetrcPassword();

    [GeneratedRegex(@"(?mi)^[ \t]*(?:bindpw[ \t]+|ldap_default_authtok[ \t]*=[ \t]*)(?<secret>[^\s#""']\S{0,255})[ \t]*\r?$", Options, TimeoutMs)]
    private static partial Regex LdapBindPassword();

    [GeneratedRegex(@"(?m)^[A-Za-z0-9._@-]{1,64}:(?<secret>\$apr1\$[./0-9A-Za-z]{1,8}\$[./0-9A-Za-z]{22}|\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}|\{SHA\}[A-Za-z0-9+/]{27}=)[ \t]*\r?$", Options, TimeoutMs)]
    private static partial Regex HtpasswdHash();

    [GeneratedRegex(@"^[a-z_][a-z0-9_.-]{0,31}\$?:(?<secret>\$(?:1|5|6|7|y|gy|2b)\$[./0-9A-Za-z$=,]{8,256}):[0-9]{0,10}:[0-9]{0,10}:[0-9]{0,10}:[0-9]{0,10}:", Options | RegexOptions.Multiline, TimeoutMs)]
    private static partial Regex ShadowPasswordHash();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.<>-])[A-Za-z0-9_][A-Za-z0-9_.-]{0,252}:[0-9]{2,5}(?:,[A-Za-z]{2,32}=[^,""'\s<>]{0,256})*?,(?i:password)=(?<secret>[^,""'\s<>]{1,256})|^[ \t]*(?:requirepass|masterauth)[ \t]+(?<secret>[^\s""']{1,256})|\bredis-cli\b[^\n]{0,200}?[ \t]-a[ \t]+(?<secret>[^\s""']{1,256})", Options | RegexOptions.Multiline, TimeoutMs)]
    private static partial Regex RedisPassword();

    [GeneratedRegex(@"<masterKey\b[^>]{0,512}>\s{0,64}(?:<!--[^>]{0,256}-->\s{0,64})?<value>\s{0,16}(?<secret>[A-Za-z0-9+/]{32,512}={0,2})\s{0,16}</value>", Options, TimeoutMs)]
    private static partial Regex DataProtectionKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])_auth[ \t]*=[ \t]*[""']?(?<secret>[A-Za-z0-9+/]{6,}={0,2})(?![A-Za-z0-9+/=])", Options, TimeoutMs)]
    private static partial Regex NpmrcAuth();
}
