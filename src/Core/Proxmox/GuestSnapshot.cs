using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>A snapshot of a guest (<c>GET …/{vmid}/snapshot</c>); the list always contains the pseudo-snapshot <c>current</c>.</summary>
public sealed record GuestSnapshot
{
    /// <summary>Snapshot name; <c>current</c> stands for the live state.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Parent snapshot name.</summary>
    [JsonPropertyName("parent")]
    public string? Parent { get; init; }

    /// <summary>Creation time as Unix seconds.</summary>
    [JsonPropertyName("snaptime")]
    public long? SnapTime { get; init; }

    /// <summary>The snapshot includes RAM (VMs).</summary>
    [JsonPropertyName("vmstate")]
    public bool? VmState { get; init; }

    /// <summary>True for the <c>current</c> pseudo-entry.</summary>
    [JsonIgnore]
    public bool IsCurrent => Name == "current";

    /// <summary>Creation time, when known.</summary>
    [JsonIgnore]
    public DateTimeOffset? CreatedAt => SnapTime is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
