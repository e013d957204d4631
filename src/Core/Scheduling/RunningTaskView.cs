using PveAgent.Core.Registry;
using PveAgent.Core.Routing;

namespace PveAgent.Core.Scheduling;

/// <summary>A running task as <c>pve-agent queue</c> shows it.</summary>
public sealed record RunningTaskView
{
    /// <summary>Task id.</summary>
    public required string Id { get; init; }

    /// <summary>Task type.</summary>
    public required string Type { get; init; }

    /// <summary>Model, when any.</summary>
    public string? Model { get; init; }

    /// <summary>Priority.</summary>
    public required TaskPriority Priority { get; init; }

    /// <summary>Node.</summary>
    public required string Node { get; init; }

    /// <summary>Accelerator family it uses (null when the view was made without it).</summary>
    public AcceleratorKind? Accelerator { get; init; }

    /// <summary>Device indices it holds.</summary>
    public required IReadOnlyList<int> Devices { get; init; }

    /// <summary>Device memory it holds in GB.</summary>
    public required double VramGb { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>True when interactive work may preempt it.</summary>
    public required bool Preemptible { get; init; }
}
