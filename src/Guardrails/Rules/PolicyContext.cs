using PveAgent.Core.Plans;
using PveAgent.Core.State;

namespace PveAgent.Guardrails.Rules;

/// <summary>Everything a rule may look at: the step, its plan, the cluster now, the policy, recent history and the time.</summary>
internal sealed record PolicyContext(
    Plan Plan,
    PlanStep Step,
    ClusterSnapshot Snapshot,
    GuardrailPolicy Policy,
    PolicyHistory History,
    DateTimeOffset Now,
    IReadOnlyDictionary<string, ToolEffect>? ToolEffects)
{
    public ClusterAction Action => Step.Action;

    public ToolEffect Effect => Step.Action.Effect;

    /// <summary>The steps that run before this one.</summary>
    public IEnumerable<PlanStep> EarlierSteps => Plan.Steps.Where(s => s.Index < Step.Index);

    /// <summary>The tool name without the <c>undo:</c> prefix of undo steps, which obey the rules of the tool they undo.</summary>
    public string BaseTool => Step.Tool.StartsWith(UndoPlanner.ToolPrefix, StringComparison.Ordinal) ? Step.Tool[UndoPlanner.ToolPrefix.Length..] : Step.Tool;

    public bool IsUndo => Step.Tool.StartsWith(UndoPlanner.ToolPrefix, StringComparison.Ordinal);
}
