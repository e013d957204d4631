namespace PveAgent.Core.State;

/// <summary>Reads the cluster as it is now (one <c>/cluster/resources</c> call plus telemetry and service probes).</summary>
public interface IClusterSnapshotSource
{
    /// <summary>Takes a fresh snapshot.</summary>
    Task<ClusterSnapshot> ReadAsync(CancellationToken cancellationToken = default);
}
