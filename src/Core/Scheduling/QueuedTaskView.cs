using PveAgent.Core.Registry;
using PveAgent.Core.Routing;

namespace PveAgent.Core.Scheduling;

/// <summary>A waiting task as <c>pve-agent queue</c> shows it.</summary>
public sealed record QueuedTaskView
{
    /// <summary>Task id.</summary>
    public required string Id { get; init; }

    /// <summary>Task type.</summary>
    public required string Type { get; init; }

    /// <summary>Model, when any.</summary>
    public string? Model { get; init; }

    /// <summary>Priority it was submitted with.</summary>
    public required TaskPriority Priority { get; init; }

    /// <summary>Priority after aging (interactive 2, normal 1, batch 0, plus the waiting bonus).</summary>
    public required double EffectivePriority { get; init; }

    /// <summary>Node it waits for.</summary>
    public required string Node { get; init; }

    /// <summary>Accelerator family it will use there (null when the view was made without it).</summary>
    public AcceleratorKind? Accelerator { get; init; }

    /// <summary>How long it has waited.</summary>
    public required TimeSpan Waited { get; init; }

    /// <summary>True when it was paused by preemption and will resume.</summary>
    public bool Paused { get; init; }
}
