using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SecretGuard.Scanning;

/// <summary>
/// The text runs of binary content, fed chunk by chunk: printable ASCII runs (what `strings` shows) and
/// UTF-16LE runs of printable ASCII characters (what `strings -el` shows: wide string literals of
/// Windows code, resource strings, UTF-16 databases). A run shorter than <see cref="MinimumRun"/>
/// characters is dropped; runs come out in the order they start, each ending with a line break so that
/// rules never see two runs as one token. The output is the same however the content is cut into chunks.
/// </summary>
/// <param name="utf16Runs">Whether UTF-16LE runs are read too (not for text decoded as UTF-16: they are that text).</param>
internal sealed class BinaryTextRuns(bool utf16Runs = true)
{
    /// <summary>Shorter runs are noise in any binary; no credential the rules know is shorter.</summary>
    public const int MinimumRun = 8;

    /// <summary>
    /// Bytes kept from one chunk for the next: the last eight characters of a run still open (seventeen
    /// bytes at most for UTF-16, a character's zero byte being unknown yet), or the bytes where a run may
    /// still start but cannot be told yet (fifteen at most: eight UTF-16 characters take sixteen).
    /// </summary>
    private const int MaxCarry = 2 * MinimumRun + 1;

    private enum Kind
    {
        None,
        Ascii,
        Utf16,
    }

    private byte[] _buffer = [];
    private int _carry;

    /// <summary>A run that reached the end of the last chunk; its last eight characters, already written, start the carry.</summary>
    private Kind _open;

    /// <summary>Where, in the carry, runs of each kind may still start (before: runs already written).</summary>
    private int _asciiFrom;
    private int _utf16From;

    /// <summary>The most characters <see cref="Extract"/> or <see cref="Finish"/> write for <paramref name="bytes"/> input bytes.</summary>
    public static int MaxChars(int bytes)
    {
        // At most one character per byte of the chunk and the carry, and a line break per run of eight or more.
        var length = bytes + MaxCarry;
        return length + (length / MinimumRun) + 2;
    }

    /// <summary>Writes the runs that <paramref name="chunk"/> ends or continues to <paramref name="output"/>; returns the characters written.</summary>
    public int Extract(ReadOnlySpan<byte> chunk, Span<char> output) => Process(chunk, output, final: false);

    /// <summary>Ends the content: a run still open, or one in the last bytes, is written and ended.</summary>
    public int Finish(Span<char> output)
    {
        var written = Process([], output, final: true);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        _carry = 0;
        return written;
    }

    /// <remarks>
    /// Compiled code is full of printable scraps of one to a few bytes, so visiting every run costs more
    /// than the rules do. Instead the content becomes bit maps (printable bytes, and printable bytes
    /// followed by a zero byte: UTF-16 characters), and only places where eight characters in a row are
    /// set are visited: in machine code there are few.
    /// </remarks>
    private int Process(ReadOnlySpan<byte> chunk, Span<char> output, bool final)
    {
        var length = _carry + chunk.Length;
        if (length == 0)
        {
            return 0;
        }

        if (_buffer.Length < length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(length, chunk.Length + MaxCarry));
            _buffer.AsSpan(0, _carry).CopyTo(larger);
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }

