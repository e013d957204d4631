namespace PveAgent.Core.Simulation;

/// <summary>Where a policy sends a task: a service (or, for a job, just the node) and the model to use.</summary>
internal sealed record SimTarget(SimNode Node, SimService? Service, SimGroup Group, string? Model);
