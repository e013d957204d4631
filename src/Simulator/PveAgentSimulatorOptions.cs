namespace PveAgent.Simulator;

/// <summary>Settings of the embedded simulator (state location, accepted token secret, randomness).</summary>
public sealed class PveAgentSimulatorOptions
{
    /// <summary>The token secret the simulated Proxmox API accepts unless told otherwise.</summary>
    public const string DefaultTokenSecret = "simulated-token-secret";

    /// <summary>Default seed of the simulated world.</summary>
    public const int DefaultSeed = 8006;

    /// <summary>Secret the simulated API accepts for the registry's token id (default <see cref="DefaultTokenSecret"/>); must not be empty.</summary>
    public string TokenSecret
    {
        get;
        set
        {
            ArgumentException.ThrowIfNullOrEmpty(value);
            field = value;
        }
    } = DefaultTokenSecret;

    /// <summary>Folder of <c>simulator.json</c>; null means PveAgent.Core.Storage.StateDirectory (<c>$PVEAGENT_STATE_DIR</c> or the per-user state folder).</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Keep the world in the state file so successive processes see earlier changes (default true); false keeps it in memory only.</summary>
    public bool PersistState { get; set; } = true;

    /// <summary>Seed of every figure and id the simulator invents (default <see cref="DefaultSeed"/>).</summary>
    public int Seed { get; set; } = DefaultSeed;

    /// <summary>Delay 401 answers by 3 s of simulated time, as pve-http-server does (default false).</summary>
    public bool EmulateAuthFailureDelay { get; set; }
}
