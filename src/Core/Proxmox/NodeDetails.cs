using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>A node's live status (<c>GET /nodes/{node}/status</c>).</summary>
public sealed record NodeDetails
{
    /// <summary>CPU utilisation 0–1.</summary>
    [JsonPropertyName("cpu")]
    public double? Cpu { get; init; }

    /// <summary>IO wait share 0–1.</summary>
    [JsonPropertyName("wait")]
    public double? IoWait { get; init; }

    // "?? []" in the init accessors: the JSON source generator assigns null to an absent init-only property,
    // which would otherwise wipe the empty default.
    /// <summary>Load average over 1, 5 and 15 minutes (PVE sends them as strings).</summary>
    [JsonPropertyName("loadavg")]
    public IReadOnlyList<double> LoadAverage { get; init => field = value ?? []; } = [];

    /// <summary>Uptime in seconds.</summary>
    [JsonPropertyName("uptime")]
    public long? Uptime { get; init; }

    /// <summary>pve-manager version string, e.g. <c>pve-manager/8.4.14/b502d23c55afcba1</c>.</summary>
    [JsonPropertyName("pveversion")]
    public string? PveVersion { get; init; }

    /// <summary>Kernel version line.</summary>
    [JsonPropertyName("kversion")]
    public string? KernelVersion { get; init; }

    /// <summary>CPU model and topology.</summary>
    [JsonPropertyName("cpuinfo")]
    public NodeCpuInfo? CpuInfo { get; init; }

    /// <summary>RAM usage.</summary>
    [JsonPropertyName("memory")]
    public NodeMemoryInfo? Memory { get; init; }

    /// <summary>Swap usage.</summary>
    [JsonPropertyName("swap")]
    public NodeMemoryInfo? Swap { get; init; }

    /// <summary>Root file system usage.</summary>
    [JsonPropertyName("rootfs")]
    public NodeDiskInfo? RootFs { get; init; }

    /// <summary>Boot mode (PVE 8+).</summary>
    [JsonPropertyName("boot-info")]
    public NodeBootInfo? BootInfo { get; init; }

    /// <summary>Running kernel (PVE 8+).</summary>
    [JsonPropertyName("current-kernel")]
    public NodeKernelInfo? CurrentKernel { get; init; }
}
