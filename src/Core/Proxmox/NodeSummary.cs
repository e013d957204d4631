using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>A cluster node as listed by <c>GET /nodes</c>.</summary>
public sealed record NodeSummary
{
    /// <summary>Node name.</summary>
    [JsonPropertyName("node")]
    public required string Node { get; init; }

    /// <summary><c>online</c>, <c>offline</c> or <c>unknown</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>SHA-256 fingerprint of the node's pveproxy certificate (<c>AB:CD:…</c>).</summary>
    [JsonPropertyName("ssl_fingerprint")]
    public string? SslFingerprint { get; init; }

    /// <summary>CPU utilisation 0–1.</summary>
    [JsonPropertyName("cpu")]
    public double? Cpu { get; init; }

    /// <summary>Logical CPUs.</summary>
    [JsonPropertyName("maxcpu")]
    public int? MaxCpu { get; init; }

    /// <summary>Used memory in bytes.</summary>
    [JsonPropertyName("mem")]
    public long? Memory { get; init; }

    /// <summary>Total memory in bytes.</summary>
    [JsonPropertyName("maxmem")]
    public long? MaxMemory { get; init; }

    /// <summary>Used root disk in bytes.</summary>
    [JsonPropertyName("disk")]
    public long? Disk { get; init; }

    /// <summary>Root disk size in bytes.</summary>
    [JsonPropertyName("maxdisk")]
    public long? MaxDisk { get; init; }

    /// <summary>Uptime in seconds.</summary>
    [JsonPropertyName("uptime")]
    public long? Uptime { get; init; }

    /// <summary>Subscription level (empty without subscription).</summary>
    [JsonPropertyName("level")]
    public string? Level { get; init; }

    /// <summary>True when <see cref="Status"/> is <c>online</c>.</summary>
    [JsonIgnore]
    public bool IsOnline => Status == "online";
}
