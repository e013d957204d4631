using System.Text.Json.Serialization;
using PveAgent.Core.State;

namespace PveAgent.Core.Proxmox;

/// <summary>A guest as listed by <c>GET /nodes/{node}/qemu</c> or <c>…/lxc</c>.</summary>
public sealed record GuestSummary
{
    /// <summary>Guest id (old container lists send it as a string; both are accepted).</summary>
    [JsonPropertyName("vmid")]
    public required int VmId { get; init; }

    /// <summary>VM or container (set by the client from the endpoint; not on the wire).</summary>
    [JsonIgnore]
    public GuestType Kind { get; init; }

    /// <summary>Node the list came from (set by the client).</summary>
    [JsonIgnore]
    public string Node { get; init; } = "";

    /// <summary>Guest name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary><c>running</c> or <c>stopped</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>Finer QEMU state (<c>running</c>, <c>paused</c>, <c>prelaunch</c> …), VMs with <c>full=1</c> only.</summary>
    [JsonPropertyName("qmpstatus")]
    public string? QmpStatus { get; init; }

    /// <summary>True for templates.</summary>
    [JsonPropertyName("template")]
    public bool? Template { get; init; }

    /// <summary>Config lock held, if any.</summary>
    [JsonPropertyName("lock")]
    public string? Lock { get; init; }

    /// <summary>Tags as stored (separated by <c>;</c>).</summary>
    [JsonPropertyName("tags")]
    public string? Tags { get; init; }

    /// <summary>CPU utilisation 0–1 relative to <see cref="Cpus"/>.</summary>
    [JsonPropertyName("cpu")]
    public double? Cpu { get; init; }

    /// <summary>Usable CPUs (may be fractional for a CPU limit).</summary>
    [JsonPropertyName("cpus")]
    public double? Cpus { get; init; }

    /// <summary>Used memory in bytes.</summary>
    [JsonPropertyName("mem")]
    public long? Memory { get; init; }

    /// <summary>Configured memory in bytes.</summary>
    [JsonPropertyName("maxmem")]
    public long? MaxMemory { get; init; }

    /// <summary>Used root disk in bytes (containers).</summary>
    [JsonPropertyName("disk")]
    public long? Disk { get; init; }

    /// <summary>Root disk size in bytes.</summary>
    [JsonPropertyName("maxdisk")]
    public long? MaxDisk { get; init; }

    /// <summary>Configured swap in bytes (containers).</summary>
    [JsonPropertyName("maxswap")]
    public long? MaxSwap { get; init; }

    /// <summary>Uptime in seconds.</summary>
    [JsonPropertyName("uptime")]
    public long? Uptime { get; init; }

    /// <summary>Process id of the running guest.</summary>
    [JsonPropertyName("pid")]
    public long? Pid { get; init; }

    /// <summary>Bytes received since start.</summary>
    [JsonPropertyName("netin")]
    public long? NetIn { get; init; }

    /// <summary>Bytes sent since start.</summary>
    [JsonPropertyName("netout")]
    public long? NetOut { get; init; }

    /// <summary>Bytes read from disk since start.</summary>
    [JsonPropertyName("diskread")]
    public long? DiskRead { get; init; }

    /// <summary>Bytes written to disk since start.</summary>
    [JsonPropertyName("diskwrite")]
    public long? DiskWrite { get; init; }

    /// <summary>True when <see cref="Status"/> is <c>running</c>.</summary>
    [JsonIgnore]
    public bool IsRunning => Status == "running";

    /// <summary><see cref="Tags"/> split into single tags.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> TagList => PropertyString.SplitList(Tags);
}
