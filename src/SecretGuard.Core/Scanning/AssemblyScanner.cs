using System.Buffers.Binary;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.Findings;

namespace SecretGuard.Scanning;

/// <summary>Where in an assembly's metadata a literal lives.</summary>
internal enum LiteralKind
{
    /// <summary>The #US heap: every string literal the IL loads with ldstr (including inlined consts).</summary>
    UserString,

    /// <summary>The Constant table: a const field's value, present even when no code uses it.</summary>
    Constant,

    /// <summary>A custom attribute's argument blob.</summary>
    AttributeArgument,

    /// <summary>An embedded resource: a .resources string entry, or an embedded file such as appsettings.json.</summary>
    Resource,
}

/// <summary>A credential in a managed assembly's metadata. <see cref="Secret"/> stays in memory only, for locating the source.</summary>
/// <param name="CodeLocation">For a literal the code loads: the line of the first load, from the assembly's portable PDB.</param>
/// <param name="LiteralIndex">Which collected literal it was found in (user strings come first, in heap order).</param>
internal sealed record AssemblyHit(SecretRule Rule, SecretMatch Match, string Redacted, LiteralKind Kind, string Member, string Secret, SourceLocation? CodeLocation = null, int LiteralIndex = -1)
{
    public override string ToString() => $"AssemblyHit {{ {Rule.Id}, {Kind}, {Member}, {Redacted} }}";
}

/// <summary>An embedded resource that is not text: where its bytes lie in the assembly's image, for the file scanner to read as a file.</summary>
/// <remarks>A class: a list of a struct of this assembly is compiled on the spot in every build, one of a class is shared code compiled ahead of time.</remarks>
internal sealed record EmbeddedFile(string Name, int Start, int Length);

/// <summary>
/// A literal read from an assembly. Where it sits (its member, or its resource and key) is kept as handles
/// and names and spelt out only for a literal that holds a credential: most literals never need it.
/// </summary>
internal readonly record struct Literal(string Text, LiteralKind Kind, EntityHandle Parent = default, string? Resource = null, string? Key = null)
{
    public string Member(MetadataReader metadata) => Kind switch
    {
        LiteralKind.Resource => Key is null ? Resource ?? "" : $"{Resource}:{Key}",
        LiteralKind.UserString => "",
        _ => AssemblyScanner.MemberName(metadata, Parent),
    };
}

/// <summary>
/// Reads the string literals of a .NET assembly from its metadata (no loading, no reflection) and runs
/// the rules on them: the #US heap, const fields and custom attribute arguments. Text scanners miss these
/// because they are UTF-16 inside a binary file.
/// </summary>
internal sealed class AssemblyScanner(RuleSet rules)
{
    /// <summary>
    /// The largest executable read whole into memory (an assembly's metadata, a single-file bundle's
    /// manifest and a NativeAOT image's literals need random access). Managed assemblies are far smaller
    /// (System.Private.CoreLib, the largest in the shared framework, is about 15 MB); the largest real
    /// files read whole are self-contained single-file bundles, about 70 to 150 MB unpacked. 256 MB holds
    /// those with room to spare while a scanning thread holds at most one such buffer: 512 MB, as it was,
    /// let two crafted 500 MB "MZ" files take a publish past 1 GB. A larger file is never read whole: a
    /// managed one is reported as not fully checked (see <see cref="IsManagedPe"/>), any other is read for
    /// its text runs, streamed.
    /// </summary>
    public const long MaxAssemblyBytes = 256L << 20;

    /// <summary>How many leading bytes <see cref="IsManagedPe"/> needs to tell, for any PE a linker writes.</summary>
    public const int PeHeadBytes = 4096;

