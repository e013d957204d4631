using PveAgent.Core.Registry;

namespace PveAgent.Core.Simulation;

/// <summary>A simulated node: its registry entry, accelerator groups (the CPU last), services and power figures.</summary>
internal sealed class SimNode
{
    public required NodeConfig Config { get; init; }

    public required int Order { get; init; }

    public required SimGroup[] Groups { get; set; }

    public List<SimService> Services { get; } = [];

    public required double IdleWatts { get; init; }

    public required double MaxWatts { get; init; }

    public required double RamGb { get; init; }

    /// <summary>Virtual time the node's disk finishes the loads already queued on it: models load one after another from one disk.</summary>
    public double DiskFreeAt { get; set; }

    public string Name => Config.Name;

    public SimGroup Primary => Groups[0];

    public SimGroup Cpu => Groups[^1];

    public SimGroup? GroupOf(AcceleratorKind kind) => Array.Find(Groups, g => g.Kind == kind);
}
