namespace PveAgent.Core.Plans;

/// <summary>The answer of <see cref="PlanStore.FindAsync"/>: the plan, or why there is none (unknown or ambiguous id).</summary>
public sealed record PlanLookup
{
    /// <summary>The plan, when exactly one matched.</summary>
    public StoredPlan? Found { get; init; }

    /// <summary>Every plan the text matched (more than one: the prefix is ambiguous).</summary>
    public IReadOnlyList<PlanSummary> Candidates { get; init; } = [];

    /// <summary>What was wrong and how to fix it, when nothing was found.</summary>
    public string? Problem { get; init; }
}
