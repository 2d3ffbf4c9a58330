using System.Text;

namespace SecretGuard.Tests.ImageReading;

/// <summary>
/// Builds tar streams byte by byte, including what no well-behaved writer produces (numbers that do not
/// fit, sparse maps, oversized names), so the reader can be tested on hostile input.
/// </summary>
internal static class RawTar
{
    public const string Ustar = "ustar\0" + "00";
    public const string Gnu = "ustar  \0";
    public const string V7 = "";

    /// <summary>One 512-byte header with a valid checksum; <paramref name="edit"/> can set any field before it is summed.</summary>
    public static byte[] Header(string name, char type, long size, string magic = Ustar, Action<byte[]>? edit = null)
    {
        var h = new byte[512];
        Encoding.UTF8.GetBytes(name).AsSpan(0, Math.Min(100, Encoding.UTF8.GetByteCount(name))).CopyTo(h);
        Octal(h, 100, 8, 420);
        Octal(h, 108, 8, 0);
        Octal(h, 116, 8, 0);
        Octal(h, 124, 12, size);
        Octal(h, 136, 12, 1_700_000_000);
        h[156] = (byte)type;
        Encoding.ASCII.GetBytes(magic).CopyTo(h, 257);
        edit?.Invoke(h);
        Checksum(h);
        return h;
    }

    /// <summary>Recomputes the checksum after a field was changed.</summary>
    public static void Checksum(byte[] h)
    {
        h.AsSpan(148, 8).Fill((byte)' ');
        var sum = h.Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(h, 148);
    }

    public static void Octal(byte[] h, int offset, int length, long value) =>
        Encoding.ASCII.GetBytes(Convert.ToString(value, 8).PadLeft(length - 1, '0') + "\0").CopyTo(h, offset);

    /// <summary>Data padded to whole blocks.</summary>
    public static byte[] Padded(byte[] data)
    {
        var padded = new byte[(data.Length + 511) / 512 * 512];
        data.CopyTo(padded, 0);
        return padded;
    }

    public static byte[] File(string name, string content, string magic = Ustar) =>
        [.. Header(name, '0', Encoding.UTF8.GetByteCount(content), magic), .. Padded(Encoding.UTF8.GetBytes(content))];

    /// <summary>A PAX extended header ('x') carrying the given records.</summary>
    public static byte[] Pax(params (string Key, string Value)[] records) => PaxHeader('x', records);

    /// <summary>A PAX global header ('g') carrying the given records.</summary>
    public static byte[] PaxGlobal(params (string Key, string Value)[] records) => PaxHeader('g', records);

    private static byte[] PaxHeader(char type, (string Key, string Value)[] records)
    {
        var data = new List<byte>();
        foreach (var (key, value) in records)
        {
            var body = Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value) + 3; // ' ', '=', '\n'
            var length = body + body.ToString().Length;
            if (length.ToString().Length != body.ToString().Length)
            {
                length++;
            }

            data.AddRange(Encoding.UTF8.GetBytes($"{length} {key}={value}\n"));
        }

        var bytes = data.ToArray();
        return [.. Header("PaxHeaders/" + type, type, bytes.Length), .. Padded(bytes)];
    }

    public static byte[] End => new byte[1024];

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}

/// <summary>
/// A stream of parts read one after the other, where a part can be a run of one byte of any length, so
/// a test can feed gigabytes (or an endless run) without holding them.
/// </summary>
internal sealed class PartsStream : SecretGuard.ImageReading.ForwardReadStream
{
    private readonly Queue<(byte[]? Bytes, byte Fill, long Length)> _parts = new();
    private long _offset;

    public PartsStream Add(byte[] bytes)
    {
        _parts.Enqueue((bytes, 0, bytes.Length));
        return this;
    }

    public PartsStream Add(byte fill, long length)
    {
        _parts.Enqueue((null, fill, length));
        return this;
    }

    public long BytesRead { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        while (_parts.Count > 0 && _offset == _parts.Peek().Length)
        {
            _parts.Dequeue();
            _offset = 0;
        }

        if (_parts.Count == 0 || buffer.IsEmpty)
        {
            return 0;
        }

        var (bytes, fill, length) = _parts.Peek();
        var n = (int)Math.Min(buffer.Length, length - _offset);
        if (bytes is null)
        {
            buffer[..n].Fill(fill);
        }
        else
        {
            bytes.AsSpan((int)_offset, n).CopyTo(buffer);
        }

        _offset += n;
        BytesRead += n;
        return n;
    }
}
