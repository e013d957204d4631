namespace PveAgent.Core.Proxmox;

/// <summary>The <c>type</c> filter of <c>GET /cluster/resources</c> (the only values PVE accepts there).</summary>
public enum ClusterResourceType
{
    /// <summary>Guests: QEMU VMs and LXC containers (<c>vm</c>).</summary>
    Vm,

    /// <summary>Storages (<c>storage</c>).</summary>
    Storage,

    /// <summary>Nodes (<c>node</c>).</summary>
    Node,

    /// <summary>SDN zones (<c>sdn</c>).</summary>
    Sdn,
}
