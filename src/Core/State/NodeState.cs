using PveAgent.Core.Registry;

namespace PveAgent.Core.State;

/// <summary>A node as seen at snapshot time: Proxmox figures, accelerators and the registry entry it belongs to.</summary>
public sealed record NodeState
{
    /// <summary>Proxmox node name.</summary>
    public required string Name { get; init; }

    /// <summary>Membership state.</summary>
    public required NodeStatus Status { get; init; }

    /// <summary>CPU utilisation, 0–1 (Proxmox's <c>cpu</c>).</summary>
    public double Cpu { get; init; }

    /// <summary>Number of logical CPUs (<c>maxcpu</c>).</summary>
    public int MaxCpu { get; init; }

    /// <summary>Used memory in bytes.</summary>
    public long Memory { get; init; }

    /// <summary>Total memory in bytes.</summary>
    public long MaxMemory { get; init; }

    /// <summary>Seconds since boot.</summary>
    public long UptimeSeconds { get; init; }

    /// <summary>Accelerators with telemetry (or as configured when telemetry is unavailable).</summary>
    public IReadOnlyList<AcceleratorState> Accelerators { get; init; } = [];

    /// <summary>The registry entry, or null for a node Proxmox knows that <c>cluster.yaml</c> does not.</summary>
    public NodeConfig? Config { get; init; }

    /// <summary>Why telemetry is missing, when it is.</summary>
    public string? TelemetryError { get; init; }

    /// <summary>Free memory in bytes.</summary>
    public long FreeMemory => Math.Max(0, MaxMemory - Memory);
}
