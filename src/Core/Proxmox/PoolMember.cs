using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>A guest or storage in a resource pool.</summary>
public sealed record PoolMember
{
    /// <summary>Resource id as in <c>/cluster/resources</c> (<c>qemu/101</c>, <c>storage/pve1/local</c>).</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary><c>qemu</c>, <c>lxc</c>, <c>storage</c> (or <c>openvz</c>).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>Node of the member.</summary>
    [JsonPropertyName("node")]
    public string? Node { get; init; }

    /// <summary>Guest id, for guests.</summary>
    [JsonPropertyName("vmid")]
    public int? VmId { get; init; }

    /// <summary>Storage id, for storages.</summary>
    [JsonPropertyName("storage")]
    public string? Storage { get; init; }
}
