using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>Memory or swap usage of a node, in bytes.</summary>
public sealed record NodeMemoryInfo
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

    /// <summary>Available bytes (memory only, PVE 9+; includes reclaimable caches).</summary>
    [JsonPropertyName("available")]
    public long? Available { get; init; }
}
