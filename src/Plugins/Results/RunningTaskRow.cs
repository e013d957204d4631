namespace PveAgent.Plugins.Results;

/// <summary>A running task in <see cref="QueueStatus"/>.</summary>
/// <param name="Id">Task id.</param>
/// <param name="Type">Task type.</param>
/// <param name="Node">Node it runs on.</param>
/// <param name="Devices">Device indices it holds.</param>
/// <param name="VramGib">Device memory it holds, GiB.</param>
/// <param name="Started">When it started.</param>
/// <param name="Model">Model, when any.</param>
public sealed record RunningTaskRow(string Id, string Type, string Node, IReadOnlyList<int> Devices, double VramGib, DateTimeOffset Started, string? Model = null);
