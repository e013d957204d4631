namespace PveAgent.Simulator.Proxmox.Model;

/// <summary>A guest snapshot: a copy of the configuration at the time it was taken.</summary>
internal sealed class SimSnapshot
{
    /// <summary>Snapshot name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Description given when it was taken.</summary>
    public string Description { get; set; } = "";

    /// <summary>Unix time it was taken.</summary>
    public long SnapTime { get; set; }

    /// <summary>True when the VM's RAM was saved with it.</summary>
    public bool VmState { get; set; }

    /// <summary>Snapshot this one was taken after, when any.</summary>
    public string? Parent { get; set; }

    /// <summary>The guest configuration captured.</summary>
    public SortedDictionary<string, string> Config { get; } = new(StringComparer.Ordinal);
}
