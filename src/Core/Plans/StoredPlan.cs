namespace PveAgent.Core.Plans;

/// <summary>A plan as kept by <see cref="PlanStore"/>, with where it is in its life.</summary>
public sealed record StoredPlan
{
    /// <summary>The plan (secrets in it were masked when it was saved).</summary>
    public required Plan Plan { get; init; }

    /// <summary>Its status.</summary>
    public required PlanStatus Status { get; init; }

    /// <summary>When the status last changed (or the plan was saved).</summary>
    public required DateTimeOffset Updated { get; init; }
}
