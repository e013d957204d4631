using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>
/// What PVE says about migrating a guest before trying (<c>GET …/{vmid}/migrate</c>). Raw local PCI devices show up in
/// <see cref="LocalResources"/>: the migrate call itself would be accepted and then fail inside the task.
/// </summary>
public sealed record MigratePrecondition
{
    /// <summary>The guest is running (a VM then needs online migration, a container restart mode).</summary>
    [JsonPropertyName("running")]
    public bool Running { get; init; }

    // "?? []" in the init accessors: the JSON source generator assigns null to an absent init-only property,
    // which would otherwise wipe the empty default.
    /// <summary>Nodes the guest may migrate to.</summary>
    [JsonPropertyName("allowed_nodes")]
    public IReadOnlyList<string> AllowedNodes { get; init => field = value ?? []; } = [];

    /// <summary>Nodes it may not migrate to, with the reasons.</summary>
    [JsonPropertyName("not_allowed_nodes")]
    public IReadOnlyDictionary<string, MigrationBlockers> NotAllowedNodes { get; init => field = value ?? new Dictionary<string, MigrationBlockers>(); } = new Dictionary<string, MigrationBlockers>();

    /// <summary>Local disks (VMs), including CD-ROMs and unused disks.</summary>
    [JsonPropertyName("local_disks")]
    public IReadOnlyList<LocalDisk> LocalDisks { get; init => field = value ?? []; } = [];

    /// <summary>Config keys of local devices that block migration, e.g. <c>hostpci0</c>, <c>usb0</c> (VMs).</summary>
    [JsonPropertyName("local_resources")]
    public IReadOnlyList<string> LocalResources { get; init => field = value ?? []; } = [];

    /// <summary>Config keys of mapped devices (deprecated list; see <see cref="MappedResourceInfo"/>).</summary>
    [JsonPropertyName("mapped-resources")]
    public IReadOnlyList<string> MappedResources { get; init => field = value ?? []; } = [];

    /// <summary>Mapped devices by config key, with their mapping name and whether they support live migration.</summary>
    [JsonPropertyName("mapped-resource-info")]
    public IReadOnlyDictionary<string, MappedResource> MappedResourceInfo { get; init => field = value ?? new Dictionary<string, MappedResource>(); } = new Dictionary<string, MappedResource>();

    /// <summary>HA resources that would move along (positive affinity).</summary>
    [JsonPropertyName("dependent-ha-resources")]
    public IReadOnlyList<string> DependentHaResources { get; init => field = value ?? []; } = [];

    /// <summary>The source host can migrate extra VM state such as conntrack entries.</summary>
    [JsonPropertyName("has-dbus-vmstate")]
    public bool? HasDbusVmState { get; init; }

    /// <summary>True when <paramref name="node"/> is listed as an allowed target.</summary>
    public bool Allows(string node) => AllowedNodes.Contains(node, StringComparer.Ordinal);
}
