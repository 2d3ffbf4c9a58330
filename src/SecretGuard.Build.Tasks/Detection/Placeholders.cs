using System.Text.RegularExpressions;

namespace SecretGuard.Detection;

/// <summary>
/// Values that stand in for a credential rather than being one: references to runtime secrets,
/// template variables and documentation examples. These are good practice and must never fail a build.
/// </summary>
public static partial class Placeholders
{
    private static readonly string[] Words =
    [
        "example", "changeme", "change_me", "change-me", "replace", "placeholder", "your", "dummy", "sample",
        "xxxx", "****", "....", "redacted", "todo", "fixme", "insert", "enter_", "notreal", "not-real",
        "fake", "secret_here", "here>", "tbd", "anonymous", "not my real", "not a real",
    ];

    private static readonly HashSet<string> WholeValues = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "pass", "secret", "token", "apikey", "api_key", "key", "null", "none", "nil",
        "undefined", "true", "false", "yes", "no", "on", "off", "empty", "default", "test", "string", "value",
        "required", "optional", "hidden", "masked", "unset", "n/a", "define", "undef",
    };

    // ${VAR}, $(Var), $VAR, %VAR%, {{ var }}, {0}, {Password} and {self.password} format holes, <your-key>, [key], #{token}#, __TOKEN__ , @Microsoft.KeyVault(...)
    // Source-generated (compiled into the assembly, and ahead of time with it), not RegexOptions.Compiled,
    // which emitted IL when a build first met a placeholder.
    [GeneratedRegex(
        @"^(\$\{[^}]*\}|\{[A-Za-z0-9_.:,\-]*\}|\$\([^)]*\)|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|\{\{.*\}\}|<[^<>]*>|\[[^\[\]]*\]|#\{[^}]*\}#?|__[A-Za-z0-9_]+__|@Microsoft\.KeyVault\(.*\))$",
        RegexOptions.CultureInvariant,
        1000)]
    private static partial Regex Template();

    /// <summary>Credentials published in vendors' documentation as examples or development defaults.</summary>
    private static readonly HashSet<string> PublishedExamples = new(StringComparer.Ordinal)
    {
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==", // Azure storage emulator
        "2YotnFZFEjr1zCsicMWpAA", "tGzv3JOkF0XG5Qx2TlKWIA", "SplxlOBeZQQYbYS6WxSbIA", // OAuth 2.0 (RFC 6749) access token, refresh token, code
        "dpf43f3p2l4k3l03", "kd94hf93k423kf44", "hh5s93j4hdidpola", "hdhd0244k9j7ao03", "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00", // OAuth 1.0 (RFC 5849) client, temporary and token credentials
        "ad180jjd733klru7", "9djdj82h48djs9d2", // RFC 5849's other examples
    };

    /// <summary>True for values that are templates, examples or obviously fake.</summary>
    public static bool IsPlaceholder(string value)
    {
        var v = value.Trim().Trim('"', '\'');
        if (v.Length == 0 || WholeValues.Contains(v) || PublishedExamples.Contains(v))
        {
            return true;
        }

        if (Template().IsMatch(v) || v.Contains("${", StringComparison.Ordinal) || v.Contains("$(", StringComparison.Ordinal) || v.Contains("{{", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var word in Words)
        {
            if (v.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return IsOneRepeatedCharacter(v) || IsEncodedPlaceholder(v);
    }

    /// <summary>A base64 value that decodes to placeholder text ("not my real password"), as documentation writes them.</summary>
    private static bool IsEncodedPlaceholder(string v)
    {
        if (v.Length < 8 || v.Length > 256 || v.Length % 4 != 0)
        {
            return false;
        }

        var bytes = new byte[v.Length / 4 * 3];
        if (!Convert.TryFromBase64String(v, bytes, out var written) || written == 0 || !bytes.AsSpan(0, written).ToArray().All(b => b is >= 0x20 and < 0x7F))
        {
            return false;
        }

        var decoded = System.Text.Encoding.ASCII.GetString(bytes, 0, written);
        return Words.Any(w => decoded.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True for values that point at where a secret lives instead of holding it (the _FILE convention).</summary>
    public static bool IsReference(string value)
    {
        var v = value.Trim().Trim('"', '\'');
        return v.StartsWith('/') || v.StartsWith("./", StringComparison.Ordinal) || v.StartsWith("~/", StringComparison.Ordinal)
            || v.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            || (v.Length > 2 && char.IsAsciiLetter(v[0]) && v[1] == ':' && (v[2] == '\\' || v[2] == '/'))
            || v.StartsWith("vault:", StringComparison.OrdinalIgnoreCase)
            || v.StartsWith("secretref:", StringComparison.OrdinalIgnoreCase)
            || v.StartsWith("arn:aws:secretsmanager:", StringComparison.OrdinalIgnoreCase)
            || v.StartsWith("arn:aws:ssm:", StringComparison.OrdinalIgnoreCase)
            || v.StartsWith("projects/", StringComparison.Ordinal) && v.Contains("/secrets/", StringComparison.Ordinal);
    }

    private static bool IsOneRepeatedCharacter(string v)
    {
        for (var i = 1; i < v.Length; i++)
        {
            if (v[i] != v[0])
            {
                return false;
            }
        }

        return true;
    }
}
