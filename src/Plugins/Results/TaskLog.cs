namespace PveAgent.Plugins.Results;

/// <summary>The last lines of a task's log (<c>task_log</c>).</summary>
/// <param name="Upid">Task id.</param>
/// <param name="Lines">Log lines, oldest first.</param>
/// <param name="Total">Lines in the whole log, when known.</param>
/// <param name="Truncated">True when earlier lines were left out.</param>
public sealed record TaskLog(string Upid, IReadOnlyList<string> Lines, long? Total = null, bool? Truncated = null) : ToolResult;
