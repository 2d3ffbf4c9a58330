using System.Buffers;
using SecretGuard.Detection;
using SecretGuard.Detection.KeyStores;
using SecretGuard.ImageReading;
using SecretGuard.SourceMapping;
using SecretGuard.Findings;

namespace SecretGuard.Scanning;

/// <summary>
/// Finds credentials in one file's content, wherever the file comes from (a layer being read, or the
/// publish folder that will become the app layer): text in any common encoding, the text runs of other
/// binary files, key stores, and the string literals of .NET assemblies. Streams text and binaries;
/// reads an assembly or a key store whole (bounded).
/// </summary>
/// <param name="locateLiteral">Finds the source line of a literal compiled into an assembly, when it can.</param>
/// <param name="budget">The check's size and time bounds and what it may still spend; unbounded by default.</param>
/// <param name="openSibling">Opens another file beside the scanned one by its image path (an assembly's .pdb), when the source can.</param>
/// <param name="sourceFiles">The project's sources, for PDB documents built under another path.</param>
/// <param name="buffers">The memory bound for files read whole, shared by every check of the process; a bound of its own by default.</param>
internal sealed class FileScanner(RuleSet rules, Func<string, SourceLocation?>? locateLiteral = null, CheckBudget? budget = null, Func<string, Stream?>? openSibling = null, IReadOnlyList<string>? sourceFiles = null, WholeFileBuffers? buffers = null)
{
    public CheckBudget Budget { get; } = budget ?? CheckBudget.Unbounded();

    private readonly WholeFileBuffers _buffers = buffers ?? new WholeFileBuffers();
    private readonly Scanners _scanners = Scanners.For(rules);
    private readonly HashSet<string> _keyMaterialRules = rules.Rules.Where(r => r.IsKeyMaterial).Select(r => r.Id).Append(KeyStoreFileRule.Id).ToHashSet(StringComparer.Ordinal);
    private readonly AssemblyScanner _assemblies = new(rules);

    // What the file being scanned (with what is nested in it) left out, handed over in its FileScan;
    // null until there is any, so a file read in full allocates nothing for it.
    private List<string>? _skipped;
    private List<string>? _unopened;

    /// <summary>
    /// A scanner for another thread (a scanner is not thread-safe): the same rules, sources, budget and
    /// whole-file buffers, its own expansion budget.
    /// </summary>
    public FileScanner ForAnotherThread() => new(rules, locateLiteral, Budget, openSibling, sourceFiles, _buffers) { Expansion = Expansion.Fresh() };

    /// <summary>What nested archives, compressed files and bundles may expand to (one per thread, like the scanner).</summary>
    public ExpansionBudget Expansion { get; init; } = new();

    /// <summary>Starts a new layer (or the publish folder): the layer's expansion budget starts again.</summary>
    public void BeginLayer() => Expansion.BeginLayer();

    /// <summary>
    /// Scans one file. A file that cannot be fully read (malformed, hostile, too deeply nested, past
    /// a budget; a reader or a rule failing on it) is one finding SG0004 at that file, never an
    /// exception that would stop the check of everything else: the build fails closed, at the file.
    /// </summary>
    /// <param name="layerIndex">The layer's index, or <see cref="LayerFileLocation.AppLayerToBuild"/> for the publish folder.</param>
    /// <param name="size">The content's length; -1 when unknown (a decompressed .gz).</param>
    /// <returns>The findings, and what was left out of the file (over the size limit, archives too large to open).</returns>
    /// <exception cref="ScanTimeBudgetException">The check ran past SecretGuardTimeBudget.</exception>
    /// <exception cref="SourceStreamException">The stream the file comes from (its layer) failed.</exception>
    public FileScan Scan(string imagePath, long size, Stream content, int layerIndex, string layerDigest)
    {
        _skipped = null;
        _unopened = null;
        var findings = ScanFile(imagePath, size, content, layerIndex, layerDigest, bundle: null, depth: 0);
        var scan = new FileScan(findings, (IReadOnlyList<string>?)_skipped ?? [], (IReadOnlyList<string>?)_unopened ?? []);
        _skipped = null;
        _unopened = null;
        return scan;
    }

