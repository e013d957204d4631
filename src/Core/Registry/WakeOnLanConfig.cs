namespace PveAgent.Core.Registry;

/// <summary>How to wake a sleeping node (<c>nodes.&lt;name&gt;.wake_on_lan</c>).</summary>
public sealed record WakeOnLanConfig
{
    /// <summary>MAC address of the node's wake-capable NIC, <c>AA:BB:CC:DD:EE:FF</c>.</summary>
    public required string Mac { get; init; }

    /// <summary>Node through whose Proxmox API the magic packet is sent (<c>POST /nodes/{node}/wakeonlan</c>); by default any online node.</summary>
    public string? Via { get; init; }

    /// <summary>Seconds a woken node usually needs to rejoin the cluster (default 90).</summary>
    public double BootSeconds { get; init; } = 90;
}
