namespace PveAgent.Core.Registry;

/// <summary>One Proxmox node as described in <c>cluster.yaml</c> (<c>nodes.&lt;name&gt;</c>).</summary>
public sealed record NodeConfig
{
    /// <summary>Proxmox node name (the key under <c>nodes:</c>).</summary>
    public required string Name { get; init; }

    /// <summary>IP address or hostname.</summary>
    public required string Host { get; init; }

    /// <summary>Free-form role, e.g. <c>gpu-worker</c>, <c>storage-compute</c>, <c>accelerator</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Accelerators in the node.</summary>
    public IReadOnlyList<AcceleratorConfig> Accelerators { get; init; } = [];

    /// <summary>What the node may be asked to do (see <see cref="Capabilities"/>).</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>Inference services running on the node or its guests.</summary>
    public IReadOnlyList<ServiceConfig> Services { get; init; } = [];

    /// <summary>Storage attached to the node.</summary>
    public IReadOnlyList<StorageConfig> Storage { get; init; } = [];

    /// <summary>Power figures; when absent the router uses estimates per accelerator.</summary>
    public PowerProfile? Power { get; init; }

    /// <summary>Wake-on-LAN settings, when the node may sleep.</summary>
    public WakeOnLanConfig? WakeOnLan { get; init; }

    /// <summary>Telemetry transport.</summary>
    public TelemetryConfig Telemetry { get; init; } = new();
}