            _buffer = larger;
        }

        chunk.CopyTo(_buffer.AsSpan(_carry));
        var content = _buffer.AsSpan(0, length);

        var words = (length + 63) / 64;
        var maps = t_maps is { } cached && cached.Length >= 3 * words ? cached : t_maps = new ulong[3 * words];
        var printable = maps.AsSpan(0, words);
        var zero = maps.AsSpan(words, words);
        var wide = maps.AsSpan(2 * words, words);
        MapBytes(content, printable, zero);
        if (utf16Runs)
        {
            MapWideCharacters(printable, zero, wide);
        }

        return Walk(content, printable, wide, output, final);
    }

    /// <summary>
    /// The bit maps of a chunk, kept per thread (a chunk is at most a read plus the carry: a few
    /// thousand words). Not from ArrayPool&lt;ulong&gt;: that instantiation has no ahead-of-time code and
    /// would be compiled on the spot in every build.
    /// </summary>
    [ThreadStatic]
    private static ulong[]? t_maps;

    private int Walk(ReadOnlySpan<byte> content, ReadOnlySpan<ulong> printable, ReadOnlySpan<ulong> wide, Span<char> output, bool final)
    {
        var length = content.Length;
        var written = 0;
        var asciiFrom = _asciiFrom;
        var utf16From = _utf16From;
        var continuing = _open; // an open run is found again at 0, from its carried characters
        _open = Kind.None;

        var nextAscii = FindWindow(printable, asciiFrom, stride: 1);
        var nextUtf16 = utf16Runs ? FindWindow(wide, utf16From, stride: 2) : -1;
        while (nextAscii >= 0 || nextUtf16 >= 0)
        {
            if (nextAscii >= 0 && (nextUtf16 < 0 || nextAscii < nextUtf16))
            {
                var start = nextAscii;
                var end = NextClear(printable, start + MinimumRun, length);
                var skip = continuing == Kind.Ascii && start == 0 ? MinimumRun : 0;
                System.Text.Ascii.ToUtf16(content[(start + skip)..end], output[written..], out var widened);
                written += widened;
                if (end == length && !final)
                {
                    return Carry(content, length - MinimumRun, Kind.Ascii, written);
                }

                output[written++] = '\n';
                asciiFrom = end;
                utf16From = Math.Max(utf16From, end - 1); // its last character may start a UTF-16 run
            }
            else
            {
                var start = nextUtf16;
                var end = start + (2 * MinimumRun);
                while (end + 1 < length && IsPrintable(content[end]) && content[end + 1] == 0)
                {
                    end += 2;
                }

                var skip = continuing == Kind.Utf16 && start == 0 ? MinimumRun : 0;
                for (var i = start + (2 * skip); i < end; i += 2)
                {
                    output[written++] = (char)content[i];
                }

                if (end >= length - 1 && !final)
                {
                    // Whether the run goes on is not known yet: its last eight characters (and a printable
                    // byte whose zero may come next) are kept.
                    return Carry(content, end - (2 * MinimumRun), Kind.Utf16, written);
                }

                output[written++] = '\n';
                utf16From = end;
                asciiFrom = Math.Max(asciiFrom, end);
            }

            continuing = Kind.None;
            if (nextAscii >= 0 && nextAscii < asciiFrom)
            {
                nextAscii = FindWindow(printable, asciiFrom, stride: 1);
            }

            if (nextUtf16 >= 0 && nextUtf16 < utf16From)
            {
                nextUtf16 = FindWindow(wide, utf16From, stride: 2);
            }
        }

        if (final)
        {
            _carry = 0;
            _asciiFrom = _utf16From = 0;
            return written;
        }

        // No run open: keep the bytes where one may still start (a window of eight not yet whole).
        var from = Math.Max(length - (2 * MinimumRun) + 1, Math.Min(asciiFrom, utf16From));
        from = Math.Clamp(from, 0, length);
        content[from..].CopyTo(_buffer);
        _carry = length - from;
        _asciiFrom = Math.Max(0, asciiFrom - from);
        _utf16From = Math.Max(0, utf16From - from);
        return written;
    }

    /// <summary>Keeps <paramref name="content"/> from <paramref name="from"/> on, where an open run's last eight characters start.</summary>
    private int Carry(ReadOnlySpan<byte> content, int from, Kind open, int written)
    {
        content[from..].CopyTo(_buffer);
        _carry = content.Length - from;
        _open = open;
        _asciiFrom = _utf16From = 0;
        return written;
    }

    /// <summary>Bit i of <paramref name="printable"/> is set when byte i is printable, of <paramref name="zero"/> when it is zero.</summary>
    /// <remarks>This and <see cref="FindWindow"/> are optimised from their first call: vector code is not kept ahead of time, and a build scans once.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MapBytes(ReadOnlySpan<byte> content, Span<ulong> printable, Span<ulong> zero)
    {
        printable.Clear();
        zero.Clear();
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var space = Vector256.Create((byte)0x20);
            var printableSpan = Vector256.Create((byte)(0x7F - 0x20));
            var tab = Vector256.Create((byte)'\t');
            ref var start = ref MemoryMarshal.GetReference(content);
            for (; i + 32 <= content.Length; i += 32)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                var isPrintable = Vector256.LessThan(v - space, printableSpan) | Vector256.Equals(v, tab);
                printable[i >> 6] |= (ulong)isPrintable.ExtractMostSignificantBits() << (i & 63);
                zero[i >> 6] |= (ulong)Vector256.Equals(v, Vector256<byte>.Zero).ExtractMostSignificantBits() << (i & 63);
            }
        }

        for (; i < content.Length; i++)
        {
            if (IsPrintable(content[i]))
            {
                printable[i >> 6] |= 1UL << (i & 63);
            }
            else if (content[i] == 0)
            {
                zero[i >> 6] |= 1UL << (i & 63);
            }
        }
    }

    /// <summary>Bit i is set when byte i is printable and byte i + 1 is zero: a UTF-16LE character of printable ASCII.</summary>
    private static void MapWideCharacters(ReadOnlySpan<ulong> printable, ReadOnlySpan<ulong> zero, Span<ulong> wide)
    {
        for (var k = 0; k < wide.Length; k++)
        {
            var nextZero = (zero[k] >> 1) | (k + 1 < zero.Length ? zero[k + 1] << 63 : 0);
            wide[k] = printable[k] & nextZero;
        }
    }

    /// <summary>
    /// The first position at or after <paramref name="from"/> where eight characters in a row start
    /// (bits <paramref name="stride"/> apart: 1 for ASCII, 2 for UTF-16); -1 if none.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FindWindow(ReadOnlySpan<ulong> bits, int from, int stride)
    {
        var words = bits.Length;
        for (var k = from >> 6; k < words; k++)
        {
            if (bits[k] == 0)
            {
                continue; // no window starts here (one that starts in the word before was seen there)
            }

            // Bits of this word and the next, so that a window across the two is seen.
            var pair = ((UInt128)(k + 1 < words ? bits[k + 1] : 0) << 64) | bits[k];
            pair &= pair >> stride;
            pair &= pair >> (2 * stride);
            pair &= pair >> (4 * stride);
            var starts = (ulong)pair;
            if (k == from >> 6)
            {
                starts &= ~0UL << (from & 63);
            }

            if (starts != 0)
            {
                return (k << 6) + BitOperations.TrailingZeroCount(starts);
            }
        }

        return -1;
    }

    /// <summary>The first clear bit at or after <paramref name="from"/>; <paramref name="length"/> if none.</summary>
    private static int NextClear(ReadOnlySpan<ulong> bits, int from, int length)
    {
        for (var k = from >> 6; k < bits.Length; k++)
        {
            var clear = ~bits[k];
            if (k == from >> 6)
            {
                clear &= ~0UL << (from & 63);
            }

            if (clear != 0)
            {
                return Math.Min(length, (k << 6) + BitOperations.TrailingZeroCount(clear));
            }
        }

        return length;
    }

    private static bool IsPrintable(byte b) => b is (>= 0x20 and <= 0x7E) or (byte)'\t';
}