    /// <param name="bundle">The single-file bundle <paramref name="imagePath"/> is inside, if any.</param>
    /// <param name="depth">How many archives <paramref name="imagePath"/> is nested in.</param>
    private List<Finding> ScanFile(string imagePath, long size, Stream content, int layerIndex, string layerDigest, string? bundle, int depth)
    {
        if (depth == 0 && bundle is null)
        {
            Expansion.BeginFile(size);
        }

        var reader = new ReaderInUse();
        List<Finding> found;
        try
        {
            // A file that is a secret by its path (SecretFileRules) is small: read whole, for the text rules and then its own.
            var secretFile = bundle is null && size is > 0 and <= SecretFileRules.MaxBytes ? SecretFileRules.ForPath(imagePath) : null;
            byte[]? whole = null;
            if (secretFile is not null)
            {
                whole = new byte[size];
                content.ReadExactly(whole);
                content = new MemoryStream(whole, writable: false);
            }

            found = ScanAny(imagePath, size, content, layerIndex, layerDigest, bundle, depth, reader);

            // What a rule of its format found says more (and is the same credential): the path's rule is for the bare value no rule knows.
            if (whole is not null && !found.Exists(f => f.RuleId != Finding.NotCheckedId)
                && SecretFileRules.Find(secretFile!, whole, new LayerFileLocation(layerIndex, layerDigest, imagePath, 0, 0, bundle)) is { } byPath)
            {
                found.Add(byPath);
            }
        }
        catch (Exception ex) when (IsFaultOfThisFile(ex, depth))
        {
            return [NotChecked(new LayerFileLocation(layerIndex, layerDigest, imagePath, 0, 0, bundle), reader.Name, ex)];
        }

        return DocumentationPaths.Contains(imagePath) ? found.Where(f => _keyMaterialRules.Contains(f.RuleId) || f.RuleId == Finding.NotCheckedId).ToList() : found;
    }

    /// <summary>
    /// Whether a failure belongs to the file being read (a finding at the file) rather than to the check
    /// (time budget), the layer (its stream failed) or an archive further out (its expansion budget).
    /// </summary>
    private static bool IsFaultOfThisFile(Exception ex, int depth) => ex switch
    {
        ScanTimeBudgetException or SourceStreamException or ImageReadException or OperationCanceledException => false,
        ExpansionBudgetException => depth == 0,
        _ => true,
    };

    /// <summary>The finding for a file that could not be fully read: the reader and the reason, never content.</summary>
    internal static Finding NotChecked(ImageLocation location, string reader, Exception ex)
    {
        var reason = ex switch
        {
            ScanIncompleteException or InvalidDataException or EndOfStreamException or BadImageFormatException or FormatException or IOException or UnauthorizedAccessException or NotSupportedException => ex.Message,
            RuleTimeoutException => ex.Message,
            OutOfMemoryException or InsufficientExecutionStackException => Messages.NeedsTooMuch,
            _ => Messages.OwnFaultCause(ex),
        };
        return Finding.NotCheckedAt(location, Messages.ReaderFailed(reader, Shorten(RedactQuoted(reason.TrimEnd('.')), 300)));
    }

    /// <summary>
    /// A runtime exception can quote what it failed on (.NET's FormatException quotes its input): a long
    /// quoted run in a reason is shown redacted, as a secret would be, since it is the file's content.
    /// </summary>
    internal static string RedactQuoted(string reason) =>
        System.Text.RegularExpressions.Regex.Replace(reason, "(?<![A-Za-z0-9])(['\"])([^'\"\r\n]{16,})\\1(?![A-Za-z0-9])", m => m.Groups[1].Value + Redactor.Redact(m.Groups[2].Value) + m.Groups[1].Value);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    /// <summary>Which reader a file was handed to, for the message when it cannot be read.</summary>
    private sealed class ReaderInUse
    {
        public string Name { get; set; } = "SecretGuard";
    }