    /// <summary>True when the leading bytes are a PE image ("MZ").</summary>
    public static bool LooksLikePe(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == (byte)'M' && head[1] == (byte)'Z';

    /// <summary>
    /// Whether the PE file whose first bytes are <paramref name="head"/> holds .NET metadata (its CLI header
    /// directory is set), from its headers alone, so that a file too large to read whole is told apart
    /// without reading it: true for a managed assembly, false for a native PE (a Windows DLL, an app host),
    /// null when the headers do not fit in <paramref name="head"/> or are not a PE's (treat as managed: an
    /// unread assembly is reported, never passed). <see cref="PeHeadBytes"/> bytes are enough for any PE a
    /// linker writes.
    /// </summary>
    public static bool? IsManagedPe(ReadOnlySpan<byte> head)
    {
        if (!LooksLikePe(head) || head.Length < 0x40)
        {
            return null;
        }

        var pe = BinaryPrimitives.ReadInt32LittleEndian(head[0x3C..]);
        if (pe < 0x40 || pe > head.Length - 24 || BinaryPrimitives.ReadUInt32LittleEndian(head[pe..]) != 0x00004550)
        {
            return null; // "PE\0\0" is not where the DOS header says, or past what was read
        }

        var optionalHeaderSize = BinaryPrimitives.ReadUInt16LittleEndian(head[(pe + 20)..]);
        var optional = pe + 24;
        if (optionalHeaderSize < 2 || optional > head.Length - 2)
        {
            return null;
        }

        var (rvaCountAt, directoriesAt) = BinaryPrimitives.ReadUInt16LittleEndian(head[optional..]) switch
        {
            0x10B => (92, 96), // PE32
            0x20B => (108, 112), // PE32+
            _ => (-1, -1),
        };
        const int CliHeader = 14;
        var cliAt = optional + directoriesAt + (CliHeader * 8);
        if (rvaCountAt < 0 || directoriesAt + ((CliHeader + 1) * 8) > optionalHeaderSize || cliAt > head.Length - 8)
        {
            return rvaCountAt < 0 ? null : false; // no room for a CLI header directory: native
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(head[(optional + rvaCountAt)..]) <= CliHeader)
        {
            return false;
        }

        return BinaryPrimitives.ReadUInt32LittleEndian(head[cliAt..]) != 0 && BinaryPrimitives.ReadUInt32LittleEndian(head[(cliAt + 4)..]) != 0;
    }

    /// <summary>The hits in the assembly, or null when the PE file has no .NET metadata (a native binary).</summary>
    /// <param name="sideBySidePdb">Opens the assembly's .pdb, when it sits beside it.</param>
    /// <param name="sourceFiles">The project's sources, to resolve PDB documents built under another path.</param>
    public List<AssemblyHit>? Scan(byte[] image, Func<Stream?>? sideBySidePdb = null, IReadOnlyList<string>? sourceFiles = null) =>
        Scan(image, image.Length, sideBySidePdb, sourceFiles);

    /// <summary>The hits in the assembly held in the first <paramref name="length"/> bytes of <paramref name="image"/> (a pooled buffer).</summary>
    /// <param name="otherResources">Receives the embedded resources that are not read as text here (see <see cref="CollectResources"/>).</param>
    /// <param name="notRead">Receives the image's byte ranges where data the metadata reader does not read can lie (see <see cref="DataOutsideMetadata"/>).</param>
    public unsafe List<AssemblyHit>? Scan(byte[] image, int length, Func<Stream?>? sideBySidePdb = null, IReadOnlyList<string>? sourceFiles = null, List<EmbeddedFile>? otherResources = null, List<(int Start, int Length)>? notRead = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, image.Length);
        if (length == 0)
        {
            throw new BadImageFormatException("The file is empty."); // what a reader of an empty stream reports
        }

        // Read in place: over a stream, the reader copies the metadata, and the code section for a PDB's
        // method bodies, into native memory of its own for each assembly (memory touched for the first
        // time: page faults, docs/performance.md). Nothing read here outlives the pinned buffer.
        fixed (byte* start = image)
        {
            using var pe = new PEReader(start, length);
            return Scan(pe, image, length, sideBySidePdb, sourceFiles, otherResources, notRead);
        }
    }

