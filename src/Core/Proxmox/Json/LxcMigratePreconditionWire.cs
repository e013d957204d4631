using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox.Json;

/// <summary>The container variant of the migrate precondition, which spells its keys with dashes.</summary>
internal sealed record LxcMigratePreconditionWire
{
    [JsonPropertyName("running")]
    public bool Running { get; init; }

    [JsonPropertyName("allowed-nodes")]
    public IReadOnlyList<string> AllowedNodes { get; init; } = [];

    [JsonPropertyName("not-allowed-nodes")]
    public IReadOnlyDictionary<string, MigrationBlockers> NotAllowedNodes { get; init; } = new Dictionary<string, MigrationBlockers>();

    [JsonPropertyName("dependent-ha-resources")]
    public IReadOnlyList<string> DependentHaResources { get; init; } = [];

    public MigratePrecondition ToPrecondition() => new()
    {
        Running = Running,
        AllowedNodes = AllowedNodes,
        NotAllowedNodes = NotAllowedNodes,
        DependentHaResources = DependentHaResources,
    };
}
