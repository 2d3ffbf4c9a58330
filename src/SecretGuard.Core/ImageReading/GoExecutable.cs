using System.Buffers.Binary;

namespace SecretGuard.ImageReading;

/// <summary>
/// A program built by the Go linker, told by its build ID note ("Go", type 4), which the linker puts in
/// the first page of every ELF executable it writes. Go programs are often the largest files of an image
/// (dockerd, kubectl, terraform: 50-100 MB) and are never .NET app hosts, single-file bundles or NativeAOT
/// apps, whose signatures can sit anywhere in the file: so a Go program need not be held whole to be
/// told apart, and its strings are streamed like any other binary's.
/// </summary>
internal static class GoExecutable
{
    /// <summary>How much of the file's start is read to find the note: the ELF header, program headers and notes come first.</summary>
    public const int HeadBytes = 4096;

    private const uint ProgramHeaderNote = 4; // PT_NOTE

    private const uint GoBuildIdNoteType = 4; // ELF_NOTE_GOBUILDID_TAG in Go's linker

    /// <summary>
    /// True when <paramref name="head"/> (the file's first bytes) is an ELF file with a note segment, wholly
    /// inside it, that holds Go's build ID note. Anything malformed, cut short or outside is simply not one.
    /// </summary>
    public static bool HasBuildIdNote(ReadOnlySpan<byte> head)
    {
        if (head.Length < 52 || head[0] != 0x7F || head[1] != (byte)'E' || head[2] != (byte)'L' || head[3] != (byte)'F')
        {
            return false;
        }

        // The class (1: 32-bit, 2: 64-bit) and the byte order (1: little-endian, 2: big-endian).
        if (head[4] is not (1 or 2) || head[5] is not (1 or 2))
        {
            return false;
        }

        var is64 = head[4] == 2;
        var big = head[5] == 2;
        if (head.Length < (is64 ? 64 : 52))
        {
            return false;
        }

        var elf = new Fields(head, big);
        var tableOffset = is64 ? elf.UInt64(0x20) : elf.UInt32(0x1C);
        var entrySize = (ulong)elf.UInt16(is64 ? 0x36 : 0x2A);
        var entries = (ulong)elf.UInt16(is64 ? 0x38 : 0x2C);
        if (entrySize < (is64 ? 56UL : 32UL) || tableOffset > (ulong)head.Length)
        {
            return false;
        }

        for (ulong i = 0; i < entries; i++)
        {
            // Compared in ulong, with no sum that can wrap: every value here is the file's to choose.
            var at = tableOffset + (i * entrySize);
            if (at > (ulong)head.Length || entrySize > (ulong)head.Length - at)
            {
                return false;
            }

            var entry = (int)at;
            if (elf.UInt32(entry) != ProgramHeaderNote)
            {
                continue;
            }

            var offset = is64 ? elf.UInt64(entry + 8) : elf.UInt32(entry + 4);
            var size = is64 ? elf.UInt64(entry + 32) : elf.UInt32(entry + 16);
            var align = is64 ? elf.UInt64(entry + 48) : elf.UInt32(entry + 28);
            if (offset <= (ulong)head.Length && size <= (ulong)head.Length - offset
                && HoldsGoNote(head.Slice((int)offset, (int)size), big, align == 8 ? 8 : 4))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Walks the notes of one note segment: name size, description size, type, then name and description, each padded to the segment's alignment.</summary>
    private static bool HoldsGoNote(ReadOnlySpan<byte> notes, bool bigEndian, int align)
    {
        var fields = new Fields(notes, bigEndian);
        var at = 0;
        while (notes.Length - at >= 12)
        {
            var nameSize = fields.UInt32(at);
            var descriptionSize = fields.UInt32(at + 4);
            var type = fields.UInt32(at + 8);
            var name = at + 12;
            var paddedName = Padded(nameSize, align);
            var paddedDescription = Padded(descriptionSize, align);
            if (paddedName > (ulong)(notes.Length - name) || paddedDescription > (ulong)(notes.Length - name) - paddedName)
            {
                return false;
            }

            if (type == GoBuildIdNoteType && nameSize is 3 or 4 && notes[name] == (byte)'G' && notes[name + 1] == (byte)'o' && notes[name + 2] == 0)
            {
                return true;
            }

            at = name + (int)paddedName + (int)paddedDescription;
        }

        return false;
    }

    private static ulong Padded(uint size, int align) => ((ulong)size + (ulong)align - 1) / (ulong)align * (ulong)align;

    /// <summary>Reads of one byte order, never past the span (callers check the bounds first).</summary>
    private readonly ref struct Fields(ReadOnlySpan<byte> bytes, bool bigEndian)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public ushort UInt16(int at) => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(_bytes[at..]) : BinaryPrimitives.ReadUInt16LittleEndian(_bytes[at..]);

        public uint UInt32(int at) => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(_bytes[at..]) : BinaryPrimitives.ReadUInt32LittleEndian(_bytes[at..]);

        public ulong UInt64(int at) => bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(_bytes[at..]) : BinaryPrimitives.ReadUInt64LittleEndian(_bytes[at..]);
    }
}
