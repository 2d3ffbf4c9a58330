using System.Security.Cryptography;
using SecretGuard.Findings;

namespace SecretGuard.ImageReading;

/// <summary>
/// Streams the regular files of one layer blob (gzip, zstd or uncompressed tar) and checks the blob
/// against its digest, so a truncated or tampered layer is an error rather than a partial scan. Data that
/// is not zero padding after the tar's end marker, or after the gzip stream's last member, is reported.
/// Whiteouts (what this layer deletes from the layers below) are reported; one that carries data is also visited as a file.
/// The blob is read, and decompressed, on threads of their own, a bounded few chunks ahead of the scan.
/// The blob is never read past the size its descriptor gives, so a layer that streams without end
/// stops there; an entry of the tar that cannot be read is reported (unreadable) and the rest read on.
/// Given the layer's diff_id, the uncompressed tar is checked against it too, as a runtime does when it
/// unpacks the layer: a compressed stream cut where it can end cleanly (a gzip stream after a full flush,
/// without its trailer) matches its own digest but holds less than the image names.
/// </summary>
internal static class LayerReader
{
    /// <summary>Marks a file deleted from lower layers: <c>dir/.wh.name</c> deletes <c>dir/name</c>.</summary>
    public const string WhiteoutPrefix = ".wh.";

    /// <summary>Marks a directory whose lower-layer content is hidden entirely.</summary>
    public const string OpaqueWhiteout = ".wh..wh..opq";

