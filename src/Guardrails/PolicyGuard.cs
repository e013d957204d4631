using PveAgent.Core.Plans;
using PveAgent.Core.State;

namespace PveAgent.Guardrails;

/// <summary>
/// The guardrails as the <see cref="PlanApplier"/> re-asks them right before a plan and each of its steps run: the
/// <see cref="PolicyEngine"/> on the cluster as it is then, with the migrations of the last hour read from the journal.
/// </summary>
public sealed class PolicyGuard : IPlanGuard
{
    private readonly PolicyEngine _engine;
    private readonly PlanStore _store;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the guard.</summary>
    public PolicyGuard(PolicyEngine engine, PlanStore store, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(store);
        _engine = engine;
        _store = store;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async ValueTask<PolicyVerdict> CheckAsync(Plan plan, PlanStep planStep, ClusterSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        var history = await PolicyHistory.LoadAsync(_store, now, cancellationToken);
        return _engine.Evaluate(plan, planStep, snapshot, history, now);
    }
}
