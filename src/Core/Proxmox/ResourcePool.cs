using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>A resource pool (<c>GET /pools</c>); in <c>/cluster/resources</c> its id appears as <c>/pool/&lt;poolid&gt;</c>.</summary>
public sealed record ResourcePool
{
    /// <summary>Pool name.</summary>
    [JsonPropertyName("poolid")]
    public required string PoolId { get; init; }

    /// <summary>Free-text comment.</summary>
    [JsonPropertyName("comment")]
    public string? Comment { get; init; }

    // "?? []" in the init accessors: the JSON source generator assigns null to an absent init-only property,
    // which would otherwise wipe the empty default.
    /// <summary>Members, when PVE listed them.</summary>
    [JsonPropertyName("members")]
    public IReadOnlyList<PoolMember> Members { get; init => field = value ?? []; } = [];
}