    private List<Finding> ScanAny(string imagePath, long size, Stream content, int layerIndex, string layerDigest, string? bundle, int depth, ReaderInUse reader)
    {
        Budget.CheckTime();
        if (Budget.Limits.IsTooLarge(size))
        {
            (_skipped ??= []).Add(imagePath);
            return [];
        }

        var (stream, head) = PrefixedStream.Peek(content, 16);
        if (KeyStoreFileRule.LooksLikeKeyStore(head))
        {
            reader.Name = Messages.KeyStoreReader;
            var location = new LayerFileLocation(layerIndex, layerDigest, imagePath, 0, 0, bundle);
            var (inspection, data, consumed) = InspectKeyStore(size, stream, Budget.KeyDerivation);
            if (inspection.IsFinding && (inspection.Problem is null || KeyStoreFileRule.IsCandidateName(imagePath)))
            {
                return [KeyStoreFinding(location, size < 0 ? data?.Length ?? -1 : size, inspection, data)];
            }

            // No key in it is no proof that the file holds nothing else (an empty store's header before text,
            // bytes after the store's structure), and a file only its first bytes made look like one (named
            // like none) is any other file: either way it is read as one, from its first byte (what the look
            // at it took is given back, however large the file).
            stream = PrefixedStream.Prepend(consumed, stream);
        }

        // Archives inside a bundle are opened as archives anywhere are, within the same bounds: a bundled
        // file keeps its host's depth, so the bundle does not start the nesting again; its archives charge the
        // expansion budget of the top-level file the bundle is (or is in); and the bundle's unpack budget
        // counts only the bundled file's own bytes, which the archive's entries never charge again.
        // A tar is known by the magic in its first header, 257 bytes in: the head above is too short to hold it.
        (stream, var archiveHead) = PrefixedStream.Peek(stream, NestedArchives.HeadBytes);
        var archive = NestedArchives.Recognise(imagePath, archiveHead);
        if (archive != NestedArchives.Kind.None)
        {
            reader.Name = Messages.Reader(NestedArchives.Describe(archive));
            return depth < NestedArchives.MaxDepth
                ? ScanArchive(imagePath, archive, size, stream, layerIndex, layerDigest, bundle, depth)
                : throw new ScanIncompleteException(Messages.NestedTooDeep(depth, NestedArchives.MaxDepth));
        }

        if (CompressedFormats.Recognise(imagePath, archiveHead) is { } format)
        {
            // Its bytes are compressed: read as a binary's strings, they are noise, and nothing in them would be
            // seen. Reported, unless a package manager's own state or documentation, read as before (see CompressedFormats).
            (_unopened ??= []).Add(imagePath);
            if (!CompressedFormats.IsPassedOver(imagePath))
            {
                throw new ScanIncompleteException(Messages.CompressedNotOpened(format));
            }
        }

        if (size >= 0 && (AssemblyScanner.LooksLikePe(head) || (bundle is null && SingleFileBundle.LooksLikeNativeExecutable(head) && MayBeAppHost(imagePath))))
        {
            var isPe = AssemblyScanner.LooksLikePe(head);
            if (!isPe)
            {
                // A Go program cannot be an app host, a bundle or NativeAOT: its strings are streamed, not held whole.
                (stream, var start) = PrefixedStream.Peek(stream, GoExecutable.HeadBytes);
                if (GoExecutable.HasBuildIdNote(start))
                {
                    reader.Name = Messages.BinaryStringsReader;
                    return ScanText(imagePath, stream, layerIndex, layerDigest, bundle, depth, size);
                }
            }

            reader.Name = isPe ? Messages.AssemblyReader : Messages.AppHostReader;
            return ScanBinary(imagePath, size, stream, layerIndex, layerDigest, bundle, depth, isPe, reader);
        }

        reader.Name = "the text scanner";
        return ScanText(imagePath, stream, layerIndex, layerDigest, bundle, depth, size);
    }

