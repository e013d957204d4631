namespace PveAgent.Simulator.Inference;

/// <summary>How busy each accelerator of a node is, as the telemetry simulator needs it to fake nvidia-smi and tt-smi.</summary>
public interface IAcceleratorLoadView
{
    /// <summary>One entry per accelerator device of <paramref name="node"/> (cluster.yaml order, groups expanded by count); empty for an unknown node.</summary>
    IReadOnlyList<AcceleratorLoad> GetAcceleratorLoads(string node, SimulationContext context);
}
