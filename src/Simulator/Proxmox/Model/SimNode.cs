namespace PveAgent.Simulator.Proxmox.Model;

/// <summary>A simulated Proxmox node: fixed hardware, power state and the time its current boot started.</summary>
internal sealed class SimNode
{
    /// <summary>Node name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Address from the registry.</summary>
    public string Host { get; set; } = "";

    /// <summary>Corosync node id (1-based).</summary>
    public int NodeId { get; set; }

    /// <summary>Role from the registry (<c>gpu-worker</c> …), informational.</summary>
    public string? Role { get; set; }

    /// <summary>CPU model string as <c>/proc/cpuinfo</c> shows it.</summary>
    public string CpuModel { get; set; } = "";

    /// <summary>CPU clock as PVE reports it (a string, e.g. <c>3400.000</c>).</summary>
    public string CpuMhz { get; set; } = "";

    /// <summary>Sockets.</summary>
    public int Sockets { get; set; } = 1;

    /// <summary>Physical cores over all sockets.</summary>
    public int Cores { get; set; }

    /// <summary>Hardware threads (what PVE calls cpus / maxcpu).</summary>
    public int Threads { get; set; }

    /// <summary>Installed memory in bytes.</summary>
    public long MemoryBytes { get; set; }

    /// <summary>Swap in bytes.</summary>
    public long SwapBytes { get; set; }

    /// <summary>Root filesystem size in bytes.</summary>
    public long RootfsBytes { get; set; }

    /// <summary>Root filesystem bytes used at boot.</summary>
    public long RootfsUsedBytes { get; set; }

    /// <summary>Kernel release, e.g. <c>6.14.11-4-pve</c>.</summary>
    public string KernelRelease { get; set; } = "";

    /// <summary>Boot mode: <c>efi</c> or <c>legacy-bios</c>.</summary>
    public string BootMode { get; set; } = "efi";

    /// <summary>SHA-256 fingerprint of the node certificate, <c>AB:CD:…</c>.</summary>
    public string SslFingerprint { get; set; } = "";

    /// <summary>Wake-on-LAN MAC, when the node can be woken.</summary>
    public string? WakeOnLanMac { get; set; }

    /// <summary>Seconds a woken node needs to come online.</summary>
    public double BootSeconds { get; set; } = 90;

    /// <summary>True while the node is up.</summary>
    public bool Online { get; set; } = true;

    /// <summary>When a woken node will be online, while it boots.</summary>
    public DateTimeOffset? WakesAt { get; set; }

    /// <summary>When the current boot started (uptime base).</summary>
    public DateTimeOffset BootedAt { get; set; }

    /// <summary>PCI devices, sorted by id.</summary>
    public List<SimPciDevice> PciDevices { get; } = [];
}
