using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox.Json;

/// <summary>The container variant of the migrate precondition, which spells its keys with dashes.</summary>
internal sealed record LxcMigratePreconditionWire
{
    [JsonPropertyName("running")]
    public bool Running { get; init; }

    // "?? []" in the init accessors: the JSON source generator assigns null to an absent init-only property,
    // which would otherwise wipe the empty default.
    [JsonPropertyName("allowed-nodes")]
    public IReadOnlyList<string> AllowedNodes { get; init => field = value ?? []; } = [];

    [JsonPropertyName("not-allowed-nodes")]
    public IReadOnlyDictionary<string, MigrationBlockers> NotAllowedNodes { get; init => field = value ?? new Dictionary<string, MigrationBlockers>(); } = new Dictionary<string, MigrationBlockers>();

    [JsonPropertyName("dependent-ha-resources")]
    public IReadOnlyList<string> DependentHaResources { get; init => field = value ?? []; } = [];

    public MigratePrecondition ToPrecondition() => new()
    {
        Running = Running,
        AllowedNodes = AllowedNodes,
        NotAllowedNodes = NotAllowedNodes,
        DependentHaResources = DependentHaResources,
    };
}