    private List<AssemblyHit>? Scan(PEReader pe, byte[] image, int length, Func<Stream?>? sideBySidePdb, IReadOnlyList<string>? sourceFiles, List<EmbeddedFile>? otherResources, List<(int Start, int Length)>? notRead)
    {
        if (!pe.HasMetadata)
        {
            return null;
        }

        MetadataReader metadata;
        try
        {
            metadata = pe.GetMetadataReader();
        }
        catch (Exception e) when (e is BadImageFormatException or OverflowException)
        {
            return null; // OverflowException: the runtime's reader on metadata whose stream headers overflow (found by fuzzing)
        }


        // The lists are the scanner's from one assembly to the next (a scanner belongs to one thread): grown
        // afresh for each, a large assembly's went through the large-object heap at every doubling.
        var literals = Interlocked.Exchange(ref _spareLiterals, null) ?? [];
        var userStrings = Interlocked.Exchange(ref _spareOffsets, null) ?? [];
        try
        {
            var budget = new LiteralBudget(length);
            CollectUserStrings(metadata, literals, userStrings);
            CollectConstants(metadata, literals, budget);
            CollectAttributeArguments(metadata, literals, budget);
            var resourcesRead = notRead is null ? null : new List<(int Start, int Length)>();
            CollectResources(pe, metadata, image, length, literals, budget, otherResources, resourcesRead);
            if (notRead is not null)
            {
                // Added one by one: AddRange and the other List<(int, int)> members not used so far would each be compiled in every build.
                foreach (var range in DataOutsideMetadata(pe, metadata, image, length, resourcesRead!))
                {
                    notRead.Add(range);
                }
            }
            var hits = ScanLiterals(metadata, literals);
            return hits.Any(h => h.Kind == LiteralKind.UserString) ? LocateLoads(pe, metadata, hits, userStrings, sideBySidePdb, sourceFiles ?? [], length) : hits;
        }
        finally
        {
            literals.Clear();
            userStrings.Clear();
            if (literals.Capacity <= MaxSpareLiterals)
            {
                _spareLiterals = literals;
                _spareOffsets = userStrings;
            }
        }
    }

    /// <summary>
    /// Where an assembly holds data that its metadata and managed resources (read above) are not: field data
    /// (C# 11's <c>"..."u8</c> literals and initialised arrays live in <c>&lt;PrivateImplementationDetails&gt;</c>
    /// fields at an RVA, not in #US), Win32 resources, and every byte no section's content claims: the
    /// headers, gaps and padding between sections, and the overlay after the last one (a certificate table,
    /// or bytes appended to the file). IL and native code are not data and are left out: in the shared
    /// framework these ranges are about 4 MB of 89 MB, so reading them for their strings costs little. In
    /// increasing order, not overlapping, none of them metadata or a managed resource read.
    /// </summary>
    /// <param name="resourcesRead">Where the managed resources read lie, each with its length prefix (added to).</param>
    internal static List<(int Start, int Length)> DataOutsideMetadata(PEReader pe, MetadataReader metadata, byte[] image, int length, List<(int Start, int Length)> resourcesRead)
    {
        // Ranges as (start, length) of ints, as the rules' spans are: the same list type and sort, nothing more to compile.
        var headers = pe.PEHeaders;
        var sections = headers.SectionHeaders;
        var data = new List<(int Start, int Length)>();

        // What no section's content claims: the complement of each section's raw data up to its virtual size.
        var contents = new List<(int Start, int Length)>(sections.Length);
        for (var i = 0; i < sections.Length; i++)
        {
            var section = sections[i];
            AddClamped(contents, section.PointerToRawData, Math.Min(section.SizeOfRawData, Math.Max(section.VirtualSize, 0)), length);
        }

        foreach (var range in Subtract(new List<(int Start, int Length)> { (0, length) }, Merged(contents)))
        {
            data.Add(range);
        }

        var win32 = headers.PEHeader?.ResourceTableDirectory ?? default;
        if (win32.Size > 0 && headers.TryGetDirectoryOffset(win32, out var win32At))
        {
            AddClamped(data, win32At, win32.Size, length);
        }

        AddFieldData(metadata, headers, image, length, data);

        if (headers.MetadataSize > 0)
        {
            AddClamped(resourcesRead, headers.MetadataStartOffset, headers.MetadataSize, length);
        }

        return Subtract(Merged(data), Merged(resourcesRead));
    }

