using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>An HA resource that blocks a migration to some node.</summary>
public sealed record BlockingHaResource
{
    /// <summary>HA service id, e.g. <c>vm:102</c>.</summary>
    [JsonPropertyName("sid")]
    public required string Sid { get; init; }

    /// <summary><c>resource-affinity</c> or <c>node-affinity</c>.</summary>
    [JsonPropertyName("cause")]
    public string? Cause { get; init; }
}
