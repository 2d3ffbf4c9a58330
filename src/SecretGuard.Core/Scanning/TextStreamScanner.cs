using System.Buffers;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.Findings;

namespace SecretGuard.Scanning;

/// <summary>A rule hit in a stream of text, with its 1-based line and column; the secret only as redacted form and hash.</summary>
internal sealed record TextHit(SecretRule Rule, SecretMatch Match, string RedactedSecret, string SecretHash, int Line, int Column);

/// <summary>
/// Runs the rules over a file's content in fixed-size windows, so memory stays bounded whatever the
/// file size. Windows overlap so that a credential across a window boundary is still seen whole.
/// Binary content is read for its printable runs (what `strings` shows) with <paramref name="binaryRules"/>
/// only: rules whose format proves the credential, since a binary's strings are not written as config is.
/// </summary>
/// <param name="binaryRules">Rules for the text runs of binary content; null to skip binary content.</param>
internal sealed class TextStreamScanner(RuleSet rules, int windowChars = TextStreamScanner.DefaultWindowChars, int overlapChars = TextStreamScanner.DefaultOverlapChars, RuleSet? binaryRules = null)
{
    public const int DefaultWindowChars = 1 << 20;

    /// <summary>Larger than any credential the rules know (a PEM RSA-4096 key is about 3.3k characters).</summary>
    public const int DefaultOverlapChars = 16 * 1024;

    private const int SniffBytes = 8000;

    private const int ChunkBytes = 64 * 1024;

    /// <summary>
    /// Scans the stream. Returns null when the content is binary (not text in a known encoding) and
    /// there are no rules for binary content. Hits in binary content have line 0: lines mean nothing there.
    /// </summary>
    /// <param name="origin">What kind of text the stream holds (a source file's unquoted values are code).</param>
    public List<TextHit>? Scan(Stream content, TextOrigin origin = TextOrigin.File)
    {
        // Buffers come from the shared pool: most files are small, and a fresh 2 MB window per file
        // would cost more than the scan itself.
        var bytes = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var window = ArrayPool<char>.Shared.Rent(windowChars);
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(Encoding.UTF8.GetMaxCharCount(ChunkBytes), BinaryTextRuns.MaxChars(ChunkBytes)));
        try
        {
            var filled = ReadAtLeast(content, bytes, ChunkBytes, SniffBytes);
            var encoding = DetectEncoding(bytes.AsSpan(0, filled), out var preamble);
            if (encoding is not null)
            {
                var decoder = encoding.GetDecoder();
                var offset = preamble;
                return Scan(content, bytes, filled, window, chars, rules, origin, (n, final) =>
                {
                    var produced = decoder.GetChars(bytes, offset, n - offset, chars, 0, final);
                    offset = 0;
                    return produced;
                });
            }

            if (binaryRules is null)
            {
                return null;
            }

            var runs = new BinaryTextRuns();
            var hits = Scan(content, bytes, filled, window, chars, binaryRules, TextOrigin.File, (n, final) =>
            {
                var produced = runs.Extract(bytes.AsSpan(0, n), chars);
                return final ? produced + runs.Finish(chars.AsSpan(produced)) : produced;
            });

            // A string repeated in a binary is one hit: its place is the file, not a line.
            var distinct = new List<TextHit>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var hit in hits)
            {
                if (seen.Add(hit.Rule.Id + "\n" + hit.SecretHash))
                {
                    distinct.Add(hit with { Line = 0, Column = 0 });
                }
            }

