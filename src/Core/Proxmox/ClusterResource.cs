using System.Text.Json.Serialization;
using PveAgent.Core.State;

namespace PveAgent.Core.Proxmox;

/// <summary>One entry of <c>GET /cluster/resources</c>: a guest, node, storage, pool, SDN zone or network; fields depend on <see cref="Type"/>.</summary>
/// <remarks>Data is pvestatd's broadcast (refreshed every ~10 s), not a live query; a guest on an offline node has status <c>unknown</c> and no metrics.</remarks>
public sealed record ClusterResource
{
    /// <summary><c>qemu/101</c>, <c>lxc/200</c>, <c>node/pve1</c>, <c>storage/pve1/local</c>, <c>/pool/name</c> (leading slash), <c>sdn/…</c>, <c>network/…</c>.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary><c>qemu</c>, <c>lxc</c>, <c>node</c>, <c>storage</c>, <c>pool</c>, <c>sdn</c>, <c>network</c> (or <c>openvz</c> on very old clusters).</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>Node the resource lives on (not set for pools).</summary>
    [JsonPropertyName("node")]
    public string? Node { get; init; }

    /// <summary>Guest id (guests only).</summary>
    [JsonPropertyName("vmid")]
    public int? VmId { get; init; }

    /// <summary>Guest name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Guests: <c>running</c>/<c>stopped</c>/<c>unknown</c>; nodes: <c>online</c>/<c>offline</c>/<c>unknown</c>; storage: <c>available</c>/<c>unknown</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>True for templates.</summary>
    [JsonPropertyName("template")]
    public bool? Template { get; init; }

    /// <summary>Tags as PVE stores them (separated by <c>;</c>); see <see cref="TagList"/>.</summary>
    [JsonPropertyName("tags")]
    public string? Tags { get; init; }

    /// <summary>Config lock held on the guest (<c>backup</c>, <c>migrate</c> …).</summary>
    [JsonPropertyName("lock")]
    public string? Lock { get; init; }

    /// <summary>HA state when HA-managed (<c>started</c>, <c>stopped</c>, <c>migrate</c> …).</summary>
    [JsonPropertyName("hastate")]
    public string? HaState { get; init; }

    /// <summary>Resource pool of the guest (only visible with Pool.Audit); for pool entries the pool id.</summary>
    [JsonPropertyName("pool")]
    public string? Pool { get; init; }

    /// <summary>CPU utilisation 0–1 relative to <see cref="MaxCpu"/>.</summary>
    [JsonPropertyName("cpu")]
    public double? Cpu { get; init; }

    /// <summary>CPUs (node cores, or a guest's vCPUs / CPU limit, which may be fractional).</summary>
    [JsonPropertyName("maxcpu")]
    public double? MaxCpu { get; init; }

    /// <summary>Used memory in bytes.</summary>
    [JsonPropertyName("mem")]
    public long? Memory { get; init; }

    /// <summary>Total or configured memory in bytes.</summary>
    [JsonPropertyName("maxmem")]
    public long? MaxMemory { get; init; }

    /// <summary>Memory the guest uses on the host in bytes (PVE 9).</summary>
    [JsonPropertyName("memhost")]
    public long? MemoryOnHost { get; init; }

    /// <summary>Used disk in bytes (root fs for nodes and containers, storage usage for storages).</summary>
    [JsonPropertyName("disk")]
    public long? Disk { get; init; }

    /// <summary>Disk size in bytes.</summary>
    [JsonPropertyName("maxdisk")]
    public long? MaxDisk { get; init; }

    /// <summary>Uptime in seconds.</summary>
    [JsonPropertyName("uptime")]
    public long? Uptime { get; init; }

    /// <summary>Bytes received by the guest since start.</summary>
    [JsonPropertyName("netin")]
    public long? NetIn { get; init; }

    /// <summary>Bytes sent by the guest since start.</summary>
    [JsonPropertyName("netout")]
    public long? NetOut { get; init; }

    /// <summary>Bytes the guest read from disk since start.</summary>
    [JsonPropertyName("diskread")]
    public long? DiskRead { get; init; }

    /// <summary>Bytes the guest wrote to disk since start.</summary>
    [JsonPropertyName("diskwrite")]
    public long? DiskWrite { get; init; }

    /// <summary>Storage id (storage entries).</summary>
    [JsonPropertyName("storage")]
    public string? Storage { get; init; }

    /// <summary>Storage plugin, e.g. <c>dir</c>, <c>zfspool</c>, <c>lvmthin</c>.</summary>
    [JsonPropertyName("plugintype")]
    public string? PluginType { get; init; }

    /// <summary>Storage content types, comma-separated (<c>images,rootdir</c>).</summary>
    [JsonPropertyName("content")]
    public string? Content { get; init; }

    /// <summary>True for storage shared between nodes.</summary>
    [JsonPropertyName("shared")]
    public bool? Shared { get; init; }

    /// <summary>Node subscription level.</summary>
    [JsonPropertyName("level")]
    public string? Level { get; init; }

    /// <summary>Node cgroup version.</summary>
    [JsonPropertyName("cgroup-mode")]
    public int? CgroupMode { get; init; }

    /// <summary>Node CPU architecture (<c>x86_64</c>, <c>aarch64</c>; PVE 9.2+).</summary>
    [JsonPropertyName("host-arch")]
    public string? HostArch { get; init; }

    /// <summary>SDN zone id (sdn entries).</summary>
    [JsonPropertyName("sdn")]
    public string? Sdn { get; init; }

    /// <summary>True for <c>qemu</c> and <c>lxc</c> entries.</summary>
    [JsonIgnore]
    public bool IsGuest => Type is "qemu" or "lxc";

    /// <summary>The guest kind for guest entries, else null.</summary>
    [JsonIgnore]
    public GuestType? GuestType => Type switch
    {
        "qemu" => State.GuestType.Qemu,
        "lxc" => State.GuestType.Lxc,
        _ => null,
    };

    /// <summary><see cref="Tags"/> split into single tags.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> TagList => PropertyString.SplitList(Tags);
}
