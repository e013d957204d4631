using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>A node's root file system usage, in bytes.</summary>
public sealed record NodeDiskInfo
{
    /// <summary>Total bytes.</summary>
    [JsonPropertyName("total")]
    public long Total { get; init; }

    /// <summary>Used bytes.</summary>
    [JsonPropertyName("used")]
    public long Used { get; init; }

    /// <summary>Free bytes.</summary>
    [JsonPropertyName("free")]
    public long Free { get; init; }

    /// <summary>Bytes available to unprivileged users.</summary>
    [JsonPropertyName("avail")]
    public long Available { get; init; }
}
