using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>A cluster-wide PCI resource mapping (<c>GET /cluster/mapping/pci</c>): one logical device, one or more physical devices per node.</summary>
public sealed record PciMapping
{
    /// <summary>Mapping id, used as <c>hostpciN: mapping=&lt;id&gt;</c>.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Free-text description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    // "?? []" in the init accessors: the JSON source generator assigns null to an absent init-only property,
    // which would otherwise wipe the empty default.
    /// <summary>Raw per-node entries: <c>node=…,path=…,id=vendor:device[,iommugroup=n]…</c>; see <see cref="Entries"/>.</summary>
    [JsonPropertyName("map")]
    public IReadOnlyList<string> Map { get; init => field = value ?? []; } = [];

    /// <summary>The mapped devices may be used as mediated devices.</summary>
    [JsonPropertyName("mdev")]
    public bool? Mdev { get; init; }

    /// <summary>Live migration of guests using this mapping is allowed (experimental in PVE).</summary>
    [JsonPropertyName("live-migration-capable")]
    public bool? LiveMigrationCapable { get; init; }

    /// <summary>Diagnostics, only when requested with a check node.</summary>
    [JsonPropertyName("checks")]
    public IReadOnlyList<PciMappingCheck> Checks { get; init => field = value ?? []; } = [];

    /// <summary><see cref="Map"/> parsed.</summary>
    [JsonIgnore]
    public IReadOnlyList<PciMappingEntry> Entries => [.. Map.Select(PciMappingEntry.Parse)];

    /// <summary>True when the mapping has at least one device on <paramref name="node"/>.</summary>
    public bool CoversNode(string node) => Entries.Any(e => string.Equals(e.Node, node, StringComparison.Ordinal));
}
