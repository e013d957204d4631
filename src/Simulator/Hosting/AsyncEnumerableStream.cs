namespace PveAgent.Simulator.Hosting;

/// <summary>A read-only stream over chunks produced asynchronously, so a streaming body reaches the reader chunk by chunk.</summary>
internal sealed class AsyncEnumerableStream(IAsyncEnumerable<ReadOnlyMemory<byte>> chunks) : Stream
{
    private IAsyncEnumerator<ReadOnlyMemory<byte>>? _enumerator;
    private ReadOnlyMemory<byte> _current;
    private bool _finished;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_current.IsEmpty)
        {
            if (_finished)
            {
                return 0;
            }

            // The enumerator takes the token of the first read: the request's token may be gone by the time the body is read.
            _enumerator ??= chunks.GetAsyncEnumerator(cancellationToken);
            if (!await _enumerator.MoveNextAsync().ConfigureAwait(false))
            {
                _finished = true;
                return 0;
            }

            _current = _enumerator.Current;
        }

        var count = Math.Min(buffer.Length, _current.Length);
        _current[..count].CopyTo(buffer);
        _current = _current[count..];
        return count;
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Simulated streaming bodies can only be read asynchronously.");

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (_enumerator is not null)
        {
            await _enumerator.DisposeAsync().ConfigureAwait(false);
            _enumerator = null;
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _enumerator is not null)
        {
            // Disposing an async enumerator synchronously: fire its cleanup; the producer only holds simulated timers.
            _ = _enumerator.DisposeAsync().AsTask();
            _enumerator = null;
        }

        base.Dispose(disposing);
    }
}
