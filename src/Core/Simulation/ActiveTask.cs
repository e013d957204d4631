using PveAgent.Core.Hardware;

namespace PveAgent.Core.Simulation;

/// <summary>A task inside the simulated cluster, from dispatch to completion.</summary>
internal sealed class ActiveTask
{
    public required SimTask Task { get; init; }

    public required SimGroup Group { get; init; }

    public SimService? Service { get; init; }

    public string? ModelName { get; init; }

    public ModelProfile? Profile { get; init; }

    public ResidentModel? Resident { get; set; }

    public double Remaining { get; set; }

    public bool WarmHit { get; set; }
}
