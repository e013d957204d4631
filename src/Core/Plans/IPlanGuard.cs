using PveAgent.Core.State;

namespace PveAgent.Core.Plans;

/// <summary>
/// Re-asks the guardrails about a step against the cluster as it is when the step is about to run (a maintenance window
/// may have closed, the migration budget may be spent since planning); the Guardrails assembly implements it.
/// </summary>
public interface IPlanGuard
{
    /// <summary>The verdict for <paramref name="planStep"/> of <paramref name="plan"/> now.</summary>
    ValueTask<PolicyVerdict> CheckAsync(Plan plan, PlanStep planStep, ClusterSnapshot snapshot, CancellationToken cancellationToken = default);
}
