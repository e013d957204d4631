namespace PveAgent.Simulator.Proxmox.Model;

/// <summary>A simulated VM or container: its configuration as PVE stores it (strings per key) and its run state.</summary>
internal sealed class SimGuest
{
    /// <summary>VMID.</summary>
    public int VmId { get; set; }

    /// <summary><c>qemu</c> or <c>lxc</c>.</summary>
    public string Type { get; set; } = "qemu";

    /// <summary>Node the guest lives on.</summary>
    public string Node { get; set; } = "";

    /// <summary>True while the guest runs.</summary>
    public bool Running { get; set; }

    /// <summary>True while a running VM is paused (suspend to RAM).</summary>
    public bool Paused { get; set; }

    /// <summary>When the current run started (uptime base).</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>Process id of the running guest.</summary>
    public int? Pid { get; set; }

    /// <summary>Configuration keys and values as <c>/etc/pve/…/&lt;vmid&gt;.conf</c> holds them.</summary>
    public SortedDictionary<string, string> Config { get; } = new(StringComparer.Ordinal);

    /// <summary>Changes waiting for the next start (non-hotpluggable keys changed while running).</summary>
    public SortedDictionary<string, string> Pending { get; } = new(StringComparer.Ordinal);

    /// <summary>Keys whose deletion waits for the next start.</summary>
    public List<string> PendingDelete { get; } = [];

    /// <summary>Snapshots, oldest first.</summary>
    public List<SimSnapshot> Snapshots { get; } = [];

    /// <summary>True for a VM.</summary>
    public bool IsQemu => Type == "qemu";

    /// <summary>Guest name (<c>name</c> for VMs, <c>hostname</c> for containers).</summary>
    public string Name => Config.GetValueOrDefault(IsQemu ? "name" : "hostname") ?? $"{(IsQemu ? "VM" : "CT")} {VmId}";

    /// <summary>Config lock, when set.</summary>
    public string? Lock
    {
        get => Config.GetValueOrDefault("lock");
        set
        {
            if (value is null)
            {
                Config.Remove("lock");
            }
            else
            {
                Config["lock"] = value;
            }
        }
    }

    /// <summary>True for a template.</summary>
    public bool Template => Config.GetValueOrDefault("template") == "1";

    /// <summary>Tags, <c>;</c>-separated, when set.</summary>
    public string? Tags => Config.GetValueOrDefault("tags");

    /// <summary><c>VM</c> or <c>CT</c>, as PVE's messages say.</summary>
    public string Kind => IsQemu ? "VM" : "CT";
}
