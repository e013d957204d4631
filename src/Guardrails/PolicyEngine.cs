using PveAgent.Core.Plans;
using PveAgent.Core.State;
using PveAgent.Guardrails.Rules;

namespace PveAgent.Guardrails;

/// <summary>
/// Decides, for every step of a plan, <see cref="PolicyDecision.Allow"/>, <see cref="PolicyDecision.NeedsApproval"/> or
/// <see cref="PolicyDecision.Deny"/> with the reasons in plain words. A pure function of (step, plan, cluster snapshot,
/// policy, recent history, time): the rules run in a fixed order, the first denial wins, otherwise the strictest decision
/// of the rules that spoke. Anything the rules do not know is denied.
/// </summary>
/// <remarks>
/// Rule order: known action/tool/arguments, allowed/denied tools, steps per plan, mode, protected guests and nodes,
/// targets exist, maintenance windows, migration rate and concurrency, migration target capacity, free accelerator memory.
/// </remarks>
public sealed class PolicyEngine
{
    private static readonly IPolicyRule[] Rules =
    [
        new KnownActionRule(),
        new ToolListRule(),
        new StepLimitRule(),
        new ModeRule(),
        new ProtectedRule(),
        new TargetsExistRule(),
        new MaintenanceWindowRule(),
        new MigrationRateRule(),
        new MigrationCapacityRule(),
        new GpuVramRule(),
    ];

    private readonly IReadOnlyDictionary<string, ToolEffect>? _toolEffects;

    /// <summary>An engine for <paramref name="policy"/>.</summary>
    /// <param name="policy">The guardrails of <c>cluster.yaml</c>.</param>
    /// <param name="toolEffects">The tool catalog (name → declared effect); when given, a step whose tool is not in it is denied.</param>
    public PolicyEngine(GuardrailPolicy policy, IReadOnlyDictionary<string, ToolEffect>? toolEffects = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy;
        _toolEffects = toolEffects;
    }

    /// <summary>The policy in force.</summary>
    public GuardrailPolicy Policy { get; }

    /// <summary>The verdict for one step of <paramref name="plan"/>.</summary>
    public PolicyVerdict Evaluate(Plan plan, PlanStep step, ClusterSnapshot snapshot, PolicyHistory history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(history);
        var context = new PolicyContext(plan, step, snapshot, Policy, history, now, _toolEffects);
        var spoke = new List<RuleVerdict>();
        foreach (var rule in Rules)
        {
            if (rule.Evaluate(context) is not { } verdict)
            {
                continue;
            }

            if (verdict.Decision == PolicyDecision.Deny)
            {
                return new PolicyVerdict { Decision = PolicyDecision.Deny, Reasons = [verdict.Reason] };
            }

            spoke.Add(verdict);
        }

        return spoke.Count == 0
            // Every known action meets the mode rule, so silence means a rule is missing: deny rather than guess.
            ? new PolicyVerdict { Decision = PolicyDecision.Deny, Reasons = ["no guardrail rule covers this step, so it is denied by default"] }
            : new PolicyVerdict { Decision = spoke.Max(v => v.Decision), Reasons = [.. spoke.Select(v => v.Reason)] };
    }

    /// <summary>The verdict of every step, in plan order.</summary>
    public IReadOnlyList<PolicyVerdict> Evaluate(Plan plan, ClusterSnapshot snapshot, PolicyHistory history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return [.. plan.Steps.Select(s => Evaluate(plan, s, snapshot, history, now))];
    }

    /// <summary><paramref name="plan"/> with every step's <see cref="PlanStep.Verdict"/> set.</summary>
    public Plan WithVerdicts(Plan plan, ClusterSnapshot snapshot, PolicyHistory history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var verdicts = Evaluate(plan, snapshot, history, now);
        return plan with { Steps = [.. plan.Steps.Select((s, i) => s with { Verdict = verdicts[i] })] };
    }
}