    /// <summary>
    /// Text in any common encoding, or a binary's printable runs (with the high-confidence rules); and a zip
    /// that ends the file after a head of something else (a script, a program), opened as a zip anywhere is.
    /// </summary>
    /// <param name="size">The content's length, -1 when unknown: how much a zip found in it may take is known from it.</param>
    private List<Finding> ScanText(string imagePath, Stream stream, int layerIndex, string layerDigest, string? bundle, int depth, long size = -1)
    {
        var watched = new ZipAfterHead(stream, size);
        var findings = ScanTextOnly(imagePath, watched, layerIndex, layerDigest, bundle);
        if (watched.Zip is { } zip)
        {
            findings.AddRange(depth < NestedArchives.MaxDepth
                ? ScanArchive(imagePath, NestedArchives.Kind.Zip, zip.Length, zip.Open(), layerIndex, layerDigest, bundle, depth)
                : [NotChecked(new LayerFileLocation(layerIndex, layerDigest, imagePath, 0, 0, bundle), Messages.Reader("zip"), new ScanIncompleteException(Messages.NestedTooDeep(depth, NestedArchives.MaxDepth)))]);
        }
        else if (watched.ZipTooLarge)
        {
            (_unopened ??= []).Add(imagePath);
            findings.Add(NotChecked(new LayerFileLocation(layerIndex, layerDigest, imagePath, 0, 0, bundle), Messages.Reader("zip"), new ScanIncompleteException(Messages.LargerThan(NestedArchives.MaxZipBytes >> 20, "a zip inside an image is opened"))));
        }

        return findings;
    }

    /// <summary>The text scanner's part: text, or a binary's runs.</summary>
    private List<Finding> ScanTextOnly(string imagePath, Stream stream, int layerIndex, string layerDigest, string? bundle)
    {
        var origin = SourceCodeFiles.IsSourceCode(imagePath) ? TextOrigin.SourceCode : TextOrigin.File;
        var hits = (DocumentationPaths.Contains(imagePath) ? _scanners.Documentation : _scanners.Text).Scan(stream, origin);

        if (hits is null)
        {
            return [];
        }

        // Hits in a binary's strings have no line. In a system package's binary they are built-in test
        // material as a rule (see SystemPaths): one warning per rule and file, however many there are.
        if (SystemPaths.ContainsBinary(imagePath) && hits.Count > 0 && hits.All(h => h.Line == 0))
        {
            hits = hits.GroupBy(h => h.Rule.Id).Select(g => g.First() with { Match = InSystemBinary(g.First().Match, g.Count()) }).ToList();
        }

        return hits.Select(h => RuleFindings.Create(h.Rule, h.Match, new LayerFileLocation(layerIndex, layerDigest, imagePath, h.Line, h.Column, bundle), h.RedactedSecret, h.SecretHash)).ToList();
    }

