namespace PveAgent.Plugins.Results;

/// <summary>The scheduler's queue (<c>task_queue</c>).</summary>
/// <param name="Queued">Waiting tasks, next first.</param>
/// <param name="Running">Running tasks, oldest first.</param>
/// <param name="Note">Why the queue is unavailable, when it is.</param>
public sealed record QueueStatus(IReadOnlyList<QueuedTaskRow> Queued, IReadOnlyList<RunningTaskRow> Running, string? Note = null) : ToolResult;
