using PveAgent.Core.Registry;

namespace PveAgent.Simulator;

/// <summary>What every simulator component shares: the registry it was seeded from, the clock, randomness and a view of guest power state.</summary>
public sealed class SimulationContext(ClusterConfig config, TimeProvider clock, int seed)
{
    /// <summary>The registry the world was seeded from.</summary>
    public ClusterConfig Config { get; } = config;

    /// <summary>Simulated time source (the system clock in the CLI, a manual clock in tests).</summary>
    public TimeProvider Clock { get; } = clock;

    /// <summary>Seed for any randomness, so a world is reproducible.</summary>
    public int Seed { get; } = seed;

    /// <summary>Power state of guests and nodes, provided by the Proxmox component once it is seeded or loaded.</summary>
    public IGuestPowerView? Power { get; set; }
}
