namespace PveAgent.Simulator.Proxmox.Model;

/// <summary>
/// Everything the simulated cluster knows, persisted as the <c>proxmox</c> section of the state file.
/// </summary>
/// <remarks>
/// Mutable on purpose: the world is one aggregate that request handlers change in place under the simulator's lock and that
/// is serialised whole after each request; immutable copies would only add allocation.
/// </remarks>
internal sealed class ProxmoxWorld
{
    /// <summary>Cluster name (from <c>cluster.name</c>).</summary>
    public string ClusterName { get; set; } = "";

    /// <summary>Host the API answers on besides the node hosts.</summary>
    public string ApiHost { get; set; } = "";

    /// <summary>Port the API answers on.</summary>
    public int ApiPort { get; set; } = 8006;

    /// <summary>When the world was seeded.</summary>
    public DateTimeOffset SeededAt { get; set; }

    /// <summary>Next process id handed to a task worker or a guest.</summary>
    public int NextPid { get; set; }

    /// <summary>Nodes in declaration order.</summary>
    public List<SimNode> Nodes { get; } = [];

    /// <summary>Guests (VMs and containers).</summary>
    public List<SimGuest> Guests { get; } = [];

    /// <summary>Tasks, oldest first.</summary>
    public List<SimTask> Tasks { get; } = [];

    /// <summary>Storage definitions.</summary>
    public List<SimStorage> Storages { get; } = [];

    /// <summary>Cluster PCI resource mappings.</summary>
    public List<SimPciMapping> PciMappings { get; } = [];

    /// <summary>Resource pools.</summary>
    public List<SimPool> Pools { get; } = [];

    /// <summary>Finds a node by exact name, or null.</summary>
    public SimNode? FindNode(string name) => Nodes.FirstOrDefault(n => n.Name == name);

    /// <summary>Finds a guest by id, or null.</summary>
    public SimGuest? FindGuest(int vmId) => Guests.FirstOrDefault(g => g.VmId == vmId);

    /// <summary>Hands out the next process id.</summary>
    public int TakePid()
    {
        var pid = NextPid;
        NextPid += 1 + (pid % 7);
        return pid;
    }
}
