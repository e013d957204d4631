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
}