    /// <param name="unreadable">
    /// Called with the path of each entry that cannot be read and why, in words (e.g. "its PAX size ... is
    /// not a number that fits 64 bits"); the entry is skipped and the layer read on.
    /// </param>
    /// <param name="diffId">The image config's diff_id for this layer (sha256 of the uncompressed tar), or null not to check it.</param>
    /// <exception cref="ImageReadException">The blob is not a readable (compressed) tar stream, is longer or shorter than its descriptor says, or does not match its digest or diff_id.</exception>
    public static void ReadFiles(Descriptor layer, Stream blob, Action<LayerFile> visit, Action<Whiteout>? whiteout = null, Action<string, string>? unreadable = null, string? diffId = null)
    {
        // Only a sha256 diff_id is checked (the only kind images use); anything else is not a digest to compare.
        diffId = diffId is not null && diffId.StartsWith("sha256:", StringComparison.Ordinal) && Descriptor.IsValidDigest(diffId) ? diffId : null;
        // The blob is hashed by its digest's algorithm; a sha256 hash of it doubles as an uncompressed layer's diff_id.
        var blobAlgorithm = Digests.AlgorithmOf(layer.Digest) ?? HashAlgorithmName.SHA256;
        using var hashing = new HashingStream(layer.Size < 0 ? blob : new DescriptorSizeStream(blob, layer), blobAlgorithm);
        var (sniffed, kind) = Compression.Sniff(hashing);

        // Three stages on threads of their own, each a bounded few chunks ahead of the next: the download
        // and digest of the compressed blob, its decompression, then the tar and the scan of its files.
        // The work is split where it balances best on two cores.
        using var compressedAhead = kind == Compression.Kind.None ? null : new ReadAheadStream(sniffed, chunkBytes: 256 * 1024, chunks: 4);
        // gzip member by member, to know what follows the last one (GZipStream passes over it without a word).
        using var gzip = kind == Compression.Kind.Gzip ? new GzipMembers(compressedAhead!) : null;
        // zstd frame by frame, to read what its skippable frames hold (a decoder passes over them).
        using var zstdFrames = kind == Compression.Kind.Zstd ? new ZstdFrames(compressedAhead!) : null;
        using var decompressed = kind switch
        {
            Compression.Kind.Gzip => gzip!,
            Compression.Kind.Zstd => new ZstdSharp.DecompressionStream(zstdFrames!),
            _ => sniffed,
        };
        // The uncompressed bytes are hashed on the decompression thread as they are produced, so the check
        // costs no extra pass. An uncompressed layer's tar is its blob, already hashed above (by sha256).
        var blobHashIsDiffId = kind == Compression.Kind.None && blobAlgorithm == HashAlgorithmName.SHA256;
        using var uncompressedHash = diffId is null || blobHashIsDiffId ? null : new HashingStream(decompressed, HashAlgorithmName.SHA256);
        using var tarStream = new ReadAheadStream(uncompressedHash ?? decompressed);
        try
        {
            var reader = new TarStreamReader(tarStream);
            while (reader.Next() is { } entry)
            {
                var path = NormalizePath(entry.Name);
                VisitRecords(path, entry.Records, entry.RecordsNotRead, visit, unreadable);
                if (entry.Problem is { } problem)
                {
                    unreadable?.Invoke(path, problem);
                    continue;
                }

                var name = path[(path.LastIndexOf('/') + 1)..];
                if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
                {
                    var directory = path[..path.LastIndexOf('/')];
                    whiteout?.Invoke(name == OpaqueWhiteout
                        ? new Whiteout(directory.Length == 0 ? "/" : directory, Opaque: true)
                        : new Whiteout(directory + "/" + name[WhiteoutPrefix.Length..], Opaque: false));
                }

                // A whiteout's own data, if a writer gives it some, ships in the pushed layer all the same
                // ("tar x" gets it back), so it is read as a file at the whiteout's path: never deleted by its
                // own layer's whiteouts, which hide only what lies below.
                if (entry.IsRegularFile)
                {
                    // An empty file holds no credential (and was never visited when TarReader read the layers).
                    if (entry.Size > 0)
                    {
                        visit(new LayerFile(path, entry.Size, entry.Data));
                    }
                }
                else if (entry.Size > 0)
                {
                    // Directories, links and devices have no data; a writer that gives them some is not one
                    // the image was built with, and what it hides there is not read.
                    unreadable?.Invoke(path, Messages.TarEntryDataNotRead(entry.TypeFlag, entry.Size));
                }
            }

            VisitRecords("/", reader.RecordsAfterLastEntry, reader.RecordsAfterLastEntryNotRead, visit, unreadable);

            // Read what follows the end-of-archive marker, so the digest covers the whole blob; anything in it
            // but zero padding is entries a reader stopping at the marker (as this one does) never sees.
            if (reader.ReadRestFindsData())
            {
                unreadable?.Invoke("/", Messages.DataAfterTarEnd);
            }

            // The same after the gzip stream: bytes after its last member are in the pushed blob (its digest
            // covers them), yet no runtime unpacks them and the diff_id does not cover them.
            if (gzip?.TrailingData() is not null)
            {
                unreadable?.Invoke("/", Messages.DataAfterGzip);
            }

            // A gzip member's header fields (extra field, name, comment) ship in the blob too, and no runtime
            // unpacks them: read as files of their own at the layer's root.
            if (gzip is not null)
            {
                VisitHeaderFields(gzip, visit, unreadable);
            }

            // The same for zstd's skippable frames (zstd:chunked keeps its table of contents there): read as
            // files of their own, at the layer's root, once the decoder has been through the whole stream.
            if (zstdFrames is not null)
            {
                VisitSkippableFrames(zstdFrames, visit, unreadable);
            }
        }
        // TarStreamReader reports a malformed header as InvalidDataException. InvalidOperationException (a PAX
        // size past its bound) and OverflowException (a base-256 number past Int64) are what the runtime's
        // System.Formats.Tar reader, used before it, threw (found by fuzzing); they are still caught here.
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException or ArgumentException or ZstdSharp.ZstdException
            or InvalidOperationException or OverflowException)
        {
            var compressed = kind switch { Compression.Kind.Gzip => "gzip-compressed ", Compression.Kind.Zstd => "zstd-compressed ", _ => "" };
            throw new ImageReadException(ImageReadFailure.CorruptLayer, $"layer {layer.Digest} is not a readable {compressed}tar stream: {ex.Message}", ex);
        }

        // The rest of the blob (what follows the compressed stream) still counts for the digest; reading
        // it to the end also makes sure the reading thread is done with the hash.
        (compressedAhead ?? sniffed).CopyTo(Stream.Null);
        var actual = Digests.Format(blobAlgorithm, hashing.GetHash());
        if (!string.Equals(actual, layer.Digest, StringComparison.OrdinalIgnoreCase))
        {
            throw new ImageReadException(ImageReadFailure.CorruptLayer, $"layer {layer.Digest} does not match its digest (read {actual}): the blob is truncated or altered");
        }

