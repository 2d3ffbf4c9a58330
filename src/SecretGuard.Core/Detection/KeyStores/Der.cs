namespace SecretGuard.Detection.KeyStores;

/// <summary>
/// The little of DER that reading a key store's outline needs: definite-length TLVs. Every read is
/// bounds-checked; malformed input throws <see cref="InvalidDataException"/>, never reads past the data.
/// </summary>
internal static class Der
{
    public const byte Sequence = 0x30;
    public const byte Set = 0x31;
    public const byte Integer = 0x02;
    public const byte OctetString = 0x04;
    public const byte ConstructedOctetString = 0x24;
    public const byte ObjectIdentifier = 0x06;
    public const byte ContextZero = 0xA0;

    /// <summary>Reads the element at the start of <paramref name="data"/>: its tag, its content, and what follows it.</summary>
    public static (byte Tag, ReadOnlyMemory<byte> Content, ReadOnlyMemory<byte> After) Read(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        if (span.Length < 2)
        {
            throw new InvalidDataException("the DER data ends inside an element header");
        }

        var tag = span[0];
        if ((tag & 0x1F) == 0x1F)
        {
            throw new InvalidDataException("the DER data uses a multi-byte tag, which no key store does");
        }

        int length;
        var header = 2;
        if ((span[1] & 0x80) == 0)
        {
            length = span[1];
        }
        else
        {
            var count = span[1] & 0x7F;
            if (count is 0 or > 3)
            {
                throw new InvalidDataException(count == 0 ? "the DER data uses an indefinite length (BER)" : "a DER length is out of range");
            }

            if (span.Length < 2 + count)
            {
                throw new InvalidDataException("the DER data ends inside a length");
            }

            length = 0;
            for (var i = 0; i < count; i++)
            {
                length = (length << 8) | span[2 + i];
            }

            header += count;
        }

        if (length > span.Length - header)
        {
            throw new InvalidDataException("a DER element is longer than the data that holds it");
        }

        return (tag, data.Slice(header, length), data[(header + length)..]);
    }

    /// <summary>Reads an element that must have <paramref name="tag"/>.</summary>
    public static (ReadOnlyMemory<byte> Content, ReadOnlyMemory<byte> After) Expect(ReadOnlyMemory<byte> data, byte tag, string what)
    {
        var (actual, content, rest) = Read(data);
        if (actual != tag)
        {
            throw new InvalidDataException($"{what} is not where the format puts it (tag 0x{actual:X2}, expected 0x{tag:X2})");
        }

        return (content, rest);
    }

    /// <summary>The elements of a SEQUENCE's or SET's content, in order.</summary>
    public static List<(byte Tag, ReadOnlyMemory<byte> Content)> Elements(ReadOnlyMemory<byte> content)
    {
        var elements = new List<(byte, ReadOnlyMemory<byte>)>();
        while (!content.IsEmpty)
        {
            var (tag, element, rest) = Read(content);
            elements.Add((tag, element));
            content = rest;
        }

        return elements;
    }

    /// <summary>Writers that segment an OCTET STRING do it once; deeper nesting is no key store's.</summary>
    public const int MaxOctetStringNesting = 8;

    /// <summary>
    /// An OCTET STRING's bytes, primitive or constructed from segments (as some writers do). Walked with an
    /// explicit stack, bounded at <see cref="MaxOctetStringNesting"/> levels: the nesting is the file's to
    /// choose, and hundreds of thousands of levels must not overflow the stack.
    /// </summary>
    public static ReadOnlyMemory<byte> OctetStringValue(byte tag, ReadOnlyMemory<byte> content)
    {
        if (tag == OctetString)
        {
            return content;
        }

        if (tag != ConstructedOctetString)
        {
            throw new InvalidDataException($"an OCTET STRING was expected (tag 0x{tag:X2})");
        }

        using var joined = new MemoryStream();
        var pending = new Stack<ReadOnlyMemory<byte>>();
        pending.Push(content);
        while (pending.TryPeek(out var rest))
        {
            if (rest.IsEmpty)
            {
                pending.Pop();
                continue;
            }

            var (segmentTag, segment, after) = Read(rest);
            pending.Pop();
            pending.Push(after);
            if (segmentTag == OctetString)
            {
                joined.Write(segment.Span);
            }
            else if (segmentTag != ConstructedOctetString)
            {
                throw new InvalidDataException($"a segment of an OCTET STRING is not one (tag 0x{segmentTag:X2})");
            }
            else if (pending.Count > MaxOctetStringNesting)
            {
                throw new InvalidDataException($"an OCTET STRING is segmented more than {MaxOctetStringNesting} levels deep");
            }
            else
            {
                pending.Push(segment);
            }
        }

        return joined.ToArray();
    }
}
