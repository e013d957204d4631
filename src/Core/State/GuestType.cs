namespace PveAgent.Core.State;

/// <summary>Kind of Proxmox guest.</summary>
public enum GuestType
{
    /// <summary>A QEMU/KVM virtual machine (<c>qemu</c>).</summary>
    Qemu,

    /// <summary>An LXC container (<c>lxc</c>).</summary>
    Lxc,
}
