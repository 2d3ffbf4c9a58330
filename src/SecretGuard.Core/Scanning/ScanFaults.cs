using SecretGuard.ImageReading;
using SecretGuard.Findings;

namespace SecretGuard.Scanning;

/// <summary>Part of the image could not be checked, so the scan cannot vouch for it.</summary>
internal class ScanIncompleteException(string message) : Exception(message);

/// <summary>
/// The check as a whole ran past SecretGuardTimeBudget: not the fault of one file, so it stops the
/// check rather than becoming a finding at the file that happened to be read at the time.
/// </summary>
internal sealed class ScanTimeBudgetException(string message) : ScanIncompleteException(message)
{
    /// <summary>
    /// What the layer being read when the time ran out had yielded (set by <see cref="LayerScanner"/>):
    /// its findings are still reported, but the layer is never cached or counted as checked.
    /// </summary>
    public LayerResult? LayerSoFar { get; init; }
}

/// <summary>
/// Everything nested inside one file, or inside one layer, expanded past its budget. The archive being
/// read stops there (its findings so far are kept) and is reported as not fully checked.
/// </summary>
internal sealed class ExpansionBudgetException(string message) : ScanIncompleteException(message);

/// <summary>
/// Reading a file's bytes failed because the stream it comes from failed (the layer's gzip stream, the
/// registry download): the fault of the layer, not of the file, so the layer is reported, not the file.
/// </summary>
/// <param name="origin">Which stream failed, so that the reader owning it (a layer, an archive) is the one that reports it.</param>
internal sealed class SourceStreamException(Exception inner, object origin) : Exception(inner.Message, inner)
{
    public object Origin { get; } = origin;
}

/// <summary>
/// Wraps the content of a file as it comes out of a layer, so that a failure of the layer's own
/// stream is told apart from a reader's failure on the file's bytes (see <see cref="SourceStreamException"/>).
/// Archives wrap their entries' streams the same way: a failure to decompress an entry is the archive's.
/// </summary>
/// <param name="origin">What the failure is tagged with (by default the stream itself).</param>
internal sealed class SourceStream(Stream inner, object? origin = null) : ForwardReadStream
{
    public object Origin => origin ?? this;

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return inner.Read(buffer);
        }
        catch (Exception ex) when (ex is not (SourceStreamException or OperationCanceledException or ScanIncompleteException))
        {
            throw new SourceStreamException(ex, Origin);
        }
    }
}

/// <summary>
/// How much archives, compressed files and bundles nested inside a top-level file may expand to, for
/// that file and for all the files of one layer (or of the publish folder) together. A per-archive bound
/// alone does not stop a thousand small bombs, nor a bomb split across nesting levels; this one counts
/// every expanded byte once, wherever it is nested. One instance per scanning thread.
/// </summary>
internal sealed class ExpansionBudget
{
    /// <summary>What everything nested inside one top-level file may expand to.</summary>
    public const long PerFileBytes = 1L << 30;

    /// <summary>What everything nested in one layer may expand to at least.</summary>
    public const long PerLayerFloorBytes = 2L << 30;

    /// <summary>Beyond the floor, a layer's nested content may expand to this many times its own files' bytes.</summary>
    public const int PerLayerRatio = 4;

    private readonly long _perFile;
    private readonly long _perLayerFloor;
    private long _file;
    private long _layer;
    private long _layerFiles;

    public ExpansionBudget()
        : this(PerFileBytes, PerLayerFloorBytes)
    {
    }

    /// <summary>Other bounds, for tests that cannot afford gigabytes.</summary>
    internal ExpansionBudget(long perFile, long perLayerFloor)
    {
        _perFile = perFile;
        _perLayerFloor = perLayerFloor;
    }

    /// <summary>The same bounds, nothing spent: for a scanner on another thread.</summary>
    public ExpansionBudget Fresh() => new(_perFile, _perLayerFloor);

    /// <summary>Bytes charged in the current layer, for tests and statistics.</summary>
    public long LayerExpanded => _layer;

    /// <summary>Starts a new layer (or the publish folder): its own budget.</summary>
    public void BeginLayer()
    {
        _layer = 0;
        _layerFiles = 0;
    }

    /// <summary>Starts a top-level file of the layer, <paramref name="size"/> bytes (-1 when unknown).</summary>
    public void BeginFile(long size)
    {
        _file = 0;
        _layerFiles += Math.Max(size, 0);
    }

    private long LayerLimit => Math.Max(_perLayerFloor, _layerFiles > long.MaxValue / PerLayerRatio ? long.MaxValue : _layerFiles * PerLayerRatio);

    /// <exception cref="ExpansionBudgetException">The file's or the layer's budget is spent.</exception>
    public void Charge(long bytes, string archivePath)
    {
        if (bytes <= 0)
        {
            return;
        }

        _file = SaturatingAdd(_file, bytes);
        _layer = SaturatingAdd(_layer, bytes);
        ThrowIfPast(_file, _layer, archivePath);
    }

    /// <summary>
    /// Throws now if <paramref name="bytes"/> about to be decompressed (each charged as it is) would run
    /// past the budget, so that content which cannot fit is not decompressed up to the budget first.
    /// </summary>
    /// <exception cref="ExpansionBudgetException">The file's or the layer's budget cannot hold them.</exception>
    public void EnsureRoomFor(long bytes, string archivePath)
    {
        if (bytes > 0)
        {
            ThrowIfPast(SaturatingAdd(_file, bytes), SaturatingAdd(_layer, bytes), archivePath);
        }
    }

    private void ThrowIfPast(long file, long layer, string archivePath)
    {
        if (file > _perFile)
        {
            throw new ExpansionBudgetException(Messages.FileBudgetExceeded(_perFile >> 20));
        }

        if (layer > LayerLimit)
        {
            throw new ExpansionBudgetException(Messages.LayerBudgetExceeded(LayerLimit >> 20, archivePath));
        }
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    /// <summary>A stream that charges every byte it delivers to the budget.</summary>
    public Stream Charging(Stream inner, string archivePath) => new ChargingStream(inner, this, archivePath);

    private sealed class ChargingStream(Stream inner, ExpansionBudget budget, string archivePath) : ForwardReadStream
    {
        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            budget.Charge(n, archivePath);
            return n;
        }
    }
}

/// <summary>The diagnostic code of each way an image fails to read: one mapping for every scanner.</summary>
internal static class ImageReadCodes
{
    /// <param name="withinLayer">True while a layer was being read: what cannot be read there is that layer (SG0003), not the whole image (SG0001).</param>
    public static string For(ImageReadFailure failure, bool withinLayer) => failure switch
    {
        ImageReadFailure.Registry => DiagnosticCodes.BaseImageUnavailable,
        ImageReadFailure.MissingBlob => DiagnosticCodes.LayerMissing,
        ImageReadFailure.CorruptLayer => DiagnosticCodes.LayerCorrupt,
        _ => withinLayer ? DiagnosticCodes.LayerCorrupt : DiagnosticCodes.ImageUnreadable,
    };
}
