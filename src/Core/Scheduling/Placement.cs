using PveAgent.Core.Registry;
using PveAgent.Core.Routing;

namespace PveAgent.Core.Scheduling;

/// <summary>Where a task is to run and what it holds there: the router's choice turned into resources.</summary>
public sealed record Placement
{
    /// <summary>Node name.</summary>
    public required string Node { get; init; }

    /// <summary>Accelerator family the task uses.</summary>
    public required AcceleratorKind Accelerator { get; init; }

    /// <summary>Device memory the task needs in GB, split evenly over its devices (0 for none).</summary>
    public double VramGb { get; init; }

    /// <summary>Devices it needs at least (a model spanning two GPUs needs 2); more are taken when memory requires.</summary>
    public int Devices { get; init; } = 1;

    /// <summary>True when the task needs its devices to itself (training), taking every slot on them.</summary>
    public bool Exclusive { get; init; }

    /// <summary>True when the task may be preempted by interactive work; by default batch-priority tasks may.</summary>
    public bool? Preemptible { get; init; }

    /// <summary>True when a preempted task can be paused and resumed (a training job that checkpoints); otherwise it is evicted and restarted.</summary>
    public bool Pausable { get; init; }

    /// <summary>The placement of a routed task on its best candidate; training runs exclusive and pausable.</summary>
    public static Placement From(RouteCandidate candidate, TaskRequest task, double vramGb)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(task);
        var training = task.Type == TaskType.Training;
        return new Placement
        {
            Node = candidate.Node,
            Accelerator = candidate.Accelerator,
            VramGb = vramGb,
            Devices = candidate.Devices,
            Exclusive = training,
            Pausable = training,
        };
    }
}
