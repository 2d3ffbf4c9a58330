using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// A credential-named key (DB_PASSWORD, ApiKey, "ClientSecret", _authToken, ...) assigned a value that
/// looks real, in ENV entries, .env files, JSON, YAML, XML attributes and elements, and key=value config.
/// Names ending in _FILE/_PATH/_URL and friends point at a secret and are never flagged.
/// </summary>
internal sealed partial class CredentialAssignmentRule : SecretRule
{
    // key [quote] (= or :) [space] value — the value quoted or bare; XML's key="X" value="Y" as a second form.
    [GeneratedRegex(@"(?<![A-Za-z_])(?<key>[A-Za-z_][A-Za-z0-9_.\-:]{0,127})[""']?[ \t]*(?<op>=|(?<!:):(?![/\\:]))[ \t]*(?:""(?<value>[^""\r\n]{0,512})""|'(?<value>[^'\r\n]{0,512})'|(?<value>[^\s""',;<>`]{1,512}))", Options, TimeoutMs)]
    private static partial Regex AssignmentRegex();

    [GeneratedRegex(@"\bkey\s*=\s*""(?<key>[^""]{1,128})""\s+value\s*=\s*""(?<value>[^""]{0,512})""", Options | RegexOptions.IgnoreCase, TimeoutMs)]
    private static partial Regex XmlAddKeyValueRegex();

    // An XML element named for the credential: its text (Maven's <password>…</password>, FileZilla's
    // <Pass encoding="base64">…</Pass>), or its value attribute (log4net's <password value="…" />). Text
    // with a blank in it is prose, not a value.
    [GeneratedRegex(@"<(?<key>[A-Za-z_][A-Za-z0-9_.\-:]{0,127})(?:(?:\s[^<>]{0,256})?>(?<value>[^<>\s]{1,512})</\k<key>\s*>|\s+value\s*=\s*""(?<value>[^""\r\n]{0,512})""[^<>]{0,256}>)", Options, TimeoutMs)]
    private static partial Regex XmlElementRegex();

