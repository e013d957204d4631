namespace PveAgent.Simulator.Proxmox.Model;

/// <summary>The change a task makes to the world when it ends (applied only on success unless noted).</summary>
internal sealed class SimTaskEffect
{
    /// <summary>What to do.</summary>
    public SimTaskAction Action { get; set; }

    /// <summary>Guest affected.</summary>
    public int VmId { get; set; }

    /// <summary>Target node (migration, clone).</summary>
    public string? Target { get; set; }

    /// <summary>Snapshot name.</summary>
    public string? SnapName { get; set; }

    /// <summary>Snapshot description.</summary>
    public string? Description { get; set; }

    /// <summary>Action-specific switch: start afterwards (create, rollback), save RAM (snapshot), online (migrate), to disk (suspend).</summary>
    public bool Flag { get; set; }

    /// <summary>Lock the task holds on the guest while it runs, removed when it ends.</summary>
    public string? HeldLock { get; set; }

    /// <summary>Config changes (set) for config tasks.</summary>
    public Dictionary<string, string> Set { get; } = new(StringComparer.Ordinal);

    /// <summary>Config keys to delete for config tasks.</summary>
    public List<string> Delete { get; } = [];
}