            return distinct;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(window);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <param name="produce">Turns the first n bytes of the chunk into characters in the chars buffer (final: no more chunks); returns how many.</param>
    private List<TextHit> Scan(Stream content, byte[] bytes, int filled, char[] window, char[] chars, RuleSet ruleSet, TextOrigin origin, Func<int, bool, int> produce)
    {
        var length = 0;
        var lineBase = 1; // line number at window[0]
        var columnBase = 0; // characters on that line before window[0]
        var hits = new List<TextHit>();

        while (true)
        {
            var final = filled == 0;
            var produced = produce(filled, final);
            var taken = 0;
            while (taken < produced)
            {
                var n = Math.Min(produced - taken, windowChars - length);
                Array.Copy(chars, taken, window, length, n);
                length += n;
                taken += n;
                if (length == windowChars)
                {
                    ScanWindow(ruleSet, origin, window, length, isLast: false, ref lineBase, ref columnBase, hits);
                    Array.Copy(window, length - overlapChars, window, 0, overlapChars);
                    length = overlapChars;
                }
            }

            if (final)
            {
                break;
            }

            filled = ReadAtLeast(content, bytes, ChunkBytes, 1);
        }

        ScanWindow(ruleSet, origin, window, length, isLast: true, ref lineBase, ref columnBase, hits);
        return hits;
    }

    private void ScanWindow(RuleSet ruleSet, TextOrigin origin, char[] window, int length, bool isLast, ref int lineBase, ref int columnBase, List<TextHit> hits)
    {
        // Hits starting in the overlap are left to the next window, which sees them whole.
        var limit = isLast ? length : length - overlapChars;
        var line = lineBase;
        var lineStart = -columnBase; // index in the window where the current line starts
        var cursor = 0;

        // The rules need a string, which costs a copy and fresh memory (the inflated changelogs of a
        // documentation folder alone would be 700 MB of them); text that holds none of their keywords
        // never becomes one.
        if (ruleSet.FindKeywords(window.AsSpan(0, length)) is { } keywordStarts)
        {
            var text = new string(window, 0, length);
            foreach (var hit in ruleSet.Scan(text, origin, keywordStarts))
            {
                if (hit.Match.Index >= limit)
                {
                    break;
                }

                Advance(window, hit.Match.Index, ref cursor, ref line, ref lineStart);
                var secret = text.AsSpan(hit.Match.Index, hit.Match.Length);
                hits.Add(new TextHit(hit.Rule, hit.Match, Redactor.Redact(secret), Fingerprints.HashSecret(secret), line, hit.Match.Index - lineStart + 1));
            }
        }

        if (!isLast)
        {
            Advance(window, limit, ref cursor, ref line, ref lineStart);
            lineBase = line;
            columnBase = limit - lineStart;
        }
    }

    private static void Advance(char[] window, int to, ref int cursor, ref int line, ref int lineStart)
    {
        if (to <= cursor)
        {
            return;
        }

        var span = window.AsSpan(cursor, to - cursor);
        var breaks = span.Count('\n');
        if (breaks > 0)
        {
            line += breaks;
            lineStart = cursor + span.LastIndexOf('\n') + 1;
        }

        cursor = to;
    }

    /// <summary>UTF-8 (with or without BOM) or UTF-16 by BOM or by shape; null for binary content.</summary>
    internal static Encoding? DetectEncoding(ReadOnlySpan<byte> head, out int preamble)
    {
        preamble = 0;
        if (head.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            preamble = 3;
            return new UTF8Encoding(false, false);
        }

        if (head.StartsWith(new byte[] { 0xFF, 0xFE }))
        {
            preamble = 2;
            return new UnicodeEncoding(false, false, false);
        }

        if (head.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            preamble = 2;
            return new UnicodeEncoding(true, false, false);
        }

        if (!head.Contains((byte)0))
        {
            return new UTF8Encoding(false, false);
        }

        // BOM-less UTF-16LE text: every other byte is zero, and no other byte is.
        if (head.Length < 16)
        {
            return null;
        }

        var oddZeros = 0;
        for (var i = 0; i < head.Length; i++)
        {
            if (head[i] == 0)
            {
                if (i % 2 == 0)
                {
                    return null;
                }

                oddZeros++;
            }
        }

        return oddZeros >= head.Length / 2 - 1 ? new UnicodeEncoding(false, false, false) : null;
    }

    private static int ReadAtLeast(Stream stream, byte[] buffer, int length, int minimum)
    {
        var total = 0;
        while (total < minimum && total < length)
        {
            var n = stream.Read(buffer, total, length - total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