    private static readonly HashSet<string> PasswordWords = new(StringComparer.Ordinal) { "password", "passwd", "pwd", "pass", "passphrase", "passcode" };

    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal) { "secret", "token", "apikey", "credential", "credentials", "authtoken", "accesstoken", "apitoken", "refreshtoken", "bearertoken", "sessiontoken" };

    // Names written as one word in capitals (PGPASSWORD, MYSQLPWD would be too short to trust; CLIENTSECRET).
    // Short words such as "pass" and "token" are not matched at the end of a word: bypass, compass, xsrftoken.
    private static readonly string[] JoinedPasswordWords = ["password", "passwd", "passphrase"];

    // A token's name written as one word (ngrok's authtoken, ACCESSTOKEN) names its kind; xsrftoken and csrftoken do not.
    private static readonly string[] JoinedSecretWords = ["secret", "apikey", "authtoken", "accesstoken", "apitoken", "refreshtoken", "bearertoken", "sessiontoken"];

    private static bool EndsWithAny(string word, string[] suffixes) =>
        suffixes.Any(s => word.Length > s.Length && word.EndsWith(s, StringComparison.Ordinal));

    private static readonly HashSet<string> KeyQualifiers = new(StringComparer.Ordinal)
    {
        "api", "access", "secret", "private", "signing", "auth", "master", "encryption", "shared", "account", "subscription", "client",
    };

    public override string Id => "SG1010";

    public override string Title => "Credential-named setting with a value";

    /// <summary>Medium as a rule; each match says whether it is more (see <see cref="ConfidenceOf"/>).</summary>
    public override Confidence Confidence => Confidence.Medium;

    public override bool IsGeneric => true;

    public override IReadOnlyList<string> Keywords { get; } = ["pass", "pwd", "secret", "token", "key", "credential"];

    public override IEnumerable<SecretMatch> Find(string text) => Find(text, TextOrigin.File);

    public override IEnumerable<SecretMatch> Find(string text, TextOrigin origin) => Find(text, origin, []);

    public override IEnumerable<SecretMatch> Find(string text, TextOrigin origin, IReadOnlyList<int> keywordStarts)
    {
        var starts = keywordStarts.Count > 0 ? keywordStarts : KeywordStarts(text, Keywords);
        var lines = KeywordLines(text, AssignedCredentialNames(text, starts));
        foreach (var regex in new[] { AssignmentRegex(), XmlAddKeyValueRegex(), XmlElementRegex() })
        {
            foreach (var (start, length) in lines)
            {
                for (var match = regex.Match(text, start, length); match.Success; match = match.NextMatch())
                {
                    var key = match.Groups["key"].Value;
                    var group = match.Groups["value"];
                    // An XML element's text is as literal as a quoted value (its element ends it).
                    var quoted = group.Index > 0 && text[group.Index - 1] is '"' or '\'' or '>';
                    var (index, value) = origin == TextOrigin.ConfigEntry ? (group.Index, group.Value) : DefaultOrValue(group);
                    if (IsCredential(key, value) && (quoted || origin == TextOrigin.ConfigEntry || (origin == TextOrigin.File && IsLiteralInFile(value)))
                        && !(origin == TextOrigin.SourceCode && IsCamelCaseIdentifier(value)) && !IsSearchClientConfig(text, match.Index, key) && !IsSealedSecretCiphertext(text, value))
                    {
                        yield return EncryptedWith(value) is { } keyHolder
                            ? new SecretMatch(index, value.Length, $"encrypted value of {LastSegment(key)} (whoever has {keyHolder} opens it)", Confidence.Medium)
                            : new SecretMatch(index, value.Length, $"value of {LastSegment(key)}", ConfidenceOf(key, value, origin));
                    }
                }
            }
        }
    }

    /// <summary>Whether one of the regexes matches on a line <see cref="Find(string, TextOrigin, IReadOnlyList{int})"/> reads: nothing else gives a match.</summary>
    public override bool MayFind(ReadOnlySpan<char> text, TextOrigin origin, IReadOnlyList<int> keywordStarts)
    {
        if (keywordStarts.Count == 0)
        {
            return true;
        }

        var lines = KeywordLines(text, AssignedCredentialNames(text, keywordStarts));
        return AnyMatchIn(AssignmentRegex(), text, lines) || AnyMatchIn(XmlAddKeyValueRegex(), text, lines) || AnyMatchIn(XmlElementRegex(), text, lines);
    }

    /// <summary>The keyword starts in names that are assigned a value and may name a credential: the lines the regexes run on.</summary>
    private static List<int> AssignedCredentialNames(ReadOnlySpan<char> text, IReadOnlyList<int> starts) =>
        StartsWhere(text, starts, static (t, k) => IsAssigned(t, k) && MayNameCredential(t, k));

    /// <summary>
    /// A Compose file's or a script's default (<c>DB_PASSWORD: ${DB_PASSWORD:-…}</c>): the variable may be unset,
    /// and then the default is the value, written in the file for anyone to read. Anything else is the value
    /// itself (a reference with no default is a placeholder). An image config's ENV is never expanded: there the
    /// whole text is the value.
    /// </summary>
    private static (int Index, string Value) DefaultOrValue(Group value)
    {
        var m = ShellDefaultRegex().Match(value.Value);
        return m.Success ? (value.Index + m.Groups["default"].Index, m.Groups["default"].Value) : (value.Index, value.Value);
    }

    [GeneratedRegex(@"^\$\{[A-Za-z_][A-Za-z0-9_]{0,127}:?[-=](?<default>[^{}$\s]{1,512})\}$", Options, TimeoutMs)]
    private static partial Regex ShellDefaultRegex();

    /// <summary>
    /// True when the name holding the keyword at <paramref name="keyword"/> is followed by an assignment
    /// (name, optional quote and blanks, then = or :), or opens an XML element (a &lt; before it, a &gt; or
    /// a blank after it). Every credential-named key holds a keyword and every
    /// match the regex could accept is assigned, so the regex runs only on lines where this holds: in prose
    /// and code, where keywords are common ("the key", TKey, tokenizer), it rarely does.
    /// </summary>
    private static bool IsAssigned(ReadOnlySpan<char> text, int keyword)
    {
        var i = keyword;
        var limit = Math.Min(text.Length, keyword + 160);
        while (i < limit && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-'))
        {
            i++;
        }

        if (i < limit && text[i] is '>' or ' ' or '\t' && OpensElement(text, keyword))
        {
            return true;
        }

        if (i < limit && text[i] is '"' or '\'')
        {
            i++;
        }

        while (i < limit && text[i] is ' ' or '\t')
        {
            i++;
        }

        return i < limit && text[i] is '=' or ':';
    }

    /// <summary>Whether the name holding the keyword at <paramref name="keyword"/> follows a &lt; (an XML element's name).</summary>
    private static bool OpensElement(ReadOnlySpan<char> text, int keyword)
    {
        var start = keyword;
        while (start > 0 && keyword - start < 160 && (char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] is '_' or '.' or '-' or ':'))
        {
            start--;
        }

        return start > 0 && text[start - 1] == '<';
    }

    /// <summary>
    /// False when the name segment holding the keyword at <paramref name="keyword"/> cannot make its key a
    /// credential's: a name such as PublicKeyToken, KeyValuePair or hotkey, or a segment followed by a dot
    /// and more of the name (a key is judged by its last segment, and a last segment that could name a
    /// credential holds a keyword of its own). Lines whose only assigned keywords are in such names are
    /// then not matched at all: assembly identities (Version=…, PublicKeyToken=…) fill attribute
    /// arguments and XML documentation. Errs towards true: the segment is judged both whole and from its
    /// first letter, as the regex's key may start at either, and XML's key="…" value="…" form is kept.
    /// </summary>
    private static bool MayNameCredential(ReadOnlySpan<char> text, int keyword)
    {
        var start = keyword;
        while (start > 0 && keyword - start < 160 && IsSegmentChar(text[start - 1]))
        {
            start--;
        }

        var end = keyword;
        while (end < text.Length && end - keyword < 160 && IsSegmentChar(text[end]))
        {
            end++;
        }

        if (end + 1 < text.Length && text[end] == '.' && IsSegmentChar(text[end + 1]))
        {
            return false; // not the key's last segment
        }

        var segment = text.Slice(start, end - start);
        if (segment.Equals("key", StringComparison.OrdinalIgnoreCase))
        {
            return true; // <add key="DbPassword" value="…"/>: the name is in the value of key
        }

        var firstLetter = segment.IndexOfAny(AsciiLettersAndUnderscore);
        return ClassifyLastSegment(LastSegment(segment.ToString())) != KeyKind.None
            || (firstLetter > 0 && ClassifyLastSegment(LastSegment(segment[firstLetter..].ToString())) != KeyKind.None);
    }

    private static bool IsSegmentChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private static readonly System.Buffers.SearchValues<char> AsciiLettersAndUnderscore =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_");

    /// <summary>True when the key names a credential and the value looks like one.</summary>
    public static bool IsCredential(string key, string value)
    {
        var kind = Classify(key);
        if (kind == KeyKind.None)
        {
            return false;
        }

        var v = value.Trim();
        if (v.Length == 0 || Placeholders.IsPlaceholder(v) || Catalogue.VendorExamples.IsPublished(v) || Placeholders.IsReference(v) || v.Any(char.IsWhiteSpace) || IsNumberLike(v) || LooksLikeJwt(v) || IsCredentialName(v) || SpellsItsOwnName(key, v))
        {
            return false;
        }

        if (LooksLikeHostName(v, kind))
        {
            return false;
        }

        if (kind == KeyKind.Password)
        {
            return v.Length >= 6;
        }

        // Tokens and keys: long enough and random enough; header names like X-CSRF-TOKEN are not secrets.
        if (v.Length < 12 || IsWordsWithDashes(v) || v.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var hasDigit = v.Any(char.IsAsciiDigit);
        return (v.Length >= 16 || hasDigit) && Entropy.BitsPerChar(v) >= 3.0;
    }

    /// <summary>
    /// High where nothing else is plausible: an ENV entry, label or argument the image is built with
    /// (every value there is literal), or a value that looks made by a password manager or a key
    /// generator (long and mixing kinds of characters). Medium for the rest, such as a short
    /// all-lowercase password in a file, which may be a sample or a test value.
    /// </summary>
    internal static Confidence ConfidenceOf(string key, string value, TextOrigin origin)
    {
        var v = value.Trim();
        if (Classify(key) == KeyKind.Secret && (IsNotTokenAlphabet(key, v) || KnownServiceSettings.NamesKnownService(key, LastWord(key)) || KnownServiceSettings.HasKnownTokenPrefix(v)))
        {
            return Confidence.Medium;
        }

        if (origin == TextOrigin.ConfigEntry)
        {
            return Confidence.High;
        }

        // A password of three kinds of character, or one that looks generated as a token does (an Azure
        // DevOps PAT as NuGet.Config's ClearTextPassword: 52 small letters and digits).
        var generated = v.Length >= 20 && CharacterClasses(v) >= 2 && Entropy.BitsPerChar(v) >= 3.5;
        var strong = Classify(key) == KeyKind.Password ? (v.Length >= 8 && CharacterClasses(v) >= 3) || generated : generated;
        return strong ? Confidence.High : Confidence.Medium;
    }

    /// <summary>
    /// The key that opens a value written in a tool's encrypted form, or null for a value in clear: such a
    /// value is a credential only with that key, so it is a warning, named as encrypted. Windows DPAPI
    /// (NuGet.Config's Password: the header of every DPAPI blob), Jenkins' secrets (<c>{AQAAAB…}</c>) and
    /// Maven's encrypted passwords (<c>{…}</c> of base64).
    /// </summary>
    internal static string? EncryptedWith(string value)
    {
        if (value.StartsWith("AQAAANCMnd8BFdERjHoAwE/Cl+", StringComparison.Ordinal))
        {
            return "the Windows user's DPAPI key it was encrypted on";
        }

        var braced = value.Length >= 10 && value[0] == '{' && value[^1] == '}' && !value.AsSpan(1, value.Length - 2).ContainsAnyExcept(TokenShape.Base64Chars);
        if (!braced)
        {
            return null;
        }

        return value.StartsWith("{AQAAAB", StringComparison.Ordinal) ? "the Jenkins controller's secrets/master.key and hudson.util.Secret" : "Maven's master password (settings-security.xml)";
    }

    /// <summary>
    /// A Bitnami SealedSecret's <c>encryptedData</c> value: the secret encrypted for the cluster's controller
    /// (RSA-OAEP, "Ag" and hundreds of base64 characters), which only that controller can open; the
    /// manifest is meant to be committed and shipped.
    /// </summary>
    private static bool IsSealedSecretCiphertext(string text, string value) =>
        value.Length >= 300 && value.StartsWith("Ag", StringComparison.Ordinal) && !value.AsSpan().ContainsAnyExcept(TokenShape.Base64Chars)
        && text.Contains("kind: SealedSecret", StringComparison.Ordinal);

    /// <summary>
    /// A value under an API key's or a token's name holding ?, &amp;, $ or #: a query string, a template or
    /// a fragment, not a generated token (token alphabets are base64, hex and their URL-safe forms); a
    /// secret or a password may hold any character.
    /// </summary>
    private static bool IsNotTokenAlphabet(string key, string v) =>
        LastWord(key) is "token" or "apikey" && v.IndexOfAny(['?', '&', '$', '#']) >= 0;

    private static string LastWord(string key) => SplitWords(LastSegment(key)) is { Count: > 0 } words ? words[^1] : "";

    /// <summary>
    /// A host name (<c>acme-2024.invoiceocean.net</c>): small letters, digits and dashes in labels with a
    /// top-level domain of letters at the end. A service's address in a token's setting, not its token; a
    /// password is taken for one only with three labels or more.
    /// </summary>
    private static bool LooksLikeHostName(string v, KeyKind kind)
    {
        var labels = v.Split('.');
        return labels.Length >= (kind == KeyKind.Password ? 3 : 2)
            && labels.All(l => l.Length is > 0 and <= 63 && l.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && l[0] != '-' && l[^1] != '-')
            && labels[^1].Length is >= 2 and <= 12 && labels[^1].All(char.IsAsciiLetterLower);
    }

    /// <summary>
    /// The configuration of a public search client (Algolia's DocSearch and InstantSearch: an apiKey beside
    /// an indexName or a docsearch call): its key is the search-only key that ships to every browser.
    /// </summary>
    private static bool IsSearchClientConfig(string text, int at, string key)
    {
        if (!LastWord(key).Equals("apikey", StringComparison.Ordinal))
        {
            return false;
        }

        var from = Math.Max(0, at - 300);
        var near = text.AsSpan(from, Math.Min(text.Length, at + 300) - from);
        return near.Contains("indexName", StringComparison.Ordinal) || near.Contains("docsearch", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>How many of lower case, upper case, digits and symbols a value mixes.</summary>
    private static int CharacterClasses(string v) =>
        (v.Any(char.IsAsciiLetterLower) ? 1 : 0) + (v.Any(char.IsAsciiLetterUpper) ? 1 : 0) + (v.Any(char.IsAsciiDigit) ? 1 : 0) + (v.Any(c => !char.IsAsciiLetterOrDigit(c)) ? 1 : 0);

    private enum KeyKind
    {
        None,
        Password,
        Secret,
    }

    /// <summary>
    /// A value of letters only that itself names a credential ("challengePassword", "SuperSecretToken",
    /// "ClientSecretName") is a name or a label: a real one would hold digits or symbols.
    /// </summary>
    private static bool IsCredentialName(string v) =>
        v.All(char.IsAsciiLetter) && CredentialWords.Any(w => v.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] CredentialWords = ["password", "passwd", "secret", "token", "credential", "apikey"];

    private static readonly System.Buffers.SearchValues<char> NameCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.:/ ");

    private static readonly char[] NotLettersOrDigits = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ".ToCharArray();

    /// <summary>
    /// A value that spells the name it is assigned to, or the last words of it, in another case or with
    /// other separators (<c>X_AWS_EC2_METADATA_TOKEN = "x-aws-ec2-metadata-token"</c>,
    /// <c>TOKEN_PURPOSE_VALUE_RESET_PASSWORD = "reset_password"</c>): the name of a header, a setting or an
    /// enumeration's member, held in a constant, not a credential.
    /// </summary>
    private static bool SpellsItsOwnName(string key, string v)
    {
        static string Letters(string s) => new(s.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        var value = Letters(v);
        // A name is spelled with separators between its words (punctuation around it, as a properties file's
        // "Name\:", is no part of it); a symbol inside makes it a password made of the word (Pass@word).
        var inner = v.AsSpan().Trim(NotLettersOrDigits);
        if (value.Length == 0 || inner.ContainsAnyExcept(NameCharacters))
        {
            return false;
        }

        if (value == Letters(key) || value == Letters(LastSegment(key)))
        {
            return true;
        }

        if (!v.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            return false;
        }

        var valueWords = SplitWords(v);
        var keyWords = SplitWords(key);
        return valueWords.Count >= 2 && valueWords.Count < keyWords.Count && keyWords.Skip(keyWords.Count - valueWords.Count).SequenceEqual(valueWords);
    }

    /// <summary>
    /// In a program's source, a value of letters only with a lower-to-upper hump (<c>'overEvery'</c>,
    /// <c>"submitAttributes"</c>) is the name of a function, a step or a member, as lodash maps
    /// <c>allPass</c> to <c>overEvery</c>. Passwords people choose are rarely written so; generated ones
    /// hold digits or symbols.
    /// </summary>
    private static bool IsCamelCaseIdentifier(string value)
    {
        if (value.Length is < 4 or > 48 || !value.All(char.IsAsciiLetter) || !char.IsAsciiLetterLower(value[0]))
        {
            return false;
        }

        for (var i = 1; i < value.Length; i++)
        {
            if (char.IsAsciiLetterUpper(value[i]) && char.IsAsciiLetterLower(value[i - 1]))
            {
                return true;
            }
        }

        return false;
    }

    private static KeyKind Classify(string key)
    {
        // The shell's working directories, not passwords (ODBC's PWD= is the connection string rule's). The
        // shell spells them in capitals; a YAML or ini key pwd (a Helm chart's "pwd: …") is a password.
        if (key is "PWD" or "OLDPWD")
        {
            return KeyKind.None;
        }

        return ClassifyLastSegment(LastSegment(key));
    }

    /// <summary>What a key's last segment names (DB_PASSWORD, clientSecret, X-Api-Key).</summary>
    private static KeyKind ClassifyLastSegment(string segment)
    {
        var words = SplitWords(segment);
        if (words.Count == 0)
        {
            return KeyKind.None;
        }

        // PublicKeyToken, PublicKey, publishable keys: public by definition; so are search-only keys
        // (Algolia's, Typesense's), which ship in public clients.
        if (words.Contains("public") || words.Contains("publishable") || IsSearchOnlyKeyName(words))
        {
            return KeyKind.None;
        }

        var last = words[^1];

        // pass_phrase (OCI's config, and others) is a passphrase written as two words.
        if (PasswordWords.Contains(last) || EndsWithAny(last, JoinedPasswordWords) || (last == "phrase" && words.Count >= 2 && words[^2] == "pass"))
        {
            return KeyKind.Password;
        }

        if (SecretWords.Contains(last) || EndsWithAny(last, JoinedSecretWords))
        {
            return KeyKind.Secret;
        }

        if (last == "key" && words.Count >= 2 && KeyQualifiers.Contains(words[^2]))
        {
            return KeyKind.Secret;
        }

        return KeyKind.None;
    }

    /// <summary>ALGOLIA_SEARCH_API_KEY, searchOnlyApiKey, TYPESENSE_SEARCH_ONLY_KEY: a search key of a service that issues public ones (an admin key of a search service is not one).</summary>
    private static bool IsSearchOnlyKeyName(List<string> words) =>
        words.Count >= 2 && words[^1] is "apikey" or "key" && words.Contains("search") && !words.Contains("admin")
        && (words.Contains("only") || words.Contains("algolia") || words.Contains("docsearch") || words.Contains("typesense"));

    // "ConnectionStrings:Db:Password" and "Jwt__Secret" name their leaf last.
    private static string LastSegment(string key)
    {
        var k = key.Replace("__", ":", StringComparison.Ordinal);
        var i = k.LastIndexOfAny([':', '.']);
        return i >= 0 && i < k.Length - 1 ? k[(i + 1)..] : k.TrimEnd(':', '.');
    }

    /// <summary>Splits DB_PASSWORD, clientSecret, X-Api-Key and _authToken into lower-case words.</summary>
    internal static List<string> SplitWords(string key)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            if (char.IsUpper(c) && current.Length > 0 && (char.IsLower(key[i - 1]) || (i + 1 < key.Length && char.IsLower(key[i + 1]) && char.IsUpper(key[i - 1]))))
            {
                Flush();
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush();

        // "apikey" written as one word and "api key" as two mean the same.
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i] == "api" && words[i + 1] == "key")
            {
                words[i] = "apikey";
                words.RemoveAt(i + 1);
            }
        }

        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    /// <summary>
    /// In a file, an unquoted value that is a bare word (a type in "Pass: String", a name in
    /// "EncPass = NoUser") or a call ("secret = getSecret(x)") is code or prose, not a literal.
    /// </summary>
    // An unquoted value in a file: a word, a call, an index (credentials[0], Optional[bytes]) or a -> is code, not a literal;
    // so are a comparison or logic (minified JavaScript: credentials:!0===e.withCredentials?...) and a member
    // of this, self or a one-letter variable (withCredentials:this._options.withCredentials}).
    private static bool IsLiteralInFile(string value) =>
        !value.All(char.IsAsciiLetter) && value.IndexOfAny(['(', ')', '[', ']']) < 0 && !value.Contains("->", StringComparison.Ordinal)
        && !IsExpression(value.TrimEnd('=')) && !MemberAccessRegex().IsMatch(value); // trailing '=' is base64 padding, not ==

    private static bool IsExpression(string value) => CodeOperators.Any(op => value.Contains(op, StringComparison.Ordinal));

    private static readonly string[] CodeOperators = ["==", "!=", "&&", "||", "=>"];

    [GeneratedRegex(@"^(?:this|self|[A-Za-z_$])(?:\.[A-Za-z_$][A-Za-z0-9_$]*)+[})\];,]*$", Options)]
    private static partial Regex MemberAccessRegex();

    // A JSON Web Token is judged by its own rule (SG1103), which reads it: expired and unsigned ones are not credentials.
    private static bool LooksLikeJwt(string v) => v.StartsWith("eyJ", StringComparison.Ordinal) && v.Count(c => c == '.') == 2;

    private static bool IsNumberLike(string v) => v.All(c => char.IsAsciiDigit(c) || c is '.' or ':' or '-' or '+' or '_');

    private static bool IsWordsWithDashes(string v) =>
        v.All(c => char.IsAsciiLetter(c) || c is '-' or '_' or '.') && (v.Contains('-') || v.Contains('_') || v.Contains('.'));
}
