using PveAgent.Core.State;

namespace PveAgent.Core.Tests.Execution;

/// <summary>
/// Holds the first snapshot read until the test opens the gate. A run that first reads a file does real I/O, whose
/// continuation runs on a pool thread; parking it here and releasing it from the thread that drives the clock makes the
/// rest of the run as deterministic as one without I/O.
/// </summary>
internal sealed class GatedSnapshots(IClusterSnapshotSource inner) : IClusterSnapshotSource
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Not asynchronous on purpose: opening the gate runs the parked run on the opening thread.
    private readonly TaskCompletionSource _open = new();

    /// <summary>Completes when the run asks for its snapshot (its file I/O is over).</summary>
    public Task Entered => _entered.Task;

    /// <summary>Lets the parked run continue, on the calling thread.</summary>
    public void Open() => _open.TrySetResult();

    public async Task<ClusterSnapshot> ReadAsync(CancellationToken cancellationToken = default)
    {
        _entered.TrySetResult();
        await _open.Task;
        return await inner.ReadAsync(cancellationToken);
    }
}
