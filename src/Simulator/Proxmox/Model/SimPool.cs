namespace PveAgent.Simulator.Proxmox.Model;

/// <summary>A resource pool and its guest members.</summary>
internal sealed class SimPool
{
    /// <summary>Pool id.</summary>
    public string PoolId { get; set; } = "";

    /// <summary>Comment.</summary>
    public string? Comment { get; set; }

    /// <summary>Member guests.</summary>
    public List<int> VmIds { get; } = [];
}
