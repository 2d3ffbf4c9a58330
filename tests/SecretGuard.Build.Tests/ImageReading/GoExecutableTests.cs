using System.Buffers.Binary;
using System.Text;
using SecretGuard.ImageReading;

namespace SecretGuard.Tests.ImageReading;

[TestClass]
public sealed class GoExecutableTests
{
    /// <summary>One ELF note: its owner's name, type and description.</summary>
    internal sealed record Note(string Name, uint Type, byte[] Description);

    private static readonly Note GnuProperty = new("GNU", 5, new byte[16]);
    private static readonly Note GnuBuildId = new("GNU", 3, new byte[20]);
    private static readonly Note AbiTag = new("GNU", 1, new byte[16]);
    internal static readonly Note GoBuildId = new("Go", 4, Encoding.ASCII.GetBytes("_Xk6hKRPwg546od6i7hi/JgDFYu36kv2MEd3etYum/bymNTM_1j7D28prGH2N6/R2gHhJXhaL5nJyhLwpQW"));

    /// <summary>
    /// An ELF executable laid out as linkers write them (and as dockerd is, checked with readelf): the
    /// header, the program headers (a PHDR, a LOAD, then one note segment per list of notes, the first
    /// 8-aligned as .note.gnu.property is), the notes, then <paramref name="body"/>.
    /// </summary>
    internal static byte[] Elf(bool is64, bool bigEndian, byte[] body, params Note[][] segments)
    {
        var headerSize = is64 ? 64 : 52;
        var entrySize = is64 ? 56 : 32;
        var entries = 2 + segments.Length;
        var notes = new List<(byte[] Bytes, int Align)>();
        for (var s = 0; s < segments.Length; s++)
        {
            var align = s == 0 && segments.Length > 1 ? 8 : 4;
            notes.Add((NoteBytes(segments[s], bigEndian, align), align));
        }

        var image = new List<byte>();
        var header = new byte[headerSize];
        "\u007FELF"u8.CopyTo(header);
        header[4] = (byte)(is64 ? 2 : 1);
        header[5] = (byte)(bigEndian ? 2 : 1);
        header[6] = 1;
        Put(header, is64 ? 0x20 : 0x1C, (ulong)headerSize, is64 ? 8 : 4, bigEndian);
        Put(header, is64 ? 0x36 : 0x2A, (ulong)entrySize, 2, bigEndian);
        Put(header, is64 ? 0x38 : 0x2C, (ulong)entries, 2, bigEndian);
        image.AddRange(header);

        var offset = headerSize + (entries * entrySize);
        image.AddRange(ProgramHeader(is64, bigEndian, 6, (ulong)headerSize, (ulong)(entries * entrySize), 8)); // PT_PHDR
        image.AddRange(ProgramHeader(is64, bigEndian, 1, 0, 0x1000, 0x1000)); // PT_LOAD
        var at = offset;
        foreach (var (bytes, align) in notes)
        {
            at = (at + align - 1) / align * align;
            image.AddRange(ProgramHeader(is64, bigEndian, 4, (ulong)at, (ulong)bytes.Length, (ulong)align));
            at += bytes.Length;
        }

        foreach (var (bytes, align) in notes)
        {
            while (image.Count % align != 0)
            {
                image.Add(0);
            }

            image.AddRange(bytes);
        }

        image.AddRange(body);
        return image.ToArray();
    }

    private static byte[] NoteBytes(Note[] notes, bool bigEndian, int align)
    {
        var bytes = new List<byte>();
        foreach (var note in notes)
        {
            var name = Encoding.ASCII.GetBytes(note.Name + "\0");
            var fields = new byte[12];
            Put(fields, 0, (ulong)name.Length, 4, bigEndian);
            Put(fields, 4, (ulong)note.Description.Length, 4, bigEndian);
            Put(fields, 8, note.Type, 4, bigEndian);
            bytes.AddRange(fields);
            bytes.AddRange(name);
            bytes.AddRange(new byte[((name.Length + align - 1) / align * align) - name.Length]);
            bytes.AddRange(note.Description);
            bytes.AddRange(new byte[((note.Description.Length + align - 1) / align * align) - note.Description.Length]);
        }

        return bytes.ToArray();
    }

