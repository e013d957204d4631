namespace PveAgent.Core.Proxmox;

/// <summary>How to clone a guest (<c>POST …/{vmid}/clone</c>).</summary>
public sealed record CloneOptions
{
    /// <summary>Id of the new guest (see <see cref="IProxmoxApi.GetNextIdAsync"/>).</summary>
    public required int NewId { get; init; }

    /// <summary>Name of the new VM, or hostname of the new container.</summary>
    public string? Name { get; init; }

    /// <summary>Node to create the clone on (needs shared storage or a full clone); default the source node.</summary>
    public string? TargetNode { get; init; }

    /// <summary>Full copy instead of a linked clone (linked clones need a template source).</summary>
    public bool? Full { get; init; }

    /// <summary>Target storage for a full clone.</summary>
    public string? Storage { get; init; }

    /// <summary>Description of the new guest.</summary>
    public string? Description { get; init; }

    /// <summary>Resource pool to add the clone to.</summary>
    public string? Pool { get; init; }

    /// <summary>Snapshot to clone from instead of the current state.</summary>
    public string? SnapshotName { get; init; }
}