    /// <summary>
    /// Each entry of an archive, scanned like any file (each its own finding when it cannot be read).
    /// Every expanded byte is charged to the file's and the layer's expansion budget; past it, the archive
    /// stops where it is, keeps what it found, and is reported as not fully checked. So does an archive
    /// that cannot be read in full; a failure of the layer or of the check is left to them.
    /// </summary>
    /// <param name="bundle">The single-file bundle the archive is inside, if any: its entries are inside it too.</param>
    private List<Finding> ScanArchive(string imagePath, NestedArchives.Kind kind, long size, Stream stream, int layerIndex, string layerDigest, string? bundle, int depth)
    {
        var findings = new List<Finding>();
        var location = new LayerFileLocation(layerIndex, layerDigest, imagePath, 0, 0, bundle);
        var reader = Messages.Reader(NestedArchives.Describe(kind));
        string? entryInProgress = null;
        var ownStreams = new object();
        try
        {
            var opened = NestedArchives.ReadEntries(imagePath, kind, size, stream, decompressed => Expansion.Charging(decompressed, imagePath), (entryPath, entrySize, entry, charged) =>
            {
                entryInProgress = entryPath;

                // A declared size is charged before the entry is read: a reader skips what is not read,
                // and skipping compressed data costs its decompression all the same. Content charged as it
                // is decompressed is not charged again, but one that cannot fit stops the archive here too.
                if (charged)
                {
                    Expansion.EnsureRoomFor(entrySize, imagePath);
                }
                else
                {
                    Expansion.Charge(entrySize, imagePath);
                }

                // An entry whose bytes cannot be decompressed is the archive's fault, not the entry's.
                findings.AddRange(ScanFile(imagePath + NestedArchives.Separator + entryPath, entrySize, new SourceStream(entry, ownStreams), layerIndex, layerDigest, bundle, depth + 1));

                // Past here the archive is between entries (a tar.gz's budget can run out while the reader skips).
                entryInProgress = null;
            }, trailing: rest =>
            {
                // Bytes after a gzip stream, which no gzip reader reads: a file of their own, at the archive's place.
                findings.AddRange(ScanFile(imagePath, -1, new SourceStream(rest, ownStreams), layerIndex, layerDigest, bundle, depth + 1));
            });
            if (!opened)
            {
                (_unopened ??= []).Add(imagePath);
                findings.Add(NotChecked(location, reader, new ScanIncompleteException(Messages.LargerThan(NestedArchives.MaxZipBytes >> 20, "a zip inside an image is opened"))));
            }
        }
        catch (ExpansionBudgetException ex)
        {
            findings.Add(NotChecked(location, reader, new ScanIncompleteException(ex.Message + Messages.EntriesNotRead(entryInProgress))));
        }
        catch (SourceStreamException ex) when (ex.Origin == ownStreams)
        {
            findings.Add(NotChecked(location, reader, new ScanIncompleteException(ex.Message.TrimEnd('.') + Messages.AtEntry(entryInProgress))));
        }
        catch (Exception ex) when (IsFaultOfThisFile(ex, depth))
        {
            // The archive's own fault (an entry it cannot read, its own bound): an SG0004 at the archive, beside what its other entries gave.
            findings.Add(NotChecked(location, reader, ex));
        }

        return findings;
    }

