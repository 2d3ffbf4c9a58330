using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using SecretGuard.Findings;

namespace SecretGuard.SourceMapping;

/// <summary>
/// Where the code that loads a string literal is: the method bodies whose IL loads it (<c>ldstr</c> with
/// its user-string token), and, through the assembly's portable PDB (embedded, or the .pdb beside it),
/// the sequence point of the first such load. This finds literals the compiler built from pieces
/// (<c>"sk_live_" + "…"</c>, escapes, inlined consts), which are not written verbatim in any source file.
/// </summary>
internal sealed class PdbLiteralLocator : IDisposable
{
    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes).GetFields()
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    private readonly PEReader _pe;
    private readonly MetadataReader _metadata;
    private readonly MetadataReaderProvider? _pdb;
    private readonly IReadOnlyList<string> _sourceFiles;
    private readonly long _ilBudget;
    private readonly Dictionary<MethodDefinitionHandle, SequencePoint[]> _points = [];
    private Dictionary<int, (MethodDefinitionHandle Method, int ILOffset)>? _loads;

    private PdbLiteralLocator(PEReader pe, MetadataReader metadata, MetadataReaderProvider? pdb, IReadOnlyList<string> sourceFiles, long imageBytes)
    {
        _ilBudget = (4 * imageBytes) + (16L << 20);
        _pe = pe;
        _metadata = metadata;
        _pdb = pdb;
        _sourceFiles = sourceFiles;
    }

    /// <summary>Longer than any path a compiler records (Windows' long paths end at 32,767 characters).</summary>
    private const int MaxDocumentPath = 32_768;

    public bool HasPdb => _pdb is not null;

    /// <param name="sideBySidePdb">Opens the .pdb beside the assembly, when there is one.</param>
    /// <param name="sourceFiles">The project's sources, to resolve documents whose build path no longer exists (deterministic /_/ paths).</param>
    /// <param name="imageBytes">The assembly's size, which bounds the IL read to find loads.</param>
    public static PdbLiteralLocator Create(PEReader pe, MetadataReader metadata, Func<Stream?>? sideBySidePdb, IReadOnlyList<string> sourceFiles, long imageBytes) =>
        new(pe, metadata, OpenPdb(pe, sideBySidePdb), sourceFiles, imageBytes);

    /// <summary>The method that first loads the user string at <paramref name="userStringOffset"/>, if any code does.</summary>
    public MethodDefinitionHandle? FindMethod(int userStringOffset) =>
        Loads().TryGetValue(userStringOffset, out var load) ? load.Method : null;

    /// <summary>The source line of the first load of the user string, when the PDB says.</summary>
    public SourceLocation? FindSource(int userStringOffset)
    {
        if (_pdb is null || !Loads().TryGetValue(userStringOffset, out var load))
        {
            return null;
        }

        try
        {
            var pdb = _pdb.GetMetadataReader();

            // Read once per method: many literals loaded by one method (a PDB is the file's to write, and
            // its sequence points as long as it likes) must not decode the same points again for each.
            if (!_points.TryGetValue(load.Method, out var points))
            {
                points = [.. pdb.GetMethodDebugInformation(load.Method.ToDebugInformationHandle()).GetSequencePoints().Where(p => !p.IsHidden).OrderBy(p => p.Offset)];
                _points.Add(load.Method, points);
            }

            // The last point at or before the load (of equal offsets, the last listed: the sort is stable).
            var (low, high) = (0, points.Length);
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                (low, high) = points[middle].Offset <= load.ILOffset ? (middle + 1, high) : (low, middle);
            }

            SequencePoint? best = low > 0 ? points[low - 1] : null;

            if (best is not { } sp)
            {
                return null;
            }

            var document = pdb.GetString(pdb.GetDocument(sp.Document).Name);
            return Resolve(document) is { } file ? new SourceLocation(file, sp.StartLine, sp.StartColumn) : null;
        }
        catch (BadImageFormatException)
        {
            return null; // a PDB that does not match or is damaged: fall back to the member name
        }
    }

    public void Dispose() => _pdb?.Dispose();

    private string? Resolve(string document)
    {
        if (File.Exists(document))
        {
            return Path.GetFullPath(document);
        }

        // Built elsewhere or with a path map (/_/src/…): the project's source whose path ends the same way.
        // A document name is the PDB's to write; one longer than any path is not tried suffix by suffix.
        if (document.Length > MaxDocumentPath)
        {
            return null;
        }

        var tail = document.Replace('\\', '/');
        for (var cut = tail.IndexOf('/'); cut >= 0; cut = tail.IndexOf('/', cut + 1))
        {
            var suffix = tail[cut..];
            var match = _sourceFiles.Where(f => f.Replace('\\', '/').EndsWith(suffix, StringComparison.Ordinal)).ToList();
            if (match.Count == 1)
            {
                return match[0];
            }
        }

        return null;
    }

    private static MetadataReaderProvider? OpenPdb(PEReader pe, Func<Stream?>? sideBySidePdb)
    {
        MetadataReaderProvider? provider = null;
        try
        {
            var debug = pe.ReadDebugDirectory();
            var embedded = debug.FirstOrDefault(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
            if (embedded.DataSize > 0)
            {
                return pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded);
            }

            var codeView = debug.FirstOrDefault(e => e.Type == DebugDirectoryEntryType.CodeView);
            if (codeView.DataSize == 0 || sideBySidePdb?.Invoke() is not { } stream)
            {
                return null;
            }

            // The provider owns the stream from here on, and disposes it with itself.
            provider = MetadataReaderProvider.FromPortablePdbStream(stream);
            var header = provider.GetMetadataReader().DebugMetadataHeader;
            if (header is null || new BlobContentId(header.Id).Guid != pe.ReadCodeViewDebugDirectoryData(codeView).Guid)
            {
                provider.Dispose();
                return null; // not a portable PDB, or one of another build of this assembly
            }

            return provider;
        }
        // OverflowException: the runtime's metadata reader on a PDB whose stream headers overflow (found by fuzzing).
        catch (Exception ex) when (ex is BadImageFormatException or InvalidOperationException or IOException or OverflowException)
        {
            provider?.Dispose();
            return null; // a Windows PDB, or none usable
        }
    }

    /// <summary>Every ldstr in every method body: user-string offset → the first method and IL offset loading it.</summary>
    private Dictionary<int, (MethodDefinitionHandle Method, int ILOffset)> Loads()
    {
        if (_loads is not null)
        {
            return _loads;
        }

        _loads = [];

        // Method rows are the file's to write: thousands of them may point at one body, or at bodies that
        // overlap. Each body is walked once, and all walks together read no more IL than a few times the
        // image holds; past that, literals are still found and named by kind, only not by method.
        var walked = new HashSet<int>();
        var budget = _ilBudget;
        foreach (var handle in _metadata.MethodDefinitions)
        {
            var rva = _metadata.GetMethodDefinition(handle).RelativeVirtualAddress;
            if (rva == 0 || !walked.Add(rva))
            {
                continue;
            }

            byte[]? il;
            try
            {
                il = _pe.GetMethodBody(rva).GetILBytes();
            }
            catch (BadImageFormatException)
            {
                continue;
            }

            budget -= il?.Length ?? 0;
            if (budget < 0)
            {
                break;
            }

            foreach (var (offset, token) in StringLoads(il ?? []))
            {
                _loads.TryAdd(token & 0x00FFFFFF, (handle, offset));
            }
        }

        return _loads;
    }

    /// <summary>
    /// The IL offset and operand token of each ldstr, decoding every instruction so operands are never read
    /// as opcodes. A straight walk from the first byte to the last: branch targets are never followed, every
    /// instruction moves forward by at least one byte, so the steps are bounded by the body's size whatever
    /// its operands say; an operand that does not fit in the body (a switch with a negative or huge count)
    /// ends the walk.
    /// </summary>
    internal static IEnumerable<(int Offset, int Token)> StringLoads(byte[] il)
    {
        var i = 0;
        while (i < il.Length)
        {
            var start = i;
            short value = il[i++];
            if (value == 0xFE && i < il.Length)
            {
                value = unchecked((short)(0xFE00 | il[i++]));
            }

            if (!OperandTypes.TryGetValue(value, out var operand))
            {
                yield break; // not IL we understand: stop rather than guess
            }

            if (value == 0x72 && i + 4 <= il.Length)
            {
                yield return (start, BitConverter.ToInt32(il, i));
            }

            long operandBytes = operand switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => i + 4 <= il.Length ? 4 + (4L * BitConverter.ToUInt32(il, i)) : long.MaxValue,
                _ => 4,
            };
            if (operandBytes > il.Length - i)
            {
                yield break; // the operand runs past the body: truncated or not IL
            }

            i += (int)operandBytes;
        }
    }
}
