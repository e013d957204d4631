using System.Text.Json;

namespace PveAgent.Core.Plans;

/// <summary>One step of a plan: a tool call with its resolved action, why it is there, and what the guardrails said.</summary>
public sealed record PlanStep
{
    /// <summary>1-based position in the plan.</summary>
    public required int Index { get; init; }

    /// <summary>Tool name as in the catalog (<c>migrate_guest</c>).</summary>
    public required string Tool { get; init; }

    /// <summary>Arguments as given to the tool (a JSON object).</summary>
    public required JsonElement Arguments { get; init; }

    /// <summary>The change, resolved at planning time.</summary>
    public required ClusterAction Action { get; init; }

    /// <summary>Why the planner added the step.</summary>
    public required string Rationale { get; init; }

    /// <summary>Steps that must have succeeded before this one runs.</summary>
    public IReadOnlyList<int> DependsOn { get; init; } = [];

    /// <summary>What undoes this step if a later one fails (null when nothing can: a reboot, a deletion).</summary>
    public ClusterAction? Compensation { get; init; }

    /// <summary>Facts this step relies on, as projected after the earlier steps; re-checked right before it runs.</summary>
    public IReadOnlyList<Precondition> Preconditions { get; init; } = [];

    /// <summary>The guardrail verdict.</summary>
    public PolicyVerdict Verdict { get; init; } = PolicyVerdict.Pending;

    /// <summary>The action's effect.</summary>
    public ToolEffect Effect => Action.Effect;
}
