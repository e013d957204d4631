using PveAgent.Core.State;

namespace PveAgent.Core.Tests.Plans;

/// <summary>Answers every read with <see cref="Snapshot"/>, which a test can change (also from inside a fake runner).</summary>
internal sealed class FakeClusterSource(ClusterSnapshot snapshot) : IClusterSnapshotSource
{
    public ClusterSnapshot Snapshot { get; set; } = snapshot;

    public int Reads { get; private set; }

    public Task<ClusterSnapshot> ReadAsync(CancellationToken cancellationToken = default)
    {
        Reads++;
        return Task.FromResult(Snapshot);
    }
}
