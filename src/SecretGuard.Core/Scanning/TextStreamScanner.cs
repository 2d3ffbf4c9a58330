using System.Buffers;
using System.Runtime.InteropServices;
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

    private readonly int _windowChars = windowChars;

    private readonly int _overlapChars = overlapChars;

    private const int ChunkBytes = 64 * 1024;

    /// <summary>
    /// Scans the stream. Returns null when the content is binary (not text in a known encoding) and
    /// there are no rules for binary content. Hits in binary content have line 0: lines mean nothing there.
    /// </summary>
    /// <remarks>
    /// The encoding is chosen from the head, but content can change it later (a tool appending in another
    /// encoding, such as Windows PowerShell's <c>&gt;&gt;</c>): UTF-16 text further on in UTF-8 text is read,
    /// its ASCII characters with their lines (<see cref="NulsInText"/>), and the ASCII runs of a file decoded
    /// as UTF-16 are read as a binary's are, with <paramref name="binaryRules"/>; their hits have line 0.
    /// </remarks>
    /// <param name="origin">What kind of text the stream holds (a source file's unquoted values are code).</param>
    public List<TextHit>? Scan(Stream content, TextOrigin origin = TextOrigin.File)
    {
        // Buffers come from the shared pool: most files are small, and a fresh 2 MB window per file
        // would cost more than the scan itself.
        var bytes = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var window = ArrayPool<char>.Shared.Rent(_windowChars);
        var chars = ArrayPool<char>.Shared.Rent(CharsPerChunk);
        char[]? runsWindow = null;
        char[]? runsChars = null;
        try
        {
            var filled = ReadAtLeast(content, bytes, ChunkBytes, SniffBytes);
            var encoding = DetectEncoding(bytes.AsSpan(0, filled), out var preamble, out _);
            if (encoding is null)
            {
                if (binaryRules is null)
                {
                    return null;
                }

                var binary = new WindowedScan(this, binaryRules, TextOrigin.File, window, chars, TextRuns(bytes, chars, new BinaryTextRuns()));
                Run(content, bytes, filled, binary, null);
                return Distinct(binary.Hits);
            }

            var decoder = encoding.GetDecoder();
            var offset = preamble;
            var isUtf16 = encoding is UnicodeEncoding;
            Func<int, bool, int> decode;
            if (isUtf16)
            {
                decode = (n, final) =>
                {
                    var produced = decoder.GetChars(bytes, offset, n - offset, chars, 0, final);
                    offset = 0;
                    return produced;
                };
            }
            else
            {
                var nuls = new NulsInText();
                decode = (n, final) =>
                {
                    var pending = nuls.Restore(chars);
                    var hasNul = bytes.AsSpan(offset, n - offset).Contains((byte)0);
                    var produced = pending + decoder.GetChars(bytes, offset, n - offset, chars, pending, final);
                    offset = 0;
                    return hasNul || pending > 0 ? nuls.Read(chars, produced, final) : nuls.PassOver(produced);
                };
            }

            var text = new WindowedScan(this, rules, origin, window, chars, decode);
            if (!isUtf16 || binaryRules is null)
            {
                Run(content, bytes, filled, text, null);
                return text.Hits;
            }

            // ASCII in text decoded as UTF-16 (UTF-8 appended to a UTF-16 file) is CJK characters to the
            // decoder: the file's ASCII runs are read as a binary's (its UTF-16 runs are the decoded text).
            runsWindow = ArrayPool<char>.Shared.Rent(_windowChars);
            runsChars = ArrayPool<char>.Shared.Rent(CharsPerChunk);
            var runs = new WindowedScan(this, binaryRules, TextOrigin.File, runsWindow, runsChars, TextRuns(bytes, runsChars, new BinaryTextRuns(utf16Runs: false)));
            Run(content, bytes, filled, text, runs);
            var decoded = text.Hits.Select(h => h.SecretHash).ToHashSet(StringComparer.Ordinal);
            text.Hits.AddRange(Distinct(runs.Hits).Where(h => !decoded.Contains(h.SecretHash)));
            return text.Hits;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(window);
            ArrayPool<char>.Shared.Return(chars);
            if (runsWindow is not null)
            {
                ArrayPool<char>.Shared.Return(runsWindow);
            }

            if (runsChars is not null)
            {
                ArrayPool<char>.Shared.Return(runsChars);
            }
        }
    }

    /// <summary>Room for a chunk's characters, decoded or as text runs, and the few a decoding carries over.</summary>
    private static int CharsPerChunk => Math.Max(Encoding.UTF8.GetMaxCharCount(ChunkBytes) + NulsInText.MaxPending, BinaryTextRuns.MaxChars(ChunkBytes));

    /// <summary>Turns each chunk into its text runs in <paramref name="chars"/>.</summary>
    private static Func<int, bool, int> TextRuns(byte[] bytes, char[] chars, BinaryTextRuns runs) => (n, final) =>
    {
        var produced = runs.Extract(bytes.AsSpan(0, n), chars);
        return final ? produced + runs.Finish(chars.AsSpan(produced)) : produced;
    };

    /// <summary>A string repeated in a binary is one hit: its place is the file, not a line.</summary>
    private static List<TextHit> Distinct(List<TextHit> hits)
    {
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

    /// <summary>Feeds every chunk of the stream to the scans, the first chunk already read.</summary>
    private static void Run(Stream content, byte[] bytes, int filled, WindowedScan first, WindowedScan? second)
    {
        while (true)
        {
            var final = filled == 0;
            first.Take(filled, final);
            second?.Take(filled, final);
            if (final)
            {
                break;
            }

            filled = ReadAtLeast(content, bytes, ChunkBytes, 1);
        }

        first.Finish();
        second?.Finish();
    }

    /// <summary>One pass of rules over the characters a chunk of bytes becomes, in overlapping windows.</summary>
    /// <param name="produce">Turns the first n bytes of the chunk into characters in the chars buffer (final: no more chunks); returns how many.</param>
    private sealed class WindowedScan(TextStreamScanner scanner, RuleSet ruleSet, TextOrigin origin, char[] window, char[] chars, Func<int, bool, int> produce)
    {
        private int _length;
        private int _lineBase = 1; // line number at window[0]
        private int _columnBase; // characters on that line before window[0]

        public List<TextHit> Hits { get; } = [];

        public void Take(int filled, bool final)
        {
            var produced = produce(filled, final);
            var taken = 0;
            var windowChars = scanner._windowChars;
            while (taken < produced)
            {
                var n = Math.Min(produced - taken, windowChars - _length);
                Array.Copy(chars, taken, window, _length, n);
                _length += n;
                taken += n;
                if (_length == windowChars)
                {
                    scanner.ScanWindow(ruleSet, origin, window, _length, isLast: false, ref _lineBase, ref _columnBase, Hits);
                    Array.Copy(window, _length - scanner._overlapChars, window, 0, scanner._overlapChars);
                    _length = scanner._overlapChars;
                }
            }
        }

        public void Finish() => scanner.ScanWindow(ruleSet, origin, window, _length, isLast: true, ref _lineBase, ref _columnBase, Hits);
    }

    private void ScanWindow(RuleSet ruleSet, TextOrigin origin, char[] window, int length, bool isLast, ref int lineBase, ref int columnBase, List<TextHit> hits)
    {
        // Hits starting in the overlap are left to the next window, which sees them whole.
        var limit = isLast ? length : length - _overlapChars;
        var line = lineBase;
        var lineStart = -columnBase; // index in the window where the current line starts
        var cursor = 0;

        // The rules need a string, which costs a copy and fresh memory (the inflated changelogs of a
        // documentation folder alone would be 700 MB of them); text that holds none of their keywords, or
        // in which no rule whose keywords it holds may find anything, never becomes one.
        if (ruleSet.FindKeywords(window.AsSpan(0, length)) is { } keywordStarts && ruleSet.DropRulesThatCannotFind(window.AsSpan(0, length), origin, keywordStarts))
        {
            var text = isLast ? new string(window, 0, length) : TakeFullWindowText(window, length);
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

            if (!isLast)
            {
                t_fullWindow = new WeakReference<string>(text); // given back only once the scan is done with it
            }
        }

        if (!isLast)
        {
            Advance(window, limit, ref cursor, ref line, ref lineStart);
            lineBase = line;
            columnBase = limit - lineStart;
        }
    }

    /// <summary>
    /// The text of a full window: the string the last full window on this thread used, refilled, or a new
    /// one when it is taken, collected or of another length. A large file is read in full windows of one
    /// length, and a fresh 2 MB string for each is memory touched for the first time (page faults: 40 MB of
    /// them on an aspnet-sized base image, see docs/performance.md). Refilling a string is sound only
    /// because nothing keeps it past <see cref="ScanWindow"/> (a <see cref="SecretMatch"/> holds offsets; a
    /// hit's secret is redacted and hashed at once) and it is taken from the thread while in use, so that a
    /// scan within the scan can never refill it. Held weakly: a thread that outlives the check (an MSBuild
    /// node's) keeps it only until the next full collection.
    /// </summary>
    private static string TakeFullWindowText(char[] window, int length)
    {
        string? text = null;
        t_fullWindow?.TryGetTarget(out text);
        t_fullWindow = null;
        if (text is null || text.Length != length)
        {
            return new string(window, 0, length);
        }

        window.AsSpan(0, length).CopyTo(MemoryMarshal.AsMemory(text.AsMemory()).Span);
        return text;
    }

    [ThreadStatic]
    private static WeakReference<string>? t_fullWindow;

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

    /// <summary>
    /// UTF-8 (with or without BOM) or UTF-16 by BOM or by shape; null for binary content, and for text
    /// that holds NUL bytes (see <see cref="DetectEncoding(ReadOnlySpan{byte}, out int, out bool)"/>).
    /// </summary>
    internal static Encoding? DetectEncoding(ReadOnlySpan<byte> head, out int preamble) =>
        DetectEncoding(head, out preamble, out var textWithNuls) is { } encoding && !textWithNuls ? encoding : null;

    /// <summary>UTF-8 (with or without BOM) or UTF-16 by BOM or by shape; null for binary content.</summary>
    /// <param name="textWithNuls">UTF-8 text with NUL bytes in its head (<see cref="LooksLikeTextWithNuls"/>).</param>
    private static Encoding? DetectEncoding(ReadOnlySpan<byte> head, out int preamble, out bool textWithNuls)
    {
        preamble = 0;
        textWithNuls = false;
        if (head.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            preamble = 3;
            return new UTF8Encoding(false, false);
        }

        var littleEndian = head.StartsWith(new byte[] { 0xFF, 0xFE });
        if (littleEndian || head.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            preamble = 2;

            // UTF-16 text holding any ASCII character (every credential is ASCII) has NUL bytes: after the BOM,
            // bytes with none that are UTF-8 are UTF-8 (written after the BOM by a tool that does not read it,
            // or put behind one to be shown as CJK characters).
            var rest = head[2..];
            return !rest.IsEmpty && !rest.Contains((byte)0) && IsUtf8(rest)
                ? new UTF8Encoding(false, false)
                : new UnicodeEncoding(!littleEndian, false, false);
        }

        if (!head.Contains((byte)0))
        {
            return new UTF8Encoding(false, false);
        }

        if (LooksLikeUtf16(head))
        {
            return new UnicodeEncoding(false, false, false);
        }

        textWithNuls = LooksLikeTextWithNuls(head);
        return textWithNuls ? new UTF8Encoding(false, false) : null;
    }

    /// <summary>BOM-less UTF-16LE text: every other byte is zero, and no other byte is.</summary>
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> head)
    {
        if (head.Length < 16)
        {
            return false;
        }

        var oddZeros = 0;
        for (var i = 0; i < head.Length; i++)
        {
            if (head[i] == 0)
            {
                if (i % 2 == 0)
                {
                    return false;
                }

                oddZeros++;
            }
        }

        return oddZeros >= head.Length / 2 - 1;
    }

    /// <summary>
    /// Text whose head holds NUL bytes (a truncating writer's trailing NUL, zeros a file was preallocated
    /// with, a NUL-separated list, UTF-16 text after a UTF-8 head, BOM-less UTF-16BE) is still text when
    /// every other byte of the head is: UTF-8, with no control character but whitespace and escape. One
    /// is enough to make it binary: executables' headers and tables, images, fonts and compressed data
    /// are full of small integers (control bytes) and bytes that are not UTF-8.
    /// </summary>
    internal static bool LooksLikeTextWithNuls(ReadOnlySpan<byte> head)
    {
        var text = 0;
        for (var i = 0; i < head.Length;)
        {
            var b = head[i];
            if (b >= 0x80)
            {
                var status = Rune.DecodeFromUtf8(head[i..], out _, out var length);
                if (status != OperationStatus.Done)
                {
                    return status == OperationStatus.NeedMoreData && text >= MinimumTextWithNuls; // a character the head cuts
                }

                text += length;
                i += length;
                continue;
            }

            if (b is (< 0x20 and not (0 or (byte)'\t' or (byte)'\n' or 0x0B or 0x0C or (byte)'\r' or 0x1B)) or 0x7F)
            {
                return false;
            }

            text += b == 0 ? 0 : 1;
            i++;
        }

        return text >= MinimumTextWithNuls;
    }

    /// <summary>Fewer text bytes than this beside NULs tell nothing (a zeroed head, a disk image's first sectors).</summary>
    private const int MinimumTextWithNuls = 16;

    /// <summary>Whether <paramref name="bytes"/> are UTF-8; a character cut at the end does not count against them.</summary>
    private static bool IsUtf8(ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < bytes.Length;)
        {
            if (bytes[i] < 0x80)
            {
                i++;
                continue;
            }

            var status = Rune.DecodeFromUtf8(bytes[i..], out _, out var length);
            if (status != OperationStatus.Done)
            {
                return status == OperationStatus.NeedMoreData;
            }

            i += length;
        }

        return true;
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
