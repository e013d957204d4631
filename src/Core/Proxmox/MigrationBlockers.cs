using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>Why a node is not an allowed migration target.</summary>
public sealed record MigrationBlockers
{
    // "?? []" in the init accessors: the JSON source generator assigns null to an absent init-only property,
    // which would otherwise wipe the empty default.
    /// <summary>Storages the guest uses that the node lacks.</summary>
    [JsonPropertyName("unavailable_storages")]
    public IReadOnlyList<string> UnavailableStorages { get; init => field = value ?? []; } = [];

    /// <summary>Mapped devices (config keys) without an entry for that node.</summary>
    [JsonPropertyName("unavailable-resources")]
    public IReadOnlyList<string> UnavailableResources { get; init => field = value ?? []; } = [];

    /// <summary>HA resources whose rules forbid the move.</summary>
    [JsonPropertyName("blocking-ha-resources")]
    public IReadOnlyList<BlockingHaResource> BlockingHaResources { get; init => field = value ?? []; } = [];
}
