using PveAgent.Core.Registry;
using PveAgent.Core.Routing;

namespace PveAgent.Core.Scheduling;

/// <summary>The scheduler at one moment: what waits (in the order it would start), what runs, how full each device is.</summary>
public sealed record QueueSnapshot
{
    /// <summary>When the view was taken.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Waiting tasks, next to start first.</summary>
    public required IReadOnlyList<QueuedTaskView> Queued { get; init; }

    /// <summary>Running tasks, oldest first.</summary>
    public required IReadOnlyList<RunningTaskView> Running { get; init; }

    /// <summary>Every device of every node.</summary>
    public required IReadOnlyList<DeviceUsageView> Devices { get; init; }

    /// <summary>
    /// The jobs (training, preprocessing, custom types) running or waiting per node and accelerator family, for the router;
    /// inference requests are left out because the services report them themselves, and so are views without an accelerator family.
    /// </summary>
    public JobLoad JobLoad()
    {
        var jobs = new List<KeyValuePair<(string Node, AcceleratorKind Accelerator), double>>();
        foreach (var task in Running)
        {
            if (IsJob(task.Type) && task.Accelerator is { } kind)
            {
                jobs.Add(new((task.Node, kind), 1));
            }
        }

        foreach (var task in Queued)
        {
            if (IsJob(task.Type) && task.Accelerator is { } kind)
            {
                jobs.Add(new((task.Node, kind), 1));
            }
        }

        return new JobLoad(jobs);
    }

    private static bool IsJob(string type) => TaskType.Parse(type).Execution == TaskExecution.Job;
}