    /// <summary>An app host is named after the app: no extension on Linux and macOS, .exe on Windows (native libraries are .so/.dylib).</summary>
    private static bool MayBeAppHost(string imagePath)
    {
        var name = imagePath[(imagePath.LastIndexOf('/') + 1)..];
        return !name.Contains('.') || name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A managed assembly's literals, or the files of a single-file bundle, each scanned like any file.</summary>
    private List<Finding> ScanBinary(string imagePath, long size, Stream stream, int layerIndex, string layerDigest, string? bundle, int depth, bool isPe, ReaderInUse reader)
    {
        if (size > AssemblyScanner.MaxAssemblyBytes)
        {
            // Larger than any real assembly or single-file bundle (a self-contained one is ~100 MB): never
            // read whole. A .NET assembly that large cannot be vouched for; any other binary is streamed
            // for its strings.
            var (rest, head) = PrefixedStream.Peek(stream, AssemblyScanner.PeHeadBytes);
            if (isPe && AssemblyScanner.IsManagedPe(head) != false)
            {
                throw new ScanIncompleteException(Messages.AssemblyTooLarge(size >> 20, AssemblyScanner.MaxAssemblyBytes >> 20));
            }

            reader.Name = Messages.BinaryStringsReader;
            return ScanText(imagePath, rest, layerIndex, layerDigest, bundle, depth, size);
        }

        // Pooled: a fresh array per assembly would be large-object-heap garbage, collected only in gen2
        // (see docs/performance.md). Nothing below keeps the buffer beyond this call. A very large image is not pooled: the pool would keep it for the
        // rest of the build, one per thread.
        var length = (int)size;
        var pooled = length <= MaxPooledImageBytes;
        using var held = _buffers.Hold(length);
        var image = pooled ? ArrayPool<byte>.Shared.Rent(Math.Max(length, 1)) : GC.AllocateUninitializedArray<byte>(length);
        try
        {
            stream.ReadExactly(image.AsSpan(0, length));
            return ScanImage(imagePath, image, length, layerIndex, layerDigest, bundle, depth, isPe, reader);
        }
        finally
        {
            if (pooled)
            {
                ArrayPool<byte>.Shared.Return(image);
            }
        }
    }

    private const int MaxPooledImageBytes = 32 << 20;

    private List<Finding> ScanImage(string imagePath, byte[] image, int length, int layerIndex, string layerDigest, string? bundle, int depth, bool isPe, ReaderInUse reader)
    {
        List<AssemblyHit>? hits = null;
        var otherResources = new List<EmbeddedFile>();
        var notRead = new List<(int Start, int Length)>();
        if (isPe)
        {
            try
            {
                hits = _assemblies.Scan(image, length, openSibling is null ? null : () => openSibling(Path.ChangeExtension(imagePath, ".pdb")), sourceFiles, otherResources, notRead);
            }
            catch (BadImageFormatException)
            {
                hits = null; // a PE file with broken metadata: read for its strings below, as any binary
            }
        }

        if (hits is not null)
        {
            var found = hits.Select(h => RuleFindings.Create(h.Rule, h.Match,
                new AssemblyLocation(layerIndex, imagePath, KindName(h.Kind), h.Member, locateLiteral?.Invoke(h.Secret) ?? h.CodeLocation, bundle), h.Redacted, Fingerprints.HashSecret(h.Secret))).ToList();
            found.AddRange(ScanEmbeddedFiles(imagePath, image, otherResources, layerIndex, layerDigest, bundle, depth));

            // Data the metadata and the resources are not (u8 literals and initialised arrays in field data, Win32
            // resources, bytes no section claims, after the last one too) is read for its strings, as any binary is.
            reader.Name = Messages.BinaryStringsReader;
            found.AddRange(ScanText(imagePath, new RangesStream(image, notRead), layerIndex, layerDigest, bundle, depth));
            reader.Name = Messages.AssemblyReader;
            return found;
        }

        if (bundle is not null)
        {
            reader.Name = Messages.BinaryStringsReader;
            return ScanText(imagePath, new MemoryStream(image, 0, length, writable: false), layerIndex, layerDigest, bundle, depth, length); // no bundles inside bundles
        }

        if (!isPe && NativeAotImage.IsNativeAot(image.AsSpan(0, length)))
        {
            reader.Name = "the NativeAOT strings reader";
            return ScanNativeStrings(imagePath, new ReadOnlyMemory<byte>(image, 0, length), layerIndex);
        }

        reader.Name = Messages.BundleReader;
        var contents = SingleFileBundle.TryRead(image, length);
        if (contents is null)
        {
            // A native PE (a Windows DLL with no .NET metadata) or an app host with nothing bundled: its strings.
            reader.Name = Messages.BinaryStringsReader;
            return ScanText(imagePath, new MemoryStream(image, 0, length, writable: false), layerIndex, layerDigest, bundle: null, depth, length);
        }

        // Bundled files are where the app sees them: next to the host, under the app directory. Each is
        // a file of its own: one that cannot be read is reported at itself, the others are still scanned.
        var directory = imagePath[..(imagePath.LastIndexOf('/') + 1)];
        var findings = new List<Finding>();
        foreach (var file in contents.Files)
        {
            var path = directory + file.RelativePath;
            Stream content;
            try
            {
                content = file.Open();
            }
            catch (Exception ex) when (ex is not (ScanTimeBudgetException or OperationCanceledException))
            {
                findings.Add(NotChecked(new LayerFileLocation(layerIndex, layerDigest, path, 0, 0, imagePath), Messages.BundleReader, ex));
                continue;
            }

            using (content)
            {
                findings.AddRange(ScanFile(path, file.Size, content, layerIndex, layerDigest, bundle: imagePath, depth));
            }
        }

        // The bytes no bundled file claims (the host, ~70-150 KB in a real bundle; the manifest; gaps) are
        // read for their strings as any executable's are, each byte once: the bundled files' are read above.
        reader.Name = Messages.BinaryStringsReader;
        findings.AddRange(ScanText(imagePath, new RangesStream(image, SingleFileBundle.Uncovered(contents.Files, length)), layerIndex, layerDigest, bundle: null, depth));
        reader.Name = Messages.BundleReader;

        // The files before the unpack budget ran out are checked above; the bundle says from which on none was.
        if (contents.NotRead is not null)
        {
            findings.Add(NotChecked(new LayerFileLocation(layerIndex, layerDigest, imagePath, 0, 0, bundle), Messages.BundleReader, new ScanIncompleteException(contents.NotRead)));
        }

        return findings;
    }

    /// <summary>
    /// An assembly's resources that are not text (a signing .pfx, a .json.gz, a zip, a binary blob): each a
    /// file of its own, named as an archive's entry is, read by the same readers as any file. Each is read
    /// in place from the assembly's image, not copied; an assembly inside an assembly counts as a level of
    /// nesting, so resources cannot nest without end.
    /// </summary>
    private List<Finding> ScanEmbeddedFiles(string imagePath, byte[] image, List<EmbeddedFile> resources, int layerIndex, string layerDigest, string? bundle, int depth)
    {
        var findings = new List<Finding>();
        foreach (var resource in resources)
        {
            var path = imagePath + NestedArchives.Separator + resource.Name;
            if (depth >= NestedArchives.MaxDepth)
            {
                findings.Add(NotChecked(new LayerFileLocation(layerIndex, layerDigest, path, 0, 0, bundle), Messages.AssemblyReader, new ScanIncompleteException(Messages.ResourceNestedTooDeep(depth + 1, NestedArchives.MaxDepth))));
                continue;
            }

            using var content = new MemoryStream(image, resource.Start, resource.Length, writable: false);
            findings.AddRange(ScanFile(path, resource.Length, content, layerIndex, layerDigest, bundle, depth + 1));
        }

        return findings;
    }

    /// <summary>
    /// Ranges of an image, read in order as one stream, with a NUL between two ranges so that the text runs
    /// of one never join those of the next. Reads the image in place.
    /// </summary>
    private sealed class RangesStream(byte[] image, List<(int Start, int Length)> ranges) : ForwardReadStream
    {
        private int _range;
        private int _offset;
        private bool _separatorDue;

        /// <summary>Fills the buffer across ranges: an assembly's field data is thousands of small ones, and a read each would cost more than the reading.</summary>
        public override int Read(Span<byte> buffer)
        {
            var written = 0;
            while (written < buffer.Length && _range < ranges.Count)
            {
                if (_separatorDue)
                {
                    _separatorDue = false;
                    buffer[written++] = 0;
                    continue;
                }

                var (start, length) = ranges[_range];
                var n = Math.Min(buffer.Length - written, length - _offset);
                image.AsSpan(start + _offset, n).CopyTo(buffer[written..]);
                written += n;
                _offset += n;
                if (_offset == length)
                {
                    _range++;
                    _offset = 0;
                    _separatorDue = _range < ranges.Count;
                }
            }

            return written;
        }
    }

    /// <summary>
    /// A NativeAOT app's literals, from its string runs. Native code also holds the whole framework's
    /// strings, so only rules whose format proves the credential (high confidence) run here.
    /// </summary>
    private List<Finding> ScanNativeStrings(string imagePath, ReadOnlyMemory<byte> image, int layerIndex)
    {
        // A chunk of strings at a time: memory is bounded by a chunk, not by the image's strings.
        var findings = new List<Finding>();
        foreach (var text in NativeAotImage.TextChunks(image))
        {
            foreach (var hit in _scanners.HighConfidence.Scan(text))
            {
                var secret = text.AsSpan(hit.Match.Index, hit.Match.Length);
                findings.Add(RuleFindings.Create(hit.Rule, hit.Match,
                    new AssemblyLocation(layerIndex, imagePath, "string literal", "", locateLiteral?.Invoke(secret.ToString())) { NativeAot = true },
                    Redactor.Redact(secret), Fingerprints.HashSecret(secret)));
            }
        }

        return findings.Distinct().ToList();
    }

    /// <summary>Reads a key store whole, up to <see cref="KeyStoreFileRule.MaxBytes"/>; a larger one is reported unread, not skipped.</summary>
    /// <param name="keyDerivation">The check's budget for trying well-known passwords, shared by every key store.</param>
    /// <returns>The inspection; the store's bytes when it was read whole; and every byte taken from <paramref name="stream"/>, so that a file that only began like a key store can still be read from its start.</returns>
    private static (KeyStoreInspection Inspection, byte[]? Data, byte[] Consumed) InspectKeyStore(long size, Stream stream, Detection.KeyStores.KeyDerivationBudget keyDerivation)
    {
        if (size > KeyStoreFileRule.MaxBytes)
        {
            return (TooLargeKeyStore(), null, []);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > KeyStoreFileRule.MaxBytes)
            {
                return (TooLargeKeyStore(), null, buffer.ToArray());
            }
        }

        var data = buffer.ToArray();
        return (KeyStoreFileRule.Inspect(data, keyDerivation), data, data);
    }

