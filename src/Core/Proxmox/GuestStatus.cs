using System.Text.Json.Serialization;
using PveAgent.Core.State;

namespace PveAgent.Core.Proxmox;

/// <summary>A guest's live state (<c>GET …/{vmid}/status/current</c>); a paused or suspended VM still has status <c>running</c> (see <see cref="QmpStatus"/>).</summary>
public sealed record GuestStatus
{
    /// <summary>Guest id.</summary>
    [JsonPropertyName("vmid")]
    public required int VmId { get; init; }

    /// <summary>VM or container (set by the client from the endpoint).</summary>
    [JsonIgnore]
    public GuestType Kind { get; init; }

    /// <summary><c>running</c> or <c>stopped</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>Finer QEMU state: <c>running</c>, <c>paused</c>, <c>prelaunch</c>, <c>suspended</c> … (VMs only).</summary>
    [JsonPropertyName("qmpstatus")]
    public string? QmpStatus { get; init; }

    /// <summary>Guest name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Config lock, if any (<c>suspended</c> for a hibernated VM).</summary>
    [JsonPropertyName("lock")]
    public string? Lock { get; init; }

    /// <summary>Tags as stored.</summary>
    [JsonPropertyName("tags")]
    public string? Tags { get; init; }

    /// <summary>True for templates.</summary>
    [JsonPropertyName("template")]
    public bool? Template { get; init; }

    /// <summary>CPU utilisation 0–1 relative to <see cref="Cpus"/>.</summary>
    [JsonPropertyName("cpu")]
    public double? Cpu { get; init; }

    /// <summary>Usable CPUs.</summary>
    [JsonPropertyName("cpus")]
    public double? Cpus { get; init; }

    /// <summary>Used memory in bytes.</summary>
    [JsonPropertyName("mem")]
    public long? Memory { get; init; }

    /// <summary>Configured memory in bytes.</summary>
    [JsonPropertyName("maxmem")]
    public long? MaxMemory { get; init; }

    /// <summary>Memory used on the host in bytes (PVE 9).</summary>
    [JsonPropertyName("memhost")]
    public long? MemoryOnHost { get; init; }

    /// <summary>Used root disk in bytes (containers).</summary>
    [JsonPropertyName("disk")]
    public long? Disk { get; init; }

    /// <summary>Root disk size in bytes.</summary>
    [JsonPropertyName("maxdisk")]
    public long? MaxDisk { get; init; }

    /// <summary>Uptime in seconds.</summary>
    [JsonPropertyName("uptime")]
    public long? Uptime { get; init; }

    /// <summary>Process id when running.</summary>
    [JsonPropertyName("pid")]
    public long? Pid { get; init; }

    /// <summary>QEMU guest agent enabled in the config (VMs).</summary>
    [JsonPropertyName("agent")]
    public bool? Agent { get; init; }

    /// <summary>HA manager state of the guest.</summary>
    [JsonPropertyName("ha")]
    public GuestHaStatus? Ha { get; init; }

    /// <summary>QEMU machine type the VM runs with, e.g. <c>pc-i440fx-8.0+pve0</c>.</summary>
    [JsonPropertyName("running-machine")]
    public string? RunningMachine { get; init; }

    /// <summary>QEMU version the VM runs with.</summary>
    [JsonPropertyName("running-qemu")]
    public string? RunningQemu { get; init; }

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

    /// <summary>True when <see cref="Status"/> is <c>running</c> (includes paused VMs).</summary>
    [JsonIgnore]
    public bool IsRunning => Status == "running";
}