    private static byte[] ProgramHeader(bool is64, bool bigEndian, uint type, ulong offset, ulong size, ulong align)
    {
        var entry = new byte[is64 ? 56 : 32];
        Put(entry, 0, type, 4, bigEndian);
        Put(entry, is64 ? 8 : 4, offset, is64 ? 8 : 4, bigEndian);
        Put(entry, is64 ? 32 : 16, size, is64 ? 8 : 4, bigEndian);
        Put(entry, is64 ? 48 : 28, align, is64 ? 8 : 4, bigEndian);
        return entry;
    }

    private static void Put(byte[] into, int at, ulong value, int width, bool bigEndian)
    {
        var span = into.AsSpan(at, width);
        switch (width)
        {
            case 2 when bigEndian: BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)value); break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value); break;
            case 4 when bigEndian: BinaryPrimitives.WriteUInt32BigEndian(span, (uint)value); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)value); break;
            case 8 when bigEndian: BinaryPrimitives.WriteUInt64BigEndian(span, value); break;
            default: BinaryPrimitives.WriteUInt64LittleEndian(span, value); break;
        }
    }

    /// <summary>As the Go linker lays out a cgo program such as dockerd: a GNU property note, then the build ID, ABI tag and Go notes.</summary>
    internal static byte[] GoProgram(byte[] body, bool is64 = true, bool bigEndian = false) =>
        Elf(is64, bigEndian, body, [GnuProperty], [GnuBuildId, AbiTag, GoBuildId]);

    private static bool IsGo(byte[] file) => GoExecutable.HasBuildIdNote(file.AsSpan(0, Math.Min(file.Length, GoExecutable.HeadBytes)));

    [TestMethod]
    public void A_Go_program_is_told_by_its_build_id_note_in_any_ELF_class_and_byte_order()
    {
        Assert.IsTrue(IsGo(GoProgram([])));
        Assert.IsTrue(IsGo(GoProgram([], is64: false)));
        Assert.IsTrue(IsGo(GoProgram([], bigEndian: true)));
        Assert.IsTrue(IsGo(GoProgram([], is64: false, bigEndian: true)));
        Assert.IsTrue(IsGo(Elf(is64: true, bigEndian: false, [], [GoBuildId])), "a pure-Go program: the Go note alone");
    }

    [TestMethod]
    public void Other_programs_and_notes_of_other_owners_are_not_Go()
    {
        Assert.IsFalse(IsGo(Elf(is64: true, bigEndian: false, [], [GnuProperty], [GnuBuildId, AbiTag])), "a C program: GNU notes only");
        Assert.IsFalse(IsGo(Elf(is64: true, bigEndian: false, [], [new Note("Go", 1, new byte[8])])), "Go's owner name with another type");
        Assert.IsFalse(IsGo(Elf(is64: true, bigEndian: false, [], [new Note("Gopher", 4, new byte[8])])), "another owner starting with Go");
        Assert.IsFalse(IsGo(Elf(is64: true, bigEndian: false, Encoding.ASCII.GetBytes("\u0004\0\0\0\u0053\0\0\0\u0004\0\0\0Go\0\0"), [GnuBuildId])),
            "the note's bytes outside any note segment (as a string in the data) do not count");
        Assert.IsFalse(IsGo("MZ\u0090\0"u8.ToArray().Concat(new byte[200]).ToArray()));
    }

    [TestMethod]
    public void The_dotnet_host_of_this_machine_is_not_Go()
    {
        // A real ELF executable written by a C++ linker: the host every .NET app host is built from.
        var host = Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", "..", "dotnet");
        Assert.IsTrue(File.Exists(host), host);
        var head = new byte[GoExecutable.HeadBytes];
        using (var file = File.OpenRead(host))
        {
            file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        Assert.IsTrue(head.AsSpan().StartsWith("\u007FELF"u8) || head.AsSpan().StartsWith("MZ"u8) || head[0] == 0xCF, "an executable");
        Assert.IsFalse(GoExecutable.HasBuildIdNote(head));
    }

    [TestMethod]
    public void A_note_segment_past_or_across_the_head_is_not_read()
    {
        var program = GoProgram(new byte[GoExecutable.HeadBytes]);
        Assert.IsTrue(IsGo(program));

        // Cut inside the Go note: the segment no longer fits what was read.
        var goNoteEnd = program.AsSpan(0, 1024).IndexOf("Go\0\0"u8) + 4;
        Assert.IsFalse(GoExecutable.HasBuildIdNote(program.AsSpan(0, goNoteEnd)));

        // The note segment moved past the head (its program header pointing there).
        var moved = (byte[])program.Clone();
        var noteHeader = 64 + (3 * 56); // the second note segment's program header
        BinaryPrimitives.WriteUInt64LittleEndian(moved.AsSpan(noteHeader + 8), GoExecutable.HeadBytes + 16UL);
        Assert.IsFalse(IsGo(moved));
    }

    [TestMethod]
    public void Malformed_headers_are_not_Go_and_never_throw()
    {
        var program = GoProgram([]);
        foreach (var (at, value, width) in new (int, ulong, int)[]
        {
            (0x20, ulong.MaxValue, 8), // program headers at the end of the address space
            (0x20, 0xFFFF_FFFF_FFFF_FFC0, 8),
            (0x36, 8, 2), // an entry smaller than a program header
            (64 + (3 * 56) + 8, ulong.MaxValue - 4, 8), // a note segment's offset near the top
            (64 + (3 * 56) + 32, ulong.MaxValue, 8), // and its size
        })
        {
            var bad = (byte[])program.Clone();
            Put(bad, at, value, width, bigEndian: false);
            Assert.IsFalse(IsGo(bad), $"{at:x}={value:x}");
        }

        // More entries than the head holds: those in it are read, the walk stops where the head ends.
        var many = (byte[])program.Clone();
        Put(many, 0x38, 0xFFFF, 2, bigEndian: false);
        Assert.IsTrue(IsGo(many));
        Put(many, 64 + (3 * 56), 0, 4, bigEndian: false); // the Go note's segment no longer a note segment
        Assert.IsFalse(IsGo(many));

        // Note sizes that claim more than the segment: the walk stops there.
        var notesStart = program.AsSpan().IndexOf("GNU\0"u8) - 12;
        foreach (var field in new[] { 0, 4 })
        {
            var bad = (byte[])program.Clone();
            var second = program.AsSpan(notesStart + 32).IndexOf("GNU\0"u8) + notesStart + 32 - 12; // the build ID note, first of the second segment
            Put(bad, second + field, uint.MaxValue, 4, bigEndian: false);
            Assert.IsFalse(IsGo(bad), $"size field {field}");
        }

        for (var length = 0; length < 400; length++)
        {
            GoExecutable.HasBuildIdNote(program.AsSpan(0, Math.Min(length, program.Length)));
        }
    }

    [TestMethod]
    public void Fifty_thousand_mutated_heads_never_throw()
    {
        var random = new Random(29);
        var seeds = new[] { GoProgram([]), GoProgram([], is64: false, bigEndian: true), Elf(true, false, [], [GnuBuildId]) };
        var told = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var head = (byte[])seeds[i % seeds.Length].Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                head[random.Next(head.Length)] = (byte)random.Next(256);
            }

            told += GoExecutable.HasBuildIdNote(head.AsSpan(0, random.Next(head.Length + 1))) ? 1 : 0;
        }

        Assert.IsGreaterThan(0, told, "mutations that keep the note are still told");
    }
}
