using System.Buffers.Binary;
using System.Text;

namespace SecretGuard.Scanning;

/// <summary>
/// Reads the string entries of a compiled .resources blob (what a .resx becomes inside an assembly),
/// straight from its bytes: no deserialisation, no type loading, nothing allocated for entries that are
/// not strings. The framework's ResourceReader looks every name up again by hash and takes a lock per
/// entry, which made resources most of an assembly's scan time.
/// </summary>
/// <remarks>
/// Layout: a resource manager header (magic 0xBEEFCACE, version, size of the rest, skipped); a reader
/// header (version 1 or 2, entry count, type names), padding to 8 bytes, name hashes, name positions,
/// the data section's offset; the names (7-bit length, UTF-16 name, data offset); then the data, each
/// entry a type (version 2: a type code, 1 = string; version 1: an index into the type names) and a
/// value (for a string: 7-bit length and UTF-8, as BinaryWriter writes it).
/// </remarks>
internal static class ResourcesBlob
{
    private const uint Magic = 0xBEEFCACE;
    private const int StringTypeCode = 1;
    private const int ByteArrayTypeCode = 0x20;
    private const int StreamTypeCode = 0x21;

    /// <summary>The (name, value) of every string entry, in the file's order; empty when the blob is not a .resources file this reader knows.</summary>
    /// <exception cref="InvalidDataException">Its entries point at the same bytes over and over (see below).</exception>
    /// <param name="byteEntries">Receives the (name, start, length) in the blob of each byte[] or stream entry (version 2, what a .resx file reference to a .pfx becomes), for reading as a file.</param>
    public static List<(string Name, string Value)> ReadStrings(ReadOnlySpan<byte> blob, List<(string Name, int Start, int Length)>? byteEntries = null)
    {
        // Each entry's name and value are read where its positions say: in a .resources file a writer
        // makes, each once, so they add up to less than the blob. A million entries pointing at one large
        // string would make terabytes of strings: past twice the blob, it is not read further.
        var budget = (2L * blob.Length) + 4096;
        var entries = new List<(string, string)>();
        var reader = new Reader(blob);
        if (!reader.TryInt32(out var magic) || (uint)magic != Magic
            || !reader.TryInt32(out _) || !reader.TryInt32(out var managerHeaderBytes) || !reader.Skip(managerHeaderBytes)
            || !reader.TryInt32(out var version) || version is not (1 or 2)
            || !reader.TryInt32(out var count) || count < 0 || !reader.TryInt32(out var typeCount) || typeCount < 0)
        {
            return entries;
        }

        var stringTypes = new bool[Math.Min(typeCount, blob.Length)];
        for (var t = 0; t < typeCount; t++)
        {
            if (!reader.TryString(Encoding.UTF8, out var typeName))
            {
                return entries;
            }

            if (t < stringTypes.Length)
            {
                stringTypes[t] = typeName.StartsWith("System.String", StringComparison.Ordinal);
            }
        }

        if (!reader.Skip((8 - (reader.Position & 7)) & 7) || !reader.Skip(4L * count))
        {
            return entries;
        }

        var positionsAt = reader.Position;
        if (!reader.Skip(4L * count) || !reader.TryInt32(out var dataSection) || dataSection < 0 || dataSection > blob.Length)
        {
            return entries;
        }

        var namesAt = reader.Position;
        for (var i = 0; i < count; i++)
        {
            var namePosition = BinaryPrimitives.ReadInt32LittleEndian(blob[(int)(positionsAt + (4L * i))..]);
            var entry = new Reader(blob) { Position = namesAt + (long)namePosition };
            if (namePosition < 0 || !entry.TryString(Encoding.Unicode, out var name) || !entry.TryInt32(out var dataOffset) || dataOffset < 0)
            {
                continue;
            }

            budget -= 2L * name.Length;

            var data = new Reader(blob) { Position = (long)dataSection + dataOffset };
            if (!data.TryCompactInt(out var type))
            {
                continue;
            }

            var isString = version == 2 ? type == StringTypeCode : type >= 0 && type < stringTypes.Length && stringTypes[type];
            if (isString && data.TryString(Encoding.UTF8, out var value))
            {
                budget -= value.Length;
                entries.Add((name, value));
            }
            else if (byteEntries is not null && version == 2 && type is ByteArrayTypeCode or StreamTypeCode
                && data.TryInt32(out var byteLength) && byteLength >= 0 && data.Position + byteLength <= blob.Length)
            {
                budget -= byteLength;
                byteEntries.Add((name, (int)data.Position, byteLength));
            }

            if (budget < 0)
            {
                throw new InvalidDataException($"the .resources entries point at the same bytes over and over: entries from {i + 1} of {count} on were not read");
            }
        }

        return entries;
    }

    /// <summary>Bounds-checked little-endian reads; every read reports failure rather than throwing.</summary>
    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public long Position { get; set; }

        public bool Skip(long count)
        {
            if (count < 0 || Position + count > _bytes.Length)
            {
                return false;
            }

            Position += count;
            return true;
        }

        public bool TryInt32(out int value)
        {
            value = 0;
            if (Position < 0 || Position + 4 > _bytes.Length)
            {
                return false;
            }

            value = BinaryPrimitives.ReadInt32LittleEndian(_bytes[(int)Position..]);
            Position += 4;
            return true;
        }

        /// <summary>BinaryWriter's 7-bit encoded int.</summary>
        public bool TryCompactInt(out int value)
        {
            value = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                if (Position < 0 || Position >= _bytes.Length)
                {
                    return false;
                }

                var b = _bytes[(int)Position++];
                value |= (b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value >= 0;
                }
            }

            return false;
        }

        /// <summary>A length-prefixed string (the length in bytes, 7-bit encoded).</summary>
        public bool TryString(Encoding encoding, out string value)
        {
            value = "";
            if (!TryCompactInt(out var length) || Position + length > _bytes.Length)
            {
                return false;
            }

            value = encoding.GetString(_bytes.Slice((int)Position, length));
            Position += length;
            return true;
        }
    }
}
