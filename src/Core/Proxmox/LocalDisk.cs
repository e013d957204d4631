using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>A disk on node-local storage, as listed by the migrate precondition.</summary>
public sealed record LocalDisk
{
    /// <summary>Volume id, e.g. <c>local-lvm:vm-101-disk-0</c>.</summary>
    [JsonPropertyName("volid")]
    public required string VolId { get; init; }

    /// <summary>Size in bytes.</summary>
    [JsonPropertyName("size")]
    public long? Size { get; init; }

    /// <summary>The disk is a CD-ROM.</summary>
    [JsonPropertyName("cdrom")]
    public bool? Cdrom { get; init; }

    /// <summary>The disk is not attached (an <c>unusedN</c> entry).</summary>
    [JsonPropertyName("is_unused")]
    public bool? IsUnused { get; init; }
}
