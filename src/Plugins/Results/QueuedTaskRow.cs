namespace PveAgent.Plugins.Results;

/// <summary>A waiting task in <see cref="QueueStatus"/>.</summary>
/// <param name="Id">Task id.</param>
/// <param name="Type">Task type.</param>
/// <param name="Node">Node it waits for.</param>
/// <param name="Priority"><c>interactive</c>, <c>normal</c> or <c>batch</c>.</param>
/// <param name="WaitedS">Seconds waited.</param>
/// <param name="Model">Model, when any.</param>
/// <param name="Paused">True when preempted and waiting to resume.</param>
public sealed record QueuedTaskRow(string Id, string Type, string Node, string Priority, double WaitedS, string? Model = null, bool? Paused = null);
