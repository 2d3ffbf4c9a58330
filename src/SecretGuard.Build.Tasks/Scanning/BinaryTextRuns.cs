using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SecretGuard.Scanning;

/// <summary>
/// The printable ASCII runs of binary content (what `strings` shows), fed chunk by chunk: a run across
/// two chunks is joined, a run shorter than <see cref="MinimumRun"/> is dropped, and each kept run ends
/// with a line break so that rules never see two runs as one token.
/// </summary>
internal sealed class BinaryTextRuns
{
    /// <summary>Shorter runs are noise in any binary; no credential the rules know is shorter.</summary>
    public const int MinimumRun = 8;

    private static readonly SearchValues<byte> Printable = SearchValues.Create(PrintableBytes());

    private readonly char[] _pending = new char[MinimumRun];
    private int _pendingLength;
    private bool _inLongRun;

    /// <summary>The most characters <see cref="Extract"/> writes for <paramref name="bytes"/> input bytes.</summary>
    public static int MaxChars(int bytes) => bytes + MinimumRun + (bytes / (MinimumRun + 1)) + 2;

    /// <summary>Writes the runs found in <paramref name="chunk"/> to <paramref name="output"/>; returns the characters written.</summary>
    /// <remarks>
    /// Compiled code is full of printable scraps of one to a few bytes, so visiting every run costs more
    /// than the rules do. Instead the chunk becomes a bit map of printable bytes (32 at a time), and only
    /// places where eight bits in a row are set are visited: in machine code there are few.
    /// </remarks>
    public int Extract(ReadOnlySpan<byte> chunk, Span<char> output)
    {
        if (chunk.IsEmpty)
        {
            return 0;
        }

        // The run at the chunk's start may go on from the previous chunk.
        var first = chunk.IndexOfAnyExcept(Printable);
        if (first < 0)
        {
            return Append(chunk, output);
        }

        var written = Append(chunk[..first], output);
        written += EndRun(output[written..]);

        var words = (chunk.Length + 63) / 64;
        var bits = ArrayPool<ulong>.Shared.Rent(words);
        try
        {
            MapPrintable(chunk, bits.AsSpan(0, words));
            var position = first;
            while (FindWindowOfEight(bits, words, position) is var start && start >= 0)
            {
                var end = NextNonPrintable(bits, words, start + MinimumRun, chunk.Length);
                written += Append(chunk[start..end], output[written..]);
                if (end == chunk.Length)
                {
                    return written; // may go on in the next chunk
                }

                written += EndRun(output[written..]);
                position = end;
            }

            // A short run at the end may still grow with the next chunk.
            var tail = chunk.LastIndexOfAnyExcept(Printable) + 1;
            if (tail < chunk.Length)
            {
                written += Append(chunk[tail..], output[written..]);
            }

            return written;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(bits);
        }
    }

    /// <summary>Bit i of the map is set when byte i is printable.</summary>
    /// <remarks>This and <see cref="FindWindowOfEight"/> are optimised from their first call: vector code is not kept ahead of time, and a build scans once.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MapPrintable(ReadOnlySpan<byte> chunk, Span<ulong> bits)
    {
        bits.Clear();
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var space = Vector256.Create((byte)0x20);
            var printableSpan = Vector256.Create((byte)(0x7F - 0x20));
            var tab = Vector256.Create((byte)'\t');
            ref var start = ref MemoryMarshal.GetReference(chunk);
            for (; i + 32 <= chunk.Length; i += 32)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                var printable = Vector256.LessThan(v - space, printableSpan) | Vector256.Equals(v, tab);
                bits[i >> 6] |= (ulong)printable.ExtractMostSignificantBits() << (i & 63);
            }
        }

        for (; i < chunk.Length; i++)
        {
            if (IsPrintable(chunk[i]))
            {
                bits[i >> 6] |= 1UL << (i & 63);
            }
        }
    }

    /// <summary>The first position at or after <paramref name="from"/> that starts eight printable bytes; -1 if none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FindWindowOfEight(ulong[] bits, int words, int from)
    {
        for (var k = from >> 6; k < words; k++)
        {
            // Bits of this word and the next, so that a window across the two is seen.
            var pair = ((UInt128)(k + 1 < words ? bits[k + 1] : 0) << 64) | bits[k];
            pair &= pair >> 1;
            pair &= pair >> 2;
            pair &= pair >> 4;
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

    /// <summary>The first non-printable position at or after <paramref name="from"/>; <paramref name="length"/> if none.</summary>
    private static int NextNonPrintable(ulong[] bits, int words, int from, int length)
    {
        for (var k = from >> 6; k < words; k++)
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

    /// <summary>Ends the content: a run still open is ended.</summary>
    public int Finish(Span<char> output) => EndRun(output);

    private int Append(ReadOnlySpan<byte> run, Span<char> output)
    {
        if (_inLongRun)
        {
            Widen(run, output);
            return run.Length;
        }

        if (_pendingLength + run.Length < MinimumRun)
        {
            Widen(run, _pending.AsSpan(_pendingLength));
            _pendingLength += run.Length;
            return 0;
        }

        // Long enough now: what was held back goes first.
        _pending.AsSpan(0, _pendingLength).CopyTo(output);
        Widen(run, output[_pendingLength..]);
        var written = _pendingLength + run.Length;
        _pendingLength = 0;
        _inLongRun = true;
        return written;
    }

    private int EndRun(Span<char> output)
    {
        _pendingLength = 0;
        if (!_inLongRun)
        {
            return 0;
        }

        _inLongRun = false;
        output[0] = '\n';
        return 1;
    }

    private static void Widen(ReadOnlySpan<byte> ascii, Span<char> output) => System.Text.Ascii.ToUtf16(ascii, output, out _);

    private static byte[] PrintableBytes()
    {
        var bytes = new List<byte> { (byte)'\t' };
        for (var b = 0x20; b <= 0x7E; b++)
        {
            bytes.Add((byte)b);
        }

        return [.. bytes];
    }
}
