namespace PveAgent.Plugins;

/// <summary>What a caller of a write tool is told: the call became plan step N and runs only after approval.</summary>
/// <param name="QueuedAsStep">1-based step number in the plan.</param>
/// <param name="Summary">The step in words.</param>
/// <param name="Runs">Always <c>after approval</c>: nothing has been done yet.</param>
public sealed record QueuedStep(int QueuedAsStep, string Summary, string Runs = "after approval");
