namespace PveAgent.Core.State;

/// <summary>
/// An immutable picture of the cluster at one moment: nodes, guests and services, built from one
/// <c>/cluster/resources</c> call plus node status, telemetry and service probes.
/// </summary>
public sealed record ClusterSnapshot
{
    /// <summary>When the snapshot was taken.</summary>
    public required DateTimeOffset TakenAt { get; init; }

    /// <summary>True when the snapshot came from the built-in simulator.</summary>
    public bool Simulated { get; init; }

    /// <summary>Nodes, in registry order then any unknown to the registry.</summary>
    public required IReadOnlyList<NodeState> Nodes { get; init; }

    /// <summary>VMs and containers, by vmid.</summary>
    public required IReadOnlyList<GuestState> Guests { get; init; }

    /// <summary>Inference services.</summary>
    public required IReadOnlyList<ServiceState> Services { get; init; }

    /// <summary>Finds a node by name (case-insensitive).</summary>
    public NodeState? FindNode(string name) =>
        Nodes.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Finds a guest by vmid.</summary>
    public GuestState? FindGuest(int vmId) => Guests.FirstOrDefault(g => g.VmId == vmId);
}