    /// <summary>
    /// The data of each field with an RVA (the FieldRVA table), as long as its type says: a primitive, or a
    /// value type of this assembly with an explicit size (<c>__StaticArrayInitTypeSize=N</c>). Data of a size
    /// not known that way runs to the next field's data in its section, or to the section's end.
    /// </summary>
    private static void AddFieldData(MetadataReader metadata, PEHeaders headers, byte[] image, int length, List<(int Start, int Length)> data)
    {
        var rows = metadata.GetTableRowCount(TableIndex.FieldRva);
        if (rows == 0)
        {
            return;
        }

        var rowSize = metadata.GetTableRowSize(TableIndex.FieldRva);
        var table = (long)headers.MetadataStartOffset + metadata.GetTableMetadataOffset(TableIndex.FieldRva);
        var fieldIndexBytes = metadata.GetTableRowCount(TableIndex.Field) < 1 << 16 ? 2 : 4;
        if (table < 0 || table + ((long)rows * rowSize) > length || rowSize < 4 + fieldIndexBytes)
        {
            return;
        }

        // (file offset, size or -1), in the order of their offsets.
        var fields = new List<(int Start, int Length)>(rows);
        for (var row = 0; row < rows; row++)
        {
            var at = (int)(table + ((long)row * rowSize));
            var rva = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(at));
            var field = fieldIndexBytes == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(at + 4)) : BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(at + 4));
            if (FileOffset(headers, rva, length) is var (offset, _) && offset >= 0)
            {
                fields.Add((offset, FieldDataSize(metadata, field)));
            }
        }

        fields.Sort();
        for (var i = 0; i < fields.Count; i++)
        {
            var (start, size) = fields[i];
            var sectionEnd = FileOffset(headers, start, length, isOffset: true).SectionEnd;
            var next = i + 1;
            while (next < fields.Count && fields[next].Start == start)
            {
                next++;
            }

            var end = next < fields.Count && fields[next].Start < sectionEnd ? fields[next].Start : sectionEnd;
            data.Add((start, (int)Math.Min(size < 0 ? end - start : size, sectionEnd - start)));
        }
    }

    /// <summary>
    /// Where an RVA (or, with <paramref name="isOffset"/>, a file offset) lies in the file, and where its section's
    /// bytes in the file end; (-1, 0) outside every section's bytes in the file (its part there is zeros).
    /// </summary>
    private static (int Offset, int SectionEnd) FileOffset(PEHeaders headers, int address, int length, bool isOffset = false)
    {
        var sections = headers.SectionHeaders;
        for (var i = 0; i < sections.Length; i++)
        {
            var section = sections[i];
            var start = isOffset ? section.PointerToRawData : section.VirtualAddress;
            if (address >= start && (long)address - start < section.SizeOfRawData)
            {
                var offset = isOffset ? address : section.PointerToRawData + (address - section.VirtualAddress);
                var end = (int)Math.Min((long)section.PointerToRawData + section.SizeOfRawData, length);
                return offset >= 0 && offset < end ? (offset, end) : (-1, 0);
            }
        }

        return (-1, 0);
    }

    /// <summary>The size of a field's data from its signature, or -1 when it does not say.</summary>
    private static int FieldDataSize(MetadataReader metadata, int field)
    {
        try
        {
            var signature = metadata.GetBlobReader(metadata.GetFieldDefinition(MetadataTokens.FieldDefinitionHandle(field)).Signature);
            if (signature.ReadByte() != 0x06)
            {
                return -1;
            }

            var type = signature.ReadByte();
            while (type is 0x1F or 0x20)
            {
                signature.ReadCompressedInteger(); // a custom modifier's type
                type = signature.ReadByte();
            }

            return type switch
            {
                0x02 or 0x04 or 0x05 => 1, // bool, sbyte, byte
                0x03 or 0x06 or 0x07 => 2, // char, short, ushort
                0x08 or 0x09 or 0x0C => 4, // int, uint, float
                0x0A or 0x0B or 0x0D or 0x18 or 0x19 => 8, // long, ulong, double, nint, nuint
                0x11 when signature.ReadTypeHandle() is { Kind: HandleKind.TypeDefinition } handle => metadata.GetTypeDefinition((TypeDefinitionHandle)handle).GetLayout().Size is var size && size > 0 ? size : -1,
                _ => -1,
            };
        }
        catch (BadImageFormatException)
        {
            return -1;
        }
    }

    private static void AddClamped(List<(int Start, int Length)> ranges, long start, long size, int length)
    {
        var from = Math.Max(start, 0);
        var to = Math.Min(start + size, length);
        if (to > from)
        {
            ranges.Add(((int)from, (int)(to - from)));
        }
    }

    /// <summary>The ranges sorted, those that overlap or touch made one.</summary>
    private static List<(int Start, int Length)> Merged(List<(int Start, int Length)> ranges)
    {
        ranges.Sort();
        var merged = new List<(int Start, int Length)>(ranges.Count);
        foreach (var (start, size) in ranges)
        {
            if (merged.Count > 0 && start <= merged[^1].Start + merged[^1].Length)
            {
                var last = merged[^1];
                merged[^1] = (last.Start, Math.Max(last.Length, start + size - last.Start));
            }
            else
            {
                merged.Add((start, size));
            }
        }

        return merged;
    }

    /// <summary>What of <paramref name="ranges"/> <paramref name="removed"/> does not cover (both merged).</summary>
    private static List<(int Start, int Length)> Subtract(List<(int Start, int Length)> ranges, List<(int Start, int Length)> removed)
    {
        var result = new List<(int Start, int Length)>();
        var r = 0;
        foreach (var (start, size) in ranges)
        {
            var at = start;
            var end = start + size;
            while (r < removed.Count && removed[r].Start + removed[r].Length <= at)
            {
                r++;
            }

            for (var k = r; k < removed.Count && removed[k].Start < end; k++)
            {
                if (removed[k].Start > at)
                {
                    result.Add((at, removed[k].Start - at));
                }

                at = Math.Max(at, removed[k].Start + removed[k].Length);
            }

            if (at < end)
            {
                result.Add((at, end - at));
            }
        }

        return result;
    }

    /// <summary>More literals than any real assembly has (System.Private.CoreLib: about 40,000): a list that grew past it is not kept.</summary>
    private const int MaxSpareLiterals = 1 << 18;

    private List<Literal>? _spareLiterals;
    private List<int>? _spareOffsets;

    /// <summary>For literals the code loads: the method that loads them, and its line when a PDB is at hand.</summary>
    private static List<AssemblyHit> LocateLoads(
        PEReader pe, MetadataReader metadata, List<AssemblyHit> hits, List<int> userStrings,
        Func<Stream?>? sideBySidePdb, IReadOnlyList<string> sourceFiles, long imageBytes)
    {
        using var locator = SourceMapping.PdbLiteralLocator.Create(pe, metadata, sideBySidePdb, sourceFiles, imageBytes);
        return hits.Select(hit =>
        {
            if (hit.Kind != LiteralKind.UserString)
            {
                return hit;
            }

            // User strings are collected first, so the literal's index is also its place in the heap list.
            if (hit.LiteralIndex < 0 || hit.LiteralIndex >= userStrings.Count)
            {
                return hit;
            }

            var offset = userStrings[hit.LiteralIndex];
            var method = locator.FindMethod(offset);
            return hit with
            {
                Member = method is { } m ? MemberName(metadata, m) : hit.Member,
                CodeLocation = locator.FindSource(offset),
            };
        }).ToList();
    }

    /// <summary>
    /// Embedded resources: .resources string entries, read without deserialising anything, and other
    /// embedded streams (an appsettings.json compiled in) as text. Any other resource (a signing .pfx, a
    /// .json.gz, a zip, text with a NUL in its head) goes to <paramref name="otherResources"/>: a file of its
    /// own for the readers of key stores, archives and binaries, never passed over.
    /// </summary>
    /// <param name="read">Receives where each resource read lies, its length prefix included.</param>
    private static void CollectResources(PEReader pe, MetadataReader metadata, byte[] image, int imageLength, List<Literal> literals, LiteralBudget budget, List<EmbeddedFile>? otherResources, List<(int Start, int Length)>? read)
    {
        var directory = pe.PEHeaders.CorHeader?.ResourcesDirectory ?? default;
        if (directory.Size == 0 || !pe.PEHeaders.TryGetDirectoryOffset(directory, out var offset))
        {
            return;
        }

        var seen = new HashSet<long>();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil || !seen.Add(resource.Offset))
            {
                continue; // lives in another file or assembly, or is one already read
            }

            // In longs: the offset is the file's to choose, and must not wrap round into the image.
            var at = (long)offset + resource.Offset;
            if (resource.Offset < 0 || at < 0 || at + 4 > imageLength)
            {
                continue;
            }

            var start = (int)at;
            var length = BitConverter.ToInt32(image, start);
            if (length <= 0 || start + 4L + length > imageLength)
            {
                continue;
            }

            budget.Spend(length, "embedded resources");
            read?.Add((start, 4 + length));
            var name = metadata.GetString(resource.Name);
            var data = new ReadOnlyMemory<byte>(image, start + 4, length);
            if (name.EndsWith(".resources", StringComparison.OrdinalIgnoreCase))
            {
                var byteEntries = otherResources is null ? null : new List<(string Name, int Start, int Length)>();
                foreach (var (key, value) in ResourcesBlob.ReadStrings(data.Span, byteEntries))
                {
                    literals.Add(new Literal(value, LiteralKind.Resource, Resource: name, Key: key));
                }

                // A byte[] entry (a .resx file reference to a .pfx, a zip) is a file inside the resource.
                foreach (var entry in byteEntries ?? [])
                {
                    otherResources!.Add(new EmbeddedFile(name + NestedArchives.Separator + entry.Name, start + 4 + entry.Start, entry.Length));
                }
            }
            else if (TextStreamScanner.DetectEncoding(data.Span[..Math.Min(data.Length, 8000)], out var preamble) is { } encoding)
            {
                literals.Add(new Literal(encoding.GetString(data.Span[preamble..]), LiteralKind.Resource, Resource: name));
            }
            else
            {
                otherResources?.Add(new EmbeddedFile(name, start + 4, length));
            }
        }
    }

    /// <summary>
    /// How many characters of literals one text for the rules holds (a longer literal is a text alone): under
    /// the large-object heap's threshold (85,000 bytes), so that each batch's text dies young instead of
    /// waiting for a full collection; the keyword pass costs the same over many small texts as over one.
    /// </summary>
    internal const int LiteralBatchChars = 40 * 1024;

    private List<AssemblyHit> ScanLiterals(MetadataReader metadata, List<Literal> literals)
    {
        var hits = new List<AssemblyHit>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal); // rule id and secret (a tuple key would be compiled on the spot in every build)
        for (var first = 0; first < literals.Count;)
        {
            // A batch of literals at a time: a hostile assembly's literals can add up to hundreds of MB,
            // and one text of them all would be that again.
            var end = first;
            var length = 0;
            while (end < literals.Count && (end == first || length + literals[end].Text.Length + 1 <= LiteralBatchChars))
            {
                length += literals[end].Text.Length + 1;
                end++;
            }

            ScanBatch(metadata, literals, first, end, length, hits, seen);
            first = end;
        }

        return hits;
    }

    private void ScanBatch(MetadataReader metadata, List<Literal> literals, int first, int end, int length, List<AssemblyHit> hits, Dictionary<string, int> seen)
    {
        // One text with a line per literal: the rules run once per batch, and each hit maps back to its
        // literal. Written straight into the string (no builder, no copy per literal with a line break in it).
        var starts = new int[end - first];
        var at = 0;
        for (var i = first; i < end; i++)
        {
            starts[i - first] = at;
            at += literals[i].Text.Length + 1;
        }

        var all = string.Create(length, (literals, first, end), static (text, batch) =>
        {
            var at = 0;
            for (var i = batch.first; i < batch.end; i++)
            {
                var literal = batch.literals[i];
                var line = text.Slice(at, literal.Text.Length);
                literal.Text.AsSpan().CopyTo(line);
                line.Replace('\n', ' ');
                line.Replace('\r', ' ');
                text[at + line.Length] = '\n';
                at += line.Length + 1;
            }
        });
        foreach (var hit in rules.Scan(all))
        {
            var local = Array.BinarySearch(starts, hit.Match.Index);
            if (local < 0)
            {
                local = ~local - 1;
            }

            var index = first + local;
            var secret = all.Substring(hit.Match.Index, hit.Match.Length);
            var literal = literals[index];
            var match = hit.Match with { Index = hit.Match.Index - starts[local] };
            var found = new AssemblyHit(hit.Rule, match, Redactor.Redact(secret), literal.Kind, literal.Member(metadata), secret, LiteralIndex: index);

            // A used const is both in #US (inlined where code uses it) and in the Constant table: one
            // finding, named as the const field, where it is written and where it is to be removed, rather
            // than as a literal of whichever method happens to load it first.
            var key = hit.Rule.Id + "\n" + secret;
            if (seen.TryGetValue(key, out var earlier))
            {
                if (found.Kind == LiteralKind.Constant && hits[earlier].Kind == LiteralKind.UserString)
                {
                    hits[earlier] = found;
                }

                continue;
            }

            seen.Add(key, hits.Count);
            hits.Add(found);
        }
    }

    private static void CollectUserStrings(MetadataReader metadata, List<Literal> literals, List<int> offsets)
    {
        if (metadata.GetHeapSize(HeapIndex.UserString) <= 1)
        {
            return;
        }

        for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
        {
            var value = metadata.GetUserString(handle);
            if (value.Length >= 6)
            {
                literals.Add(new Literal(value, LiteralKind.UserString));
                offsets.Add(MetadataTokens.GetHeapOffset(handle));
            }
        }
    }

    private static void CollectConstants(MetadataReader metadata, List<Literal> literals, LiteralBudget budget)
    {
        var read = new HashSet<int>(); // blobs by heap offset (a set of BlobHandle would be compiled on the spot in every build)
        var rows = metadata.GetTableRowCount(TableIndex.Constant);
        for (var row = 1; row <= rows; row++)
        {
            var constant = metadata.GetConstant(MetadataTokens.ConstantHandle(row));
            if (constant.TypeCode != ConstantTypeCode.String || constant.Value.IsNil || !read.Add(MetadataTokens.GetHeapOffset(constant.Value)))
            {
                continue; // not a string, or a value already read (the blob heap holds each value once)
            }

            var blob = metadata.GetBlobReader(constant.Value);
            budget.Spend(blob.Length, "const values");
            var value = blob.ReadUTF16(blob.Length);
            if (value.Length >= 6)
            {
                literals.Add(new Literal(value, LiteralKind.Constant, constant.Parent));
            }
        }
    }

    private static unsafe void CollectAttributeArguments(MetadataReader metadata, List<Literal> literals, LiteralBudget budget)
    {
        var values = new List<string>();
        var read = new HashSet<int>(); // blobs by heap offset (a set of BlobHandle would be compiled on the spot in every build)
        foreach (var handle in metadata.CustomAttributes)
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (!read.Add(MetadataTokens.GetHeapOffset(attribute.Value)))
            {
                continue; // the same arguments as an attribute already read
            }

            // The blob in place, in the image the reader holds (GetBlobBytes would copy each one).
            var blob = metadata.GetBlobReader(attribute.Value);
            budget.Spend(blob.Length, "attribute arguments");
            values.Clear();
            AddSerStrings(new ReadOnlySpan<byte>(blob.StartPointer, blob.Length), values);
            foreach (var value in values)
            {
                literals.Add(new Literal(value, LiteralKind.AttributeArgument, attribute.Parent));
            }
        }
    }

    /// <summary>The string arguments in a custom attribute blob (see <see cref="AddSerStrings"/>).</summary>
    internal static List<string> SerStrings(byte[] blob)
    {
        var values = new List<string>();
        AddSerStrings(blob, values);
        return values;
    }

    /// <summary>
    /// Adds the string arguments in a custom attribute blob: SerStrings, a compressed length then UTF-8.
    /// Found by shape rather than by decoding each constructor signature (which needs every referenced
    /// enum type resolved): at each offset, a length that fits followed by printable, valid UTF-8 is a string.
    /// </summary>
    private static void AddSerStrings(ReadOnlySpan<byte> blob, List<string> values)
    {
        var i = 2; // after the 0x0001 prolog
        while (i < blob.Length)
        {
            var (length, header) = CompressedLength(blob, i);
            if (length >= 6 && i + header + length <= blob.Length)
            {
                var bytes = blob.Slice(i + header, length);
                if (IsPrintable(bytes) && System.Text.Unicode.Utf8.IsValid(bytes))
                {
                    values.Add(Encoding.UTF8.GetString(bytes));
                    i += header + length;
                    continue;
                }
            }

            i++;
        }
    }

    private static (int Length, int Header) CompressedLength(ReadOnlySpan<byte> blob, int i)
    {
        var b = blob[i];
        if ((b & 0x80) == 0)
        {
            return (b, 1);
        }

        if ((b & 0xC0) == 0x80 && i + 1 < blob.Length)
        {
            return (((b & 0x3F) << 8) | blob[i + 1], 2);
        }

        if ((b & 0xE0) == 0xC0 && i + 3 < blob.Length)
        {
            return (((b & 0x1F) << 24) | (blob[i + 1] << 16) | (blob[i + 2] << 8) | blob[i + 3], 4);
        }

        return (-1, 1);
    }

    private static bool IsPrintable(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\r' and not (byte)'\n')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"Namespace.Type.Member" for a field, method, property, parameter or type; empty when unknown.</summary>
    internal static string MemberName(MetadataReader metadata, EntityHandle handle)
    {
        try
        {
            switch (handle.Kind)
            {
                case HandleKind.FieldDefinition:
                    var field = metadata.GetFieldDefinition((FieldDefinitionHandle)handle);
                    return TypeName(metadata, field.GetDeclaringType()) + "." + metadata.GetString(field.Name);
                case HandleKind.MethodDefinition:
                    var method = metadata.GetMethodDefinition((MethodDefinitionHandle)handle);
                    return TypeName(metadata, method.GetDeclaringType()) + "." + metadata.GetString(method.Name);
                case HandleKind.TypeDefinition:
                    return TypeName(metadata, (TypeDefinitionHandle)handle);
                case HandleKind.PropertyDefinition:
                    return metadata.GetString(metadata.GetPropertyDefinition((PropertyDefinitionHandle)handle).Name);
                case HandleKind.Parameter:
                    return metadata.GetString(metadata.GetParameter((ParameterHandle)handle).Name);
                default:
                    return "";
            }
        }
        catch (BadImageFormatException)
        {
            return "";
        }
    }

    /// <summary>C# nests types a few levels deep; a chain longer than this is a loop in the NestedClass table.</summary>
    internal const int MaxTypeNesting = 64;

    /// <summary>
    /// "Namespace.Outer+Inner". The enclosing types are walked in a loop, not by recursion: a NestedClass row
    /// is the file's to write, and one that names a type as its own enclosing type (or any cycle) is cut off
    /// at <see cref="MaxTypeNesting"/> rather than overflowing the stack.
    /// </summary>
    private static string TypeName(MetadataReader metadata, TypeDefinitionHandle handle)
    {
        var type = metadata.GetTypeDefinition(handle);
        var name = metadata.GetString(type.Name);
        for (var level = 0; level < MaxTypeNesting; level++)
        {
            var declaring = type.GetDeclaringType();
            if (declaring.IsNil)
            {
                var ns = metadata.GetString(type.Namespace);
                return ns.Length > 0 ? ns + "." + name : name;
            }

            if (declaring == handle)
            {
                break; // nested in itself
            }

            type = metadata.GetTypeDefinition(declaring);
            name = metadata.GetString(type.Name) + "+" + name;
        }

        return name; // a loop in the NestedClass table: the names read so far
    }

    /// <summary>
    /// The bytes of const values, attribute arguments and resources read as literals, all together. Each
    /// value is read once, so in any assembly a compiler writes they add up to less than the image; rows
    /// are the file's to write, though, and a million of them pointing at overlapping slices of one large
    /// blob would make terabytes of strings. Past the image's size, the assembly is not read further.
    /// </summary>
    private sealed class LiteralBudget(int imageLength)
    {
        private long _left = imageLength + (1L << 20);

        /// <exception cref="InvalidDataException">The budget is spent.</exception>
        public void Spend(int bytes, string what)
        {
            _left -= bytes;
            if (_left < 0)
            {
                throw new InvalidDataException($"its metadata points at the same bytes over and over: its {what} would be more than the assembly's size, so they were not all read");
            }
        }
    }
}
