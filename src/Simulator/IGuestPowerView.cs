namespace PveAgent.Simulator;

/// <summary>What other components may ask the simulated Proxmox about: is a guest or node up (a service inside a stopped guest refuses connections).</summary>
public interface IGuestPowerView
{
    /// <summary>True when the guest exists and is running.</summary>
    bool IsGuestRunning(int vmId);

    /// <summary>True when the node is online (not asleep or off).</summary>
    bool IsNodeOnline(string node);

    /// <summary>Node a guest currently lives on, or null when it does not exist.</summary>
    string? NodeOfGuest(int vmId);
}
