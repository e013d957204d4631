namespace PveAgent.Plugins.Results;

/// <summary>Where a task would run and why (<c>route_task</c>).</summary>
/// <param name="Task">Task type.</param>
/// <param name="Choice">The best place, or null when none can take the task.</param>
/// <param name="Fallbacks">The next places, best first.</param>
/// <param name="Rejected">Places excluded, with the reason (at most 10).</param>
/// <param name="Model">Model asked for, when any.</param>
public sealed record RouteResult(string Task, RouteChoice? Choice, IReadOnlyList<RouteAlternative> Fallbacks, IReadOnlyList<string> Rejected, string? Model = null) : ToolResult;
