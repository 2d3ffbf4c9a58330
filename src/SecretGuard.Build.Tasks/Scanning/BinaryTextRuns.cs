using System.Buffers;

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
    public int Extract(ReadOnlySpan<byte> chunk, Span<char> output)
    {
        var written = 0;
        var i = 0;
        while (i < chunk.Length)
        {
            var rest = chunk[i..];
            var printable = rest.IndexOfAnyExcept(Printable);
            var runLength = printable < 0 ? rest.Length : printable;
            if (runLength > 0)
            {
                written += Append(rest[..runLength], output[written..]);
            }

            if (printable < 0)
            {
                break; // the run may go on in the next chunk
            }

            written += EndRun(output[written..]);
            var next = rest[printable..].IndexOfAny(Printable);
            if (next < 0)
            {
                break;
            }

            i += printable + next;
        }

        return written;
    }

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
