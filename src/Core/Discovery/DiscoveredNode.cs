using PveAgent.Core.Registry;

namespace PveAgent.Core.Discovery;

/// <summary>What discovery found on one node, compared with cluster.yaml.</summary>
public sealed record DiscoveredNode
{
    /// <summary>Node name.</summary>
    public required string Name { get; init; }

    /// <summary>Address Proxmox reports for the node (<c>/cluster/status</c>), when known.</summary>
    public string? Address { get; init; }

    /// <summary>True when cluster.yaml describes this node.</summary>
    public required bool InRegistry { get; init; }

    /// <summary>Accelerators found, in cluster.yaml form (configured names kept where they mean the same device).</summary>
    public required IReadOnlyList<AcceleratorConfig> Found { get; init; }

    /// <summary>Accelerators cluster.yaml lists for the node.</summary>
    public required IReadOnlyList<AcceleratorConfig> Configured { get; init; }

    /// <summary>Each difference in words ("new: 1× RTX 3090", "missing: wormhole-n150").</summary>
    public required IReadOnlyList<string> Differences { get; init; }

    /// <summary>Why the node could not be read, when it could not (offline, no permission).</summary>
    public string? Error { get; init; }

    /// <summary>True when cluster.yaml should change for this node.</summary>
    public bool Differs => Error is null && (Differences.Count > 0 || !InRegistry);
}
