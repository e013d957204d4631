using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>The <c>ha</c> object of a guest's status.</summary>
public sealed record GuestHaStatus
{
    /// <summary>True when the HA manager manages the guest.</summary>
    [JsonPropertyName("managed")]
    public bool Managed { get; init; }

    /// <summary>HA state, when managed (<c>started</c>, <c>stopped</c> …).</summary>
    [JsonPropertyName("state")]
    public string? State { get; init; }

    /// <summary>HA group, when managed and grouped.</summary>
    [JsonPropertyName("group")]
    public string? Group { get; init; }
}