    private static KeyStoreInspection TooLargeKeyStore() =>
        new("key store", 0, 0, null, Messages.LargerThan(KeyStoreFileRule.MaxBytes >> 20, "a key store is read"));

    private static SecretMatch InSystemBinary(SecretMatch match, int count) =>
        match with
        {
            Confidence = Confidence.Medium,
            Label = match.Label + (count > 1 ? $" ({count} of them)" : "") + " in the strings of a system package's binary (often built-in test material)",
        };

    /// <param name="HighConfidence">Rules whose format proves the credential: the only ones for binaries' strings, which are not written as config is.</param>
    /// <param name="Text">Text, and binaries' strings with the high-confidence rules.</param>
    /// <param name="Documentation">Documentation folders: key material only (see DocumentationPaths).</param>
    private sealed record Scanners(RuleSet HighConfidence, TextStreamScanner Text, TextStreamScanner Documentation)
    {
        public static Scanners For(RuleSet rules)
        {
            var highConfidence = new RuleSet(rules.Rules.Where(r => r.Confidence == Confidence.High));
            var keyMaterial = new RuleSet(rules.Rules.Where(r => r.IsKeyMaterial));
            return new(highConfidence, new TextStreamScanner(rules, binaryRules: highConfidence), new TextStreamScanner(keyMaterial, binaryRules: keyMaterial));
        }
    }

    /// <summary>
    /// A key store has no secret text: its fingerprint's identity is its path, and its content's hash
    /// (one-way) groups copies of the same store.
    /// </summary>
    private static Finding KeyStoreFinding(LayerFileLocation location, long size, KeyStoreInspection inspection, byte[]? data) =>
        new(KeyStoreFileRule.Id, KeyStoreFileRule.Title, inspection.Confidence, inspection.Describe(), KeyStoreFileRule.RotationHint, location, $"({size} bytes)",
            Fingerprints.Compute(KeyStoreFileRule.Id, location, ""))
        {
            SecretKey = data is null ? "" : Fingerprints.SecretKey(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(data))),
        };

    private static string KindName(LiteralKind kind) => kind switch
    {
        LiteralKind.Constant => "const string",
        LiteralKind.AttributeArgument => "attribute argument",
        LiteralKind.Resource => "embedded resource",
        _ => "string literal",
    };
}
