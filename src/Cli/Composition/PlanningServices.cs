using PveAgent.Core.Plans;
using PveAgent.Core.Routing;
using PveAgent.Core.State;
using PveAgent.Guardrails;
using PveAgent.Guardrails.Audit;
using PveAgent.Plugins;

namespace PveAgent.Cli.Composition;

/// <summary>
/// Plans, guardrails and audit for one CLI run, on top of a <see cref="ClusterSession"/>: the plan store and audit
/// log in the state directory, the policy from cluster.yaml's <c>guardrails:</c>, and the journaled applier.
/// </summary>
internal sealed class PlanningServices
{
    private PlanningServices(ClusterSession session, GuardrailPolicy policy)
    {
        Session = session;
        Policy = policy;
        Store = PlanStore.InDirectory(session.StateDirectory, session.Redactor, session.Clock);
        Audit = AuditLog.InDirectory(session.StateDirectory, session.Redactor, session.Clock);
        Engine = new PolicyEngine(policy, ToolCatalog.Default.Tools.ToDictionary(t => t.Name, t => t.Effect, StringComparer.Ordinal));
        Approval = new ApprovalPolicy(policy);
        Applier = new PlanApplier(session.Actions, session.Snapshots, Store, session.Clock, new PolicyGuard(Engine, Store, session.Clock));
    }

    public ClusterSession Session { get; }

    public GuardrailPolicy Policy { get; }

    public PlanStore Store { get; }

    public AuditLog Audit { get; }

    public PolicyEngine Engine { get; }

    public ApprovalPolicy Approval { get; }

    public PlanApplier Applier { get; }

    public static PlanningServices Create(ClusterSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new PlanningServices(session, session.Config.Sections.Get<GuardrailPolicy>() ?? GuardrailPolicy.Default);
    }

    /// <summary>A tool context for one planning session (it caches one cluster read).</summary>
    public ToolContext NewToolContext() => new(Session.Snapshots, Session.Proxmox, Session.Config, Session.Clock)
    {
        Routing = RoutingSectionBinder.OptionsFor(Session.Config),
        Latencies = Session.Latencies.Snapshot(),
        Telemetry = Session.Telemetry,
    };

    /// <summary>Gives every step its guardrail verdict, saves the plan and records it in the audit log.</summary>
    public async Task<Plan> CheckAndSaveAsync(Plan plan, ClusterSnapshot snapshot, CancellationToken cancellationToken)
    {
        var now = Session.Clock.GetUtcNow();
        var history = await PolicyHistory.LoadAsync(Store, now, cancellationToken);
        var checkedPlan = Engine.WithVerdicts(plan, snapshot, history, now);
        await Store.SaveAsync(checkedPlan, cancellationToken);
        Audit.PlanCreated(checkedPlan);
        Audit.Verdicts(checkedPlan);
        return checkedPlan;
    }
}
