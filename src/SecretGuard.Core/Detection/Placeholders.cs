using System.Text.RegularExpressions;

namespace SecretGuard.Detection;

/// <summary>
/// Values that stand in for a credential rather than being one: references to runtime secrets,
/// template variables and documentation examples. These are good practice and must never fail a build.
/// </summary>
internal static partial class Placeholders
{
    /// <summary>
    /// Markers long or odd enough that a random token holds one by chance about once in a billion: found
    /// anywhere in the value.
    /// </summary>
    private static readonly string[] Markers =
    [
        "example", "changeme", "change_me", "change-me", "replace", "placeholder", "dummy", "sample",
        "xxxx", "****", "....", "redacted", "fixme", "insert", "enter_", "notreal", "not-real",
        "secret_here", "here>", "anonymous", "not my real", "not a real", "not-a-real", "not_a_real",
        "####", "\u2022\u2022\u2022",

        // The short words below run into the next word in some placeholders (enteryourkeyhere, myfaketoken).
        "yourkey", "yourtoken", "yoursecret", "yourpass", "yourapi", "fakekey", "faketoken", "fakesecret", "fakepass", "fakeapi",
    ];

    /// <summary>
    /// Short words that random tokens hold by chance (tbd in about one 40-character token in a thousand):
    /// placeholders only as a word of their own (see <see cref="ContainsWord"/>).
    /// </summary>
    private static readonly string[] ShortWords = ["your", "todo", "fake", "tbd"];

    /// <summary>Test-mode keys: they reach only a vendor's sandbox, never live data or money.</summary>
    private static readonly string[] TestModePrefixes =
    [
        "sk_test_", "rk_test_", "pk_test_", "whsec_test_", "shippo_test_", "duffel_test_", "FLWSECK_TEST", "EZTK",
        "rzp_test_", "xnd_development_", "access-sandbox-", "SB-Mid-server-",
    ];

    private static readonly HashSet<string> WholeValues = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "pass", "pwd", "psw", "pw", "secret", "token", "apikey", "api_key", "key", "null", "none", "nil",
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
        "sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz", // the secret key the Supabase CLI gives every local development stack
        "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe", // Google Cloud docs, Manage API keys
        "SWMTKN-1-1h8aps2yszaiqmz2l3oc5392pgk8e49qhx2aj3nyv0ui0hez2a-6qmn92w6bu3jdvnglku58u11a", // Docker Engine API reference, GET /swarm (worker)
        "SWMTKN-1-1h8aps2yszaiqmz2l3oc5392pgk8e49qhx2aj3nyv0ui0hez2a-8llk83c4wm9lwioey2s316r9l", // Docker Engine API reference, GET /swarm (manager)
        "SWMKEY-1-7c37Cc8654o6p38HnroywCi19pllOnGtbdZEgtKxZu8", // Docker docs, Lock your swarm
        "bkua_MTA.4f6ccde8c73e26244d73c5a77c91c242c0c818ce", // Buildkite docs, Token security
        "bkaa_MTA.Miyf6S3a3g9j8pyBGTyLC1frg9k6gDHTJdL9Fy7FXzRhrAVPckkzK6oEmdQVLvzUjt4rvW7cRPJEu", // Buildkite docs, Token security
        // Doppler docs, Auth token formats: one example body for every kind of token
        "dp.ct.bAqhcVzrhy5cRHkOlNTc0Ve6w5NUDCpcutm8vGE9myi",
        "dp.pt.bAqhcVzrhy5cRHkOlNTc0Ve6w5NUDCpcutm8vGE9myi",
        "dp.st.dev.bAqhcVzrhy5cRHkOlNTc0Ve6w5NUDCpcutm8vGE9myi",
        "dp.sa.bAqhcVzrhy5cRHkOlNTc0Ve6w5NUDCpcutm8vGE9myi",
        "dp.said.bAqhcVzrhy5cRHkOlNTc0Ve6w5NUDCpcutm8vGE9myi",
        "dp.scim.bAqhcVzrhy5cRHkOlNTc0Ve6w5NUDCpcutm8vGE9myi",
        "dp.audit.bAqhcVzrhy5cRHkOlNTc0Ve6w5NUDCpcutm8vGE9myi",
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

