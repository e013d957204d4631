namespace PveAgent.Simulator.Proxmox.Model;

/// <summary>A cluster PCI resource mapping (<c>/cluster/mapping/pci</c>).</summary>
internal sealed class SimPciMapping
{
    /// <summary>Mapping id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Description.</summary>
    public string Description { get; set; } = "";

    /// <summary>Entries <c>node=…,path=…,id=vendor:device,…</c>.</summary>
    public List<string> Map { get; } = [];

    /// <summary>True when <c>live-migration-capable=1</c>.</summary>
    public bool LiveMigrationCapable { get; set; }
}
