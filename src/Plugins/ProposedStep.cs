using System.Text.Json.Serialization;
using PveAgent.Core.Plans;

namespace PveAgent.Plugins;

/// <summary>
/// What a write tool returns instead of acting: the resolved change, why, the facts it relies on and how to undo it.
/// The planning session turns it into a <see cref="PlanStep"/>; nothing reaches the cluster until the plan is applied.
/// </summary>
public sealed record ProposedStep : ToolResult
{
    /// <summary>The change, fully resolved.</summary>
    public required ClusterAction Action { get; init; }

    /// <summary>Why the step is there (a default the planner may replace).</summary>
    public required string Rationale { get; init; }

    /// <summary>Facts, as projected after the earlier steps, that must hold right before the step runs.</summary>
    public IReadOnlyList<Precondition> Preconditions { get; init; } = [];

    /// <summary>What undoes the step if a later one fails, or null when nothing can.</summary>
    public ClusterAction? Compensation { get; init; }

    /// <summary>The action's effect.</summary>
    [JsonIgnore]
    public ToolEffect Effect => Action.Effect;
}