        if (diffId is not null)
        {
            // The read-ahead thread has delivered the end of the decompressed stream, so its hash is complete.
            var content = uncompressedHash is null ? actual : Digests.Format(HashAlgorithmName.SHA256, uncompressedHash.GetHash());
            if (!string.Equals(content, diffId, StringComparison.OrdinalIgnoreCase))
            {
                throw new ImageReadException(ImageReadFailure.CorruptLayer,
                    $"layer {layer.Digest} does not hold the content its image config names (diff_id {diffId}, read {content}): the layer ends early or was altered, and a runtime would refuse to unpack it");
            }
        }
    }

    /// <summary>An entry's PAX records that nothing applies (a comment, extended attributes a runtime sets on the file), read as a file of their own beside it.</summary>
    private static void VisitRecords(string path, byte[]? records, long notRead, Action<LayerFile> visit, Action<string, string>? unreadable)
    {
        if (records is not null)
        {
            visit(new LayerFile(Messages.PaxRecords(path), records.Length, new MemoryStream(records, writable: false)));
        }

        if (notRead > 0)
        {
            unreadable?.Invoke(path, Messages.PaxRecordsNotRead(notRead));
        }
    }

    private static void VisitHeaderFields(GzipMembers gzip, Action<LayerFile> visit, Action<string, string>? unreadable)
    {
        foreach (var field in gzip.HeaderFields)
        {
            visit(new LayerFile("/" + Messages.GzipHeaderField(field.Member, field.Field), field.Data.Length, new MemoryStream(field.Data, writable: false)));
        }

        if (gzip.HeaderBytesNotRead > 0)
        {
            unreadable?.Invoke("/", Messages.GzipHeaderNotRead(gzip.HeaderBytesNotRead));
        }
    }

    private static void VisitSkippableFrames(ZstdFrames frames, Action<LayerFile> visit, Action<string, string>? unreadable)
    {
        for (var i = 0; i < frames.SkippableFrames.Count; i++)
        {
            var data = frames.SkippableFrames[i];
            if (data.AsSpan().ContainsAnyExcept((byte)0))
            {
                visit(new LayerFile("/" + Messages.ZstdSkippableFrame(i + 1), data.Length, new MemoryStream(data, writable: false)));
            }
        }

        if (frames.SkippedBytes > 0)
        {
            unreadable?.Invoke("/", Messages.ZstdSkippableNotRead(frames.SkippedBytes));
        }
    }

    /// <summary>"./app/x.json" and "app/x.json" are both "/app/x.json" in the image.</summary>
    public static string NormalizePath(string entryName)
    {
        var name = entryName.Replace('\\', '/');
        while (name.StartsWith("./", StringComparison.Ordinal))
        {
            name = name[2..];
        }

        return "/" + name.TrimStart('/');
    }

    /// <summary>
    /// Passes a blob through up to the size its descriptor gives: one byte more, and the layer is an
    /// error rather than a stream read for ever; the end before it, and the layer is truncated.
    /// </summary>
    private sealed class DescriptorSizeStream(Stream inner, Descriptor layer) : ForwardReadStream
    {
        private long _read;

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty)
            {
                return 0;
            }

            // At most one byte past the size is asked for: enough to tell that there is more.
            var n = inner.Read(buffer.Length > layer.Size - _read ? buffer[..(int)(layer.Size - _read + 1)] : buffer);
            _read += n;
            if (_read > layer.Size)
            {
                throw new ImageReadException(ImageReadFailure.CorruptLayer, $"layer {layer.Digest} is longer than its descriptor says ({layer.Size} bytes): it is not read past that");
            }

            if (n == 0 && _read < layer.Size)
            {
                throw new ImageReadException(ImageReadFailure.CorruptLayer, $"layer {layer.Digest} is shorter than its descriptor says: {_read} of {layer.Size} bytes (truncated)");
            }

            return n;
        }
    }

    /// <summary>Passes reads through and hashes every byte read.</summary>
    private sealed class HashingStream(Stream inner, HashAlgorithmName algorithm) : ForwardReadStream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(algorithm);

        public byte[] GetHash() => _hash.GetHashAndReset();

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _hash.AppendData(buffer[..n]);
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