        return HasPlaceholderWord(v) || IsOneRepeatedCharacter(v) || IsNotReal(v) || IsEncodedPlaceholder(v);
    }

    private static bool HasPlaceholderWord(string v)
    {
        foreach (var marker in Markers)
        {
            if (v.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var word in ShortWords)
        {
            if (ContainsWord(v, word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="word"/> is in <paramref name="value"/> (in any case) as a word: what precedes
    /// it is the value's start, a character that is not a letter or digit, or a small letter before its
    /// capital (camel case: myFakeKey); and what follows is the value's end, such a character, or a capital
    /// after its small letter (YourApiKey). At the value's start it may also run on (yourtoken, fakesecret).
    /// Inside a run of random letters and digits (…q7tbdX2…) it is not a placeholder.
    /// </summary>
    internal static bool ContainsWord(ReadOnlySpan<char> value, string word)
    {
        for (var from = 0; from <= value.Length - word.Length;)
        {
            var at = value[from..].IndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

            var i = from + at;
            var end = i + word.Length;
            var starts = i == 0 || !char.IsAsciiLetterOrDigit(value[i - 1]) || (char.IsAsciiLetterLower(value[i - 1]) && char.IsAsciiLetterUpper(value[i]));
            var ends = end == value.Length || !char.IsAsciiLetterOrDigit(value[end]) || (char.IsAsciiLetterLower(value[end - 1]) && char.IsAsciiLetterUpper(value[end]));
            if (starts && (ends || i == 0))
            {
                return true;
            }

            from = i + 1;
        }

        return false;
    }

    /// <summary>
    /// True for values that no generator of credentials makes: a run of letters or digits of the same
    /// character (<c>ghp_000000…</c>), a run of six or more letters or digits in order (<c>abcdef</c>,
    /// <c>123456</c>, <c>987654</c>), a unit or several runs typed to fill a field, a masked or truncated
    /// (…) value, or a vendor's test-mode key. The chance that a random
    /// token holds such a run is about one in ten million per character, far below real leaks.
    /// </summary>
    public static bool IsNotReal(ReadOnlySpan<char> value)
    {
        foreach (var prefix in TestModePrefixes)
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        if (value.Contains("****", StringComparison.Ordinal) || value.Contains("####", StringComparison.Ordinal)
            || value.Contains("xxxxxx", StringComparison.OrdinalIgnoreCase) || value.Contains("EXAMPLE", StringComparison.OrdinalIgnoreCase)
            || value.Contains('\u2026') || value.EndsWith("...", StringComparison.Ordinal) || value.StartsWith("...", StringComparison.Ordinal))
        {
            return true;
        }

        var runUp = 1;
        var runDown = 1;
        var segmentStart = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            var c = i < value.Length ? value[i] : '\0';
            if (!char.IsAsciiLetterOrDigit(c))
            {
                // A segment of eight or more letters and digits that is one character repeated.
                if (i - segmentStart >= 8 && IsOneRepeatedCharacter(value[segmentStart..i]))
                {
                    return true;
                }

                segmentStart = i + 1;
                runUp = runDown = 1;
                continue;
            }

            if (i > segmentStart)
            {
                var previous = char.ToLowerInvariant(value[i - 1]);
                var current = char.ToLowerInvariant(c);
                var sameKind = char.IsAsciiDigit(previous) == char.IsAsciiDigit(current);
                runUp = sameKind && current == previous + 1 ? runUp + 1 : 1;
                runDown = sameKind && current == previous - 1 ? runDown + 1 : 1;
                if (runUp >= 6 || runDown >= 6)
                {
                    return true;
                }
            }
        }

        // Typed values are short; a long value is data (a base64 key store, a certificate), whose binary
        // structure repeats without being filled in by hand.
        return value.Length <= 256 && (HasRepeatedUnit(value) || HasSeveralRuns(value));
    }

    /// <summary>
    /// A stretch of twelve or more letters and digits that repeats a unit of two to four characters
    /// (<c>123123123123</c>, <c>abababababab</c>): typed to fill a field, never drawn at random (one in 16^8
    /// even for hex, at every position).
    /// </summary>
    private static bool HasRepeatedUnit(ReadOnlySpan<char> value)
    {
        for (var period = 2; period <= 4; period++)
        {
            var stretch = 0;
            for (var i = period; i < value.Length; i++)
            {
                stretch = value[i] == value[i - period] && char.IsAsciiLetterOrDigit(value[i]) ? stretch + 1 : 0;
                if (stretch + period >= 12 && !IsOneRepeatedCharacter(value.Slice(i - period + 1, period)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Three or more runs of four or more of one letter or digit, of at least two different characters
    /// (<c>5555555dAAAAA7777777</c>): a value filled by hand. Base64 of binary data holds runs of A
    /// (zero bytes) only, and key material is never put to this test.
    /// </summary>
    private static bool HasSeveralRuns(ReadOnlySpan<char> value)
    {
        var runs = 0;
        var first = '\0';
        var mixed = false;
        var length = 1;
        for (var i = 1; i <= value.Length; i++)
        {
            if (i < value.Length && value[i] == value[i - 1])
            {
                length++;
                continue;
            }

            if (length >= 4 && char.IsAsciiLetterOrDigit(value[i - 1]))
            {
                runs++;
                mixed |= runs > 1 && value[i - 1] != first;
                first = runs == 1 ? value[i - 1] : first;
            }

            length = 1;
        }

        return runs >= 3 && mixed;
    }

    /// <summary>
    /// True when the text right after a match (past one separator) or right before it is a mask (three
    /// or more of * or #, bullets, an ellipsis, xxxx; Markdown's ** bold is not one):
    /// <c>xoxp-…-####</c>, <c>sk_live_abcd****</c>, <c>…xxxx</c>, an ellipsis. The pattern stopped at the mask, so
    /// what it matched is the shown part of a redacted value, not a credential.
    /// </summary>
    public static bool IsMaskedAround(string text, int index, int length)
    {
        var after = index + length;
        if (after < text.Length && text[after] is '-' or '_' or '.' or ':' && !StartsMask(text, after))
        {
            after++;
        }

        return StartsMask(text, after) || EndsMask(text, index);
    }

    private static bool StartsMask(string text, int i)
    {
        var rest = text.AsSpan(i, Math.Min(4, text.Length - i));
        return rest.StartsWith("***") || rest.StartsWith("###") || rest.StartsWith("\u2022\u2022") || rest.StartsWith("\u2026") || rest.StartsWith("...")
            || rest.Equals("xxxx", StringComparison.OrdinalIgnoreCase);
    }

    private static bool EndsMask(string text, int i)
    {
        var before = text.AsSpan(Math.Max(0, i - 3), Math.Min(3, i));
        return before.EndsWith("***") || before.EndsWith("###") || before.EndsWith("\u2026") || before.EndsWith("...") || before.EndsWith("\u2022\u2022");
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
        return HasPlaceholderWord(decoded);
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

    private static bool IsOneRepeatedCharacter(ReadOnlySpan<char> v)
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
