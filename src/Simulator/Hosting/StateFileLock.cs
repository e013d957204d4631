namespace PveAgent.Simulator.Hosting;

/// <summary>
/// An exclusive lock on <c>simulator.json.lock</c> so that two CLI processes never interleave load-handle-save cycles; the
/// operating system releases it when the process dies, so a crashed command leaves no stale lock behind.
/// </summary>
internal sealed class StateFileLock : IDisposable
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(15);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    private readonly FileStream _stream;

    private StateFileLock(FileStream stream) => _stream = stream;

    /// <summary>Waits (on the real clock: this is about other processes) until the lock is free.</summary>
    public static async Task<StateFileLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            if (TryOpen(path) is { } stream)
            {
                return new StateFileLock(stream);
            }

            ThrowIfTimedOut(path, started);
            await Task.Delay(RetryEvery, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Synchronous variant for <see cref="SimulatorEngine.Reset"/>.</summary>
    public static StateFileLock Acquire(string path)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            if (TryOpen(path) is { } stream)
            {
                return new StateFileLock(stream);
            }

            ThrowIfTimedOut(path, started);
            Thread.Sleep(RetryEvery);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    private static FileStream? TryOpen(string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void ThrowIfTimedOut(string path, long started)
    {
        if (TimeProvider.System.GetElapsedTime(started) > GiveUpAfter)
        {
            throw new TimeoutException(
                $"Another pve-agent process has held the simulator state lock {path} for {GiveUpAfter.TotalSeconds:0} s. " +
                "Wait for it to finish, or stop it; the lock is released when that process exits.");
        }
    }
}
