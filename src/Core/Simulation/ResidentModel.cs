using PveAgent.Core.Hardware;

namespace PveAgent.Core.Simulation;

/// <summary>A model held in device memory by one service: loading until its load completes, then warm.</summary>
internal sealed class ResidentModel
{
    public required SimService Service { get; init; }

    public required string Key { get; init; }

    public required string Name { get; init; }

    public required ModelProfile Profile { get; init; }

    public required int[] Devices { get; init; }

    public required double ShareGb { get; init; }

    public bool Loaded { get; set; }

    public double LastUsed { get; set; }

    /// <summary>Tasks running on it or waiting for its load; a model in use is never evicted.</summary>
    public int InUse { get; set; }

    public List<ActiveTask> Waiters { get; } = [];
}
