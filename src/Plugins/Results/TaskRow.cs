namespace PveAgent.Plugins.Results;

/// <summary>One task in <see cref="TaskList"/>.</summary>
/// <param name="Upid">Task id, what <c>task_log</c> takes.</param>
/// <param name="Node">Node it ran on.</param>
/// <param name="Type">Task type, e.g. <c>qmigrate</c>.</param>
/// <param name="Status"><c>running</c>, <c>OK</c>, <c>WARNINGS: n</c> or the error.</param>
/// <param name="Target">Guest id or other object, when any.</param>
/// <param name="User">Who started it.</param>
/// <param name="Started">When it started.</param>
/// <param name="Ended">When it ended.</param>
public sealed record TaskRow(string Upid, string Node, string Type, string Status, string? Target = null, string? User = null, DateTimeOffset? Started = null, DateTimeOffset? Ended = null);
