namespace PveAgent.Simulator.Proxmox.Model;

/// <summary>A storage definition (<c>/etc/pve/storage.cfg</c> entry) and its fill level.</summary>
internal sealed class SimStorage
{
    /// <summary>Storage id, e.g. <c>local-lvm</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>Plugin type: <c>dir</c>, <c>lvmthin</c>, <c>nfs</c> ….</summary>
    public string Type { get; set; } = "dir";

    /// <summary>Allowed content, comma-separated.</summary>
    public string Content { get; set; } = "";

    /// <summary>True for storage every node sees (NFS).</summary>
    public bool Shared { get; set; }

    /// <summary>Nodes that have it; empty means all.</summary>
    public List<string> Nodes { get; } = [];

    /// <summary>Size in bytes per node (shared storage: the same figure everywhere).</summary>
    public Dictionary<string, long> TotalBytes { get; } = new(StringComparer.Ordinal);

    /// <summary>Used bytes per node.</summary>
    public Dictionary<string, long> UsedBytes { get; } = new(StringComparer.Ordinal);
}
