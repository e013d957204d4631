using PveAgent.Core.State;

namespace PveAgent.Benchmarks.Support;

/// <summary>Answers every read with one snapshot taken beforehand, to time planning without the cluster read.</summary>
public sealed class FixedSnapshot(ClusterSnapshot snapshot) : IClusterSnapshotSource
{
    public Task<ClusterSnapshot> ReadAsync(CancellationToken cancellationToken = default) => Task.FromResult(snapshot);
}
