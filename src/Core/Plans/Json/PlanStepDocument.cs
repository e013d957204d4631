using System.Text.Json;

namespace PveAgent.Core.Plans.Json;

/// <summary>The JSON shape of a <see cref="PlanStep"/>: <c>index, tool, arguments, effect, rationale, depends_on, verdict</c>, then the extras.</summary>
internal sealed record PlanStepDocument
{
    public required int Index { get; init; }

    public required string Tool { get; init; }

    public required JsonElement Arguments { get; init; }

    // Written for readers; on reading, the action decides the effect, never this field.
    public ToolEffect? Effect { get; init; }

    public required string Rationale { get; init; }

    public IReadOnlyList<int> DependsOn { get; init; } = [];

    public PolicyVerdict? Verdict { get; init; }

    // Written for readers (Describe() of the action); ignored on reading.
    public string? Description { get; init; }

    public required ClusterAction Action { get; init; }

    public ClusterAction? Compensation { get; init; }

    public IReadOnlyList<Precondition> Preconditions { get; init; } = [];
}
