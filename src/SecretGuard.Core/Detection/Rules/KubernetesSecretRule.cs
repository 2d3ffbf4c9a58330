using System.Text;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// Values of a Kubernetes <c>kind: Secret</c> manifest published with an app: each entry of its <c>data:</c>
/// (base64, decoded and checked) or <c>stringData:</c> block, in YAML. The manifest's structure is read, not
/// matched: the document (between <c>---</c> lines) must be a Secret, and only the block's own entries count.
/// </summary>
internal sealed class KubernetesSecretRule : SecretRule
{
    public override string Id => "SG1255";

    public override string Title => "Value of a Kubernetes Secret manifest";

    public override IReadOnlyList<string> Formats { get; } = ["Kubernetes Secret data (base64)", "Kubernetes Secret stringData"];

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "change the credential at its service, delete the manifest from the image and create the Secret in the cluster instead (kubectl create secret, an external secrets operator or sealed secrets)";

    public override IReadOnlyList<string> Keywords { get; } = ["kind: Secret", "kind: \"Secret\"", "kind: 'Secret'"];

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    /// <summary>Entries that identify or are public by design: a certificate, a user name, where to connect.</summary>
    private static readonly string[] PublicKeys = ["username", "user", "host", "hostname", "port", "url", "uri", "endpoint", "database", "db", "namespace", "ca.crt", "tls.crt", "region", "email"];

    public override IEnumerable<SecretMatch> Find(string text) => Find(text, TextOrigin.File, []);

    public override IEnumerable<SecretMatch> Find(string text, TextOrigin origin, IReadOnlyList<int> keywordStarts)
    {
        var starts = keywordStarts.Count > 0 ? keywordStarts : KeywordStarts(text, Keywords, StringComparison.Ordinal);
        var found = new List<SecretMatch>();
        var done = -1;
        foreach (var kind in starts)
        {
            if (kind < done || !AtLineStart(text, kind))
            {
                continue;
            }

            var (start, end) = Document(text, kind);
            done = end;
            FindInBlocks(text, start, end, found);
        }

        return found;
    }

    private static bool AtLineStart(string text, int i)
    {
        for (var j = i - 1; j >= 0 && text[j] != '\n'; j--)
        {
            if (text[j] is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The YAML document around <paramref name="i"/>: from the '---' line before it to the next one (or the text's ends), at most 64 KiB.</summary>
    private static (int Start, int End) Document(string text, int i)
    {
        var start = text.LastIndexOf("\n---", i, StringComparison.Ordinal);
        start = start < 0 ? 0 : start + 1;
        start = Math.Max(start, i - 65536);
        var end = text.IndexOf("\n---", i, StringComparison.Ordinal);
        end = end < 0 ? text.Length : end;
        return (start, Math.Min(end, i + 65536));
    }

    private static void FindInBlocks(string text, int start, int end, List<SecretMatch> found)
    {
        var pos = start;
        while (pos < end)
        {
            var lineEnd = text.IndexOf('\n', pos, end - pos);
            lineEnd = lineEnd < 0 ? end : lineEnd;
            var line = text.AsSpan(pos, lineEnd - pos).TrimEnd('\r');
            var indent = line.Length - line.TrimStart(' ').Length;
            var content = line.TrimStart(' ');
            var isData = content.SequenceEqual("data:");
            if (isData || content.SequenceEqual("stringData:"))
            {
                pos = Entries(text, lineEnd + 1, end, indent, encoded: isData, found);
                continue;
            }

            pos = lineEnd + 1;
        }
    }

    /// <summary>Reads the block's entries (lines indented deeper than its key) and returns where the block ends.</summary>
    private static int Entries(string text, int pos, int end, int blockIndent, bool encoded, List<SecretMatch> found)
    {
        while (pos < end)
        {
            var lineEnd = text.IndexOf('\n', pos, end - pos);
            lineEnd = lineEnd < 0 ? end : lineEnd;
            var line = text.AsSpan(pos, lineEnd - pos).TrimEnd('\r');
            var content = line.TrimStart(' ');
            var indent = line.Length - content.Length;
            if (content.Length > 0 && content[0] != '#' && indent <= blockIndent)
            {
                return pos; // the block is over
            }

            var colon = content.IndexOf(':');
            if (colon > 0 && content.Length > colon + 1)
            {
                var key = content[..colon].Trim().Trim('"').Trim('\'').ToString();
                var raw = content[(colon + 1)..];
                var lead = raw.Length - raw.TrimStart(' ').Length;
                var value = raw.Trim(' ');
                var quoted = value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0];
                if (quoted)
                {
                    value = value[1..^1];
                    lead++;
                }

                if (value.Length > 0 && value[0] is not ('|' or '>') && IsSecretValue(key, value.ToString(), encoded))
                {
                    found.Add(new SecretMatch(pos + indent + colon + 1 + lead, value.Length, $"value of {key} in a Kubernetes Secret"));
                }
            }

            pos = lineEnd + 1;
        }

        return end;
    }

    private static bool IsSecretValue(string key, string value, bool encoded)
    {
        if (PublicKeys.Contains(key.ToLowerInvariant()) || Placeholders.IsPlaceholder(value))
        {
            return false;
        }

        if (!encoded)
        {
            return value.Length >= 6 && !Placeholders.IsReference(value) && Entropy.BitsPerChar(value) >= 2.5;
        }

        var bytes = new byte[value.Length];
        if (!Convert.TryFromBase64String(value, bytes, out var written) || written < 6)
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(bytes, 0, written);
        if (decoded.Contains("-----BEGIN CERTIFICATE", StringComparison.Ordinal) || Placeholders.IsPlaceholder(decoded.Trim()))
        {
            return false; // a certificate is public; "changeme" encoded is still a placeholder
        }

        // Binary keys (random bytes) count; text must look like a password or token, not a word.
        var printable = decoded.All(c => c >= ' ' && c < 0x7F || c is '\n' or '\r' or '\t');
        return !printable || decoded.Contains("PRIVATE KEY", StringComparison.Ordinal) || decoded.Trim().Length >= 6 && Entropy.BitsPerChar(decoded.AsSpan().Trim()) >= 2.5;
    }
}
