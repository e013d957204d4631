using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>A diagnostic PVE attached to a PCI mapping for a checked node.</summary>
public sealed record PciMappingCheck
{
    /// <summary><c>warning</c> or <c>error</c>.</summary>
    [JsonPropertyName("severity")]
    public string? Severity { get; init; }

    /// <summary>What is wrong.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
