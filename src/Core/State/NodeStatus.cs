namespace PveAgent.Core.State;

/// <summary>A node's membership state as Proxmox reports it, plus <see cref="Asleep"/> which PveAgent infers.</summary>
public enum NodeStatus
{
    /// <summary>Online and part of the quorum.</summary>
    Online,

    /// <summary>Offline, and no way to wake it is configured.</summary>
    Offline,

    /// <summary>Offline, but it has Wake-on-LAN configured: it can be woken on demand.</summary>
    Asleep,

    /// <summary>Proxmox does not know.</summary>
    Unknown,
}
