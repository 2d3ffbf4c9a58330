using System.Text;

namespace SecretGuard.ImageReading;

/// <summary>
/// A NativeAOT executable: native code with no .NET metadata, so the string literals of the app are
/// only in its data as UTF-16 runs (and as UTF-8 for u8 literals). Recognised on Linux by the sections
/// the NativeAOT compiler emits.
/// </summary>
internal static class NativeAotImage
{
    /// <summary>Runs shorter than this are not credentials worth reporting (and are mostly noise).</summary>
    public const int MinRun = 8;

    private static readonly byte[] ManagedCodeSection = Encoding.ASCII.GetBytes("__managedcode\0");
    private static readonly byte[] EhTableSection = Encoding.ASCII.GetBytes(".dotnet_eh_table\0");

    public static bool IsNativeAot(ReadOnlySpan<byte> image) =>
        image.Length > 4 && image[0] == 0x7F && image[1] == (byte)'E' && image[2] == (byte)'L' && image[3] == (byte)'F'
        && image.IndexOf(ManagedCodeSection) >= 0 && image.IndexOf(EhTableSection) >= 0;

    /// <summary>
    /// A run longer than this is cut into pieces of this many characters, each starting
    /// <see cref="RunOverlap"/> characters before the last one ended, so that no string is ever larger than a
    /// piece however the image is shaped (a run of printable bytes as long as the image would otherwise become
    /// one string twice its size).
    /// </summary>
    public const int MaxRunChars = 64 * 1024;

    /// <summary>Longer than any credential the rules know (a JWT is at most some 11,300 characters), so one cut in two is still seen whole.</summary>
    public const int RunOverlap = 16 * 1024;

    /// <summary>The runs remembered to drop repeats, in characters: past it, repeats are scanned again rather than held.</summary>
    private const int MaxRememberedChars = 8 << 20;

    /// <summary>The characters of a chunk of <see cref="TextChunks"/>.</summary>
    public const int DefaultChunkChars = 1 << 20;

    /// <summary>
    /// The printable ASCII strings in the image: UTF-16LE runs (how string literals are stored; a literal's
    /// record is its length then its characters, the last of which may be stored as one byte) and UTF-8 runs.
    /// A run repeated is given once (as far as <see cref="MaxRememberedChars"/> allows); a run longer than
    /// <see cref="MaxRunChars"/> is given in overlapping pieces.
    /// </summary>
    public static IEnumerable<string> Strings(byte[] image) => Strings(new ReadOnlyMemory<byte>(image));

    /// <inheritdoc cref="Strings(byte[])"/>
    public static IEnumerable<string> Strings(ReadOnlyMemory<byte> image)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var remembered = 0L;
        foreach (var s in Utf16Runs(image).Concat(Utf8Runs(image)))
        {
            if (seen.Contains(s))
            {
                continue;
            }

            if (remembered + s.Length <= MaxRememberedChars)
            {
                seen.Add(s);
                remembered += s.Length;
            }

            yield return s;
        }
    }

    /// <summary>
    /// The strings of <see cref="Strings(ReadOnlyMemory{byte})"/>, each followed by a line break, packed into
    /// texts of at most <paramref name="chunkChars"/> characters (a piece of a long run fills one alone): what
    /// rules run on, a chunk at a time, so that memory stays bounded by the chunk, not the image. A string is
    /// never split between chunks.
    /// </summary>
    public static IEnumerable<string> TextChunks(ReadOnlyMemory<byte> image, int chunkChars = DefaultChunkChars)
    {
        var buffer = new char[Math.Max(chunkChars, MaxRunChars + 1)];
        var used = 0;
        foreach (var run in Strings(image))
        {
            if (used > 0 && used + run.Length + 1 > chunkChars)
            {
                yield return new string(buffer, 0, used);
                used = 0;
            }

            run.CopyTo(0, buffer, used, run.Length);
            used += run.Length;
            buffer[used++] = '\n';
        }

        if (used > 0)
        {
            yield return new string(buffer, 0, used);
        }
    }

    private static bool Printable(byte b) => b is >= 0x20 and < 0x7F;

    private static IEnumerable<string> Utf16Runs(ReadOnlyMemory<byte> memory)
    {
        var i = 0;
        var length = memory.Length;
        while (i + 1 < length)
        {
            var image = memory.Span;
            if (!Printable(image[i]) || image[i + 1] != 0)
            {
                i++;
                continue;
            }

            var start = i;
            while (i + 1 < length && Printable(image[i]) && image[i + 1] == 0)
            {
                i += 2;
            }

            var chars = (i - start) / 2;

            // A literal record: the 4-byte length before the run says whether one more character follows,
            // stored as a single byte.
            var extra = start >= 4 && i < length && Printable(image[i]) && BitConverter.ToInt32(image[(start - 4)..]) == chars + 1;
            if (extra)
            {
                i++;
            }

            if (chars + (extra ? 1 : 0) < MinRun)
            {
                continue;
            }

            foreach (var piece in Pieces(chars + (extra ? 1 : 0)))
            {
                yield return Utf16Piece(memory, start, piece.Start, piece.Length, chars);
            }
        }
    }

    /// <summary>Characters [<paramref name="from"/>, +<paramref name="count"/>) of the UTF-16 run at <paramref name="start"/>; a character past <paramref name="utf16Chars"/> is the record's single last byte.</summary>
    private static string Utf16Piece(ReadOnlyMemory<byte> image, int start, int from, int count, int utf16Chars) =>
        string.Create(count, (image, start, from, utf16Chars), static (text, state) =>
        {
            var bytes = state.image.Span;
            for (var c = 0; c < text.Length; c++)
            {
                var index = state.from + c;
                text[c] = (char)(index < state.utf16Chars ? bytes[state.start + (2 * index)] : bytes[state.start + (2 * state.utf16Chars)]);
            }
        });

    private static IEnumerable<string> Utf8Runs(ReadOnlyMemory<byte> memory)
    {
        var i = 0;
        var length = memory.Length;
        while (i < length)
        {
            var image = memory.Span;
            if (!Printable(image[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < length && Printable(image[i]))
            {
                i++;
            }

            // A run of single printable bytes only: "a\0b\0" is UTF-16, handled above.
            if (i - start < MinRun)
            {
                continue;
            }

            foreach (var piece in Pieces(i - start))
            {
                yield return Encoding.ASCII.GetString(memory.Span.Slice(start + piece.Start, piece.Length));
            }
        }
    }

    /// <summary>A run of <paramref name="length"/> characters as one piece, or overlapping pieces of <see cref="MaxRunChars"/>.</summary>
    private static IEnumerable<(int Start, int Length)> Pieces(int length)
    {
        if (length <= MaxRunChars)
        {
            yield return (0, length);
            yield break;
        }

        for (var from = 0; ; from += MaxRunChars - RunOverlap)
        {
            var count = Math.Min(MaxRunChars, length - from);
            yield return (from, count);
            if (from + count >= length)
            {
                yield break;
            }
        }
    }
}
