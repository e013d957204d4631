namespace PveAgent.Core.Scheduling;

/// <summary>A change in the scheduler, raised after the change is made.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="TaskId">The task it happened to.</param>
/// <param name="Node">The task's node.</param>
/// <param name="At">When (the scheduler's clock).</param>
/// <param name="Devices">Device indices the task holds (Started) or held (Paused, Evicted, Completed); empty otherwise.</param>
/// <param name="Detail">Why, in words (e.g. which task preempted it).</param>
public sealed record SchedulerEvent(SchedulerEventKind Kind, string TaskId, string Node, DateTimeOffset At, IReadOnlyList<int> Devices, string? Detail = null);
