using System.Buffers;
using System.Runtime.ExceptionServices;
using SecretGuard.Common;

namespace SecretGuard.ImageReading;

/// <summary>
/// Reads its source on a thread of its own, a few chunks ahead of the reader, so that the work behind the
/// source (download, digest, decompression of a layer) runs on one core while the reader (tar parsing
/// and the scan of every file) runs on another. Memory stays bounded: at most
/// <c>chunks × chunkBytes</c> are buffered, taken only as the source gets ahead. A failure of the source is thrown to the reader, with its own
/// type, once the data read before it has been consumed, exactly where a direct read would have thrown.
/// Only the reading thread may use this stream; the source must not be touched by anyone else until
/// this stream has been read to its end or disposed.
/// </summary>
internal sealed class ReadAheadStream : ForwardReadStream
{
    // 2 MB ahead: every chunk a reader takes is memory touched for the first time, and a base image check
    // runs its layers on fewer cores than it has layers, so a layer that waits for its scan leaves the core
    // to another (16 MB ahead cost a quarter more page faults and no speed; docs/performance.md).
    public const int DefaultChunkBytes = 256 * 1024;

    public const int DefaultChunks = 8;

    private readonly Stream _source;
    private readonly object _gate = new();
    private readonly Queue<(byte[] Buffer, int Count)> _filled = new();
    private readonly Stack<byte[]> _free = new();
    private readonly List<byte[]> _all = [];
    private readonly int _chunks;
    private readonly Thread _reader;
    private bool _sourceEnded;
    private bool _stopping;
    private ExceptionDispatchInfo? _failure;
    private byte[]? _current;
    private int _currentCount;
    private int _currentOffset;
    private bool _disposed;

    public ReadAheadStream(Stream source, int chunkBytes = DefaultChunkBytes, int chunks = DefaultChunks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunks, 1);
        _source = source;
        _chunks = chunks;
        ChunkBytes = chunkBytes;
        _reader = CheckThreads.Start("SecretGuard read-ahead", ReadSource);
    }

    /// <summary>How many bytes one chunk holds.</summary>
    public int ChunkBytes { get; }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_current is null || _currentOffset == _currentCount)
        {
            lock (_gate)
            {
                if (_current is not null)
                {
                    _free.Push(_current);
                    _current = null;
                    Monitor.PulseAll(_gate);
                }

                while (_filled.Count == 0 && !_sourceEnded)
                {
                    Monitor.Wait(_gate);
                }

                if (_filled.Count == 0)
                {
                    _failure?.Throw();
                    return 0;
                }

                (_current, _currentCount) = _filled.Dequeue();
                _currentOffset = 0;
            }
        }

        var n = Math.Min(buffer.Length, _currentCount - _currentOffset);
        _current.AsSpan(_currentOffset, n).CopyTo(buffer);
        _currentOffset += n;
        return n;
    }

    private void ReadSource()
    {
        while (true)
        {
            byte[]? buffer = null;
            lock (_gate)
            {
                // Chunks are taken from the pool only as the source gets ahead of the reader: a small layer,
                // or one whose reader keeps up, never holds all of them (fresh memory costs page faults).
                while (_free.Count == 0 && _all.Count == _chunks && !_stopping)
                {
                    Monitor.Wait(_gate);
                }

                if (_stopping)
                {
                    return;
                }

                if (_free.Count > 0)
                {
                    buffer = _free.Pop();
                }
            }

            if (buffer is null)
            {
                buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes); // only this thread adds to _all; Dispose reads it after Join
                _all.Add(buffer);
            }

            var count = 0;
            var n = 0;
            ExceptionDispatchInfo? failure = null;
            try
            {
                do
                {
                    n = _source.Read(buffer, count, ChunkBytes - count);
                    count += n;
                }
                while (n > 0 && count < ChunkBytes);
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex); // what was read before it is still handed over
            }

            lock (_gate)
            {
                if (count > 0)
                {
                    _filled.Enqueue((buffer, count));
                }
                else
                {
                    _free.Push(buffer);
                }

                _failure = failure;
                _sourceEnded = n == 0 || failure is not null;
                Monitor.PulseAll(_gate);
                if (_sourceEnded)
                {
                    return;
                }
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            lock (_gate)
            {
                _stopping = true;
                Monitor.PulseAll(_gate);
            }

            // The source is the caller's to dispose, and must not be in use on the other thread then.
            _reader.Join();
            foreach (var buffer in _all)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        base.Dispose(disposing);
    }
}
