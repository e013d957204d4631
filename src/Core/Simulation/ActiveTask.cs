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

    /// <summary>Virtual time the task got its model's memory (a warm model, a load started or joined): until then it waited for busy models to free memory.</summary>
    public double ServedAt { get; set; }

    /// <summary>Virtual time its work started (after any model load).</summary>
    public double StartedAt { get; set; }

    /// <summary>Seconds its work takes on the idle accelerator; the run lasts longer when more requests than streams share it.</summary>
    public double WorkSeconds { get; set; }

    /// <summary>Virtual time it finished.</summary>
    public double FinishedAt { get; set; }
}
