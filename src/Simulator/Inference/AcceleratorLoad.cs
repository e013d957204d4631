using PveAgent.Core.Hardware;
using PveAgent.Core.Registry;

namespace PveAgent.Simulator.Inference;

/// <summary>Load of one accelerator device at a moment of simulated time.</summary>
public sealed record AcceleratorLoad
{
    /// <summary>Index of the device on its node (0-based, cluster.yaml order).</summary>
    public required int Index { get; init; }

    /// <summary>The accelerator group the device belongs to.</summary>
    public required AcceleratorConfig Config { get; init; }

    /// <summary>Published figures of the device.</summary>
    public required AcceleratorProfile Profile { get; init; }

    /// <summary>Device memory, GB.</summary>
    public required double MemoryTotalGb { get; init; }

    /// <summary>Device memory held by loaded models, GB.</summary>
    public required double MemoryUsedGb { get; init; }

    /// <summary>Share of the device's concurrent capacity in use by running requests (0–1).</summary>
    public required double Busy { get; init; }

    /// <summary>True while a model is being loaded onto the device.</summary>
    public required bool Loading { get; init; }

    /// <summary>Server processes holding memory on the device.</summary>
    public required IReadOnlyList<AcceleratorProcess> Processes { get; init; }
}
