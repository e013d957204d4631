using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>A mapped device of a guest, as described by the migrate precondition.</summary>
public sealed record MappedResource
{
    /// <summary>Mapping id.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The mapping is marked live-migration capable (PVE omits the key otherwise).</summary>
    [JsonPropertyName("live-migration")]
    public bool LiveMigration { get; init; }
}
