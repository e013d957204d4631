namespace PveAgent.Plugins.Results;

/// <summary>Recent Proxmox tasks, newest first (<c>recent_tasks</c>).</summary>
/// <param name="Tasks">The tasks, at most the cap.</param>
/// <param name="Truncated">True when more matched than are listed.</param>
public sealed record TaskList(IReadOnlyList<TaskRow> Tasks, bool? Truncated = null) : ToolResult;
