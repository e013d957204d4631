using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>A storage as seen from one node (<c>GET /nodes/{node}/storage</c>).</summary>
public sealed record StorageStatus
{
    /// <summary>Storage id.</summary>
    [JsonPropertyName("storage")]
    public required string Storage { get; init; }

    /// <summary>Storage plugin type (<c>dir</c>, <c>zfspool</c>, <c>lvmthin</c>, <c>nfs</c> …).</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>Allowed content types, comma-separated (<c>images,rootdir,vztmpl</c>).</summary>
    [JsonPropertyName("content")]
    public string? Content { get; init; }

    /// <summary>Storage is active on this node.</summary>
    [JsonPropertyName("active")]
    public bool? Active { get; init; }

    /// <summary>Storage is enabled in the config.</summary>
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; init; }

    /// <summary>Shared between nodes.</summary>
    [JsonPropertyName("shared")]
    public bool? Shared { get; init; }

    /// <summary>Size in bytes.</summary>
    [JsonPropertyName("total")]
    public long? Total { get; init; }

    /// <summary>Used bytes.</summary>
    [JsonPropertyName("used")]
    public long? Used { get; init; }

    /// <summary>Available bytes.</summary>
    [JsonPropertyName("avail")]
    public long? Available { get; init; }

    /// <summary>Used share 0–1.</summary>
    [JsonPropertyName("used_fraction")]
    public double? UsedFraction { get; init; }

    /// <summary><see cref="Content"/> split into single content types.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> ContentTypes => PropertyString.SplitList(Content);
}
